import ArgumentParser
import ShoeData
import UTCTime
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `solemate generate`: writes a deterministic synthetic shoe-shop dataset as CSV files.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic shoe-shop dataset as CSV files.",
        discussion: """
            The same options always give the same bytes. Events fall in the 12 months before \
            --end-date and follow hidden per-user tastes (kinds of shoe, brands, colours, price level). \
            Files are written to temporary names and renamed only when all are complete.
            Formats: shop = users.csv, shoes.csv, interactions.csv (user_id,shoe_id,interaction_type,timestamp); \
            neutral = items.csv (item_id,brand,model,type,material,color) and interactions.csv \
            (user_id,item_id,event,timestamp), as in shared/EVALUATION.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case shop, neutral
    }

    @Option(help: "Number of users (ids 1...N), at least 1.")
    var users = 2000

    @Option(help: "Number of shoes (ids 1...M), at least 1.")
    var shoes = 300

    @Option(help: "Number of interaction events to generate.")
    var interactions = 100_000

    @Option(help: "Seed of the pseudo-random generator; the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(help: "Output directory; created if missing. Existing files of the same names are replaced.")
    var out: String

    @Option(help: "File layout: shop or neutral.")
    var format: Format = .shop

    @Option(name: .customLong("end-date"), help: "End of the 12-month event window, YYYY-MM-DD (UTC midnight, exclusive).")
    var endDate = "2026-11-01"

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
        let configuration = try generatorConfiguration()
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let generator = try SyntheticDataGenerator(configuration: try generatorConfiguration())
        let dataset = generator.generate()
        let generated = clock.now
        let paths = try dataset.write(
            toDirectory: out, format: format == .shop ? .shop : .neutral)
        let written = clock.now
        print("""
            generated \(dataset.users.count) users, \(dataset.shoes.count) shoes, \
            \(dataset.interactions.count) interactions (seed \(seed), window ending \(endDate)) \
            in \(seconds(generated - started)) s; wrote \(paths.joined(separator: ", ")) \
            in \(seconds(written - generated)) s
            """)
    }

    private func generatorConfiguration() throws(ValidationError) -> GeneratorConfiguration {
        guard endDate.utf8.count == 10, let end = UTCTimestamp.parse(endDate) else {
            throw ValidationError("--end-date must be a date YYYY-MM-DD, got '\(endDate)'")
        }
        return GeneratorConfiguration(
            userCount: users, shoeCount: shoes, interactionCount: interactions, seed: seed, windowEnd: end)
    }

    /// `1.234`: seconds with milliseconds, without Foundation's formatters.
    private func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        let milliseconds = String(attoseconds / 1_000_000_000_000_000)
        return "\(whole)." + String(repeating: "0", count: 3 - milliseconds.count) + milliseconds
    }
}
