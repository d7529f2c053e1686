import ArgumentParser
import Foundation
import SolemateApp
import Synchronization

/// `solemate export`: every user's top k for a campaign, as CSV, JSON Lines or table rows.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the top k of every user (or of the listed ones) for a campaign.",
        discussion: """
            Trains from the database as `serve` does at start, then ranks the users in blocks on every core. \
            --format table copies the lists into campaign_recommendations under a new run_id (one transaction: \
            an interrupted export leaves no run); csv and jsonl go to --out (written under a temporary name, \
            renamed when complete) or standard output. Filters are those of the API, e.g. --type running \
            --max-price 150 --max-per-brand 2.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The model that ranks (hybrid, svd, content, popularity, ease, ials, segment).")
    var model = "hybrid"

    @Option(help: "Shoes per user (1...100).")
    var k = 20

    @Option(help: "`all` (every user of the users table), or a file with one user id per line.")
    var users = "all"

    @Option(help: "csv, jsonl or table.")
    var format: String

    @Option(help: "The file to write (csv, jsonl); standard output when absent.")
    var out: String?

    @Flag(help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Option(help: "Shoe type (repeatable: any of them).") var type: [String] = []
    @Option(help: "Brand (repeatable: any of them).") var brand: [String] = []
    @Option(help: "Material (repeatable).") var material: [String] = []
    @Option(help: "Colour (repeatable).") var color: [String] = []
    @Option(name: .customLong("min-price"), help: "Lowest price, e.g. 49.99.") var minPrice: String?
    @Option(name: .customLong("max-price"), help: "Highest price.") var maxPrice: String?
    @Option(help: "Shoe ids never to list (comma list, repeatable).") var exclude: [String] = []
    @Option(name: .customLong("exclude-interacted"), help: "view, add_to_wishlist, purchase (repeatable).")
    var excludeInteracted: [String] = []
    @Option(name: .customLong("max-per-brand"), help: "At most this many shoes of one brand.") var maxPerBrand: String?

    func run() throws {
        JSONLogHandler.bootstrap()
        let url = try database.url
        guard let format = CampaignExport.Format(rawValue: format) else {
            throw ValidationError("--format must be csv, jsonl or table, got \"\(format)\"")
        }
        if format == .table, out != nil { throw ValidationError("--out is for csv and jsonl; table writes to the database") }
        let environment = try AppConfiguration.from(environment: ProcessInfo.processInfo.environment)
        let options = CampaignExport.Options(
            model: model, k: k, users: try userList(), filter: try CampaignExport.filter(parameters: filterParameters()),
            format: format, output: out)
        let meter = ProgressMeter(enabled: progress || isatty(2) == 1)
        let outcome = try CommandFailure.wrapping {
            try CampaignExport.trainAndRun(
                options, databaseURL: url, training: environment.trainerConfiguration,
                historyEventsPerUser: environment.userHistoryEvents,
                progress: { done, total in
                    meter.update(done, total)
                    if done > 0 { FaultInjection.holdExport(environment: ProcessInfo.processInfo.environment) }
                })
        }
        meter.finish()
        let summary = outcome.summary
        let target = outcome.runID.map { "campaign_recommendations run_id \($0)" } ?? outcome.output ?? "standard output"
        FileHandle.standardError.write(Data("""
            exported \(summary.users) users, \(summary.rows) rows (\(model), version \(summary.modelVersion)) to \(target) \
            in \(String(format: "%.2f", summary.seconds)) s: \(Int(summary.usersPerSecond)) users/s

            """.utf8))
    }

    /// The filter options under the API's parameter names.
    private func filterParameters() -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = type.map { ("type", $0) } + brand.map { ("brand", $0) }
        pairs += material.map { ("material", $0) } + color.map { ("color", $0) }
        pairs += exclude.map { ("exclude", $0) } + excludeInteracted.map { ("exclude_interacted", $0) }
        if let minPrice { pairs.append(("min_price", minPrice)) }
        if let maxPrice { pairs.append(("max_price", maxPrice)) }
        if let maxPerBrand { pairs.append(("max_per_brand", maxPerBrand)) }
        return pairs
    }

    private func userList() throws -> [Int]? {
        guard users != "all" else { return nil }
        let text = try String(contentsOfFile: users, encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).enumerated().compactMap { line, field in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let id = Int(trimmed), id > 0 else { throw ValidationError("\(users):\(line + 1): not a user id: \"\(trimmed)\"") }
            return id
        }
    }
}

/// `exported 51,200 / 200,000 users, 8,123 users/s` on one terminal line, redrawn in place.
/// Its state sits behind a lock, so the exporter may report from whichever thread finishes a chunk.
final class ProgressMeter: Sendable {
    private let enabled: Bool
    private let state = Mutex((started: Date(), shown: false))

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let started = state.withLock { state -> Date in
            if done == 0 { state.started = Date() }
            state.shown = true
            return state.started
        }
        let rate = Double(done) / max(Date().timeIntervalSince(started), 1e-9)
        FileHandle.standardError.write(Data("\r\u{1B}[Kexported \(done) / \(total) users, \(Int(rate)) users/s".utf8))
    }

    func finish() {
        if state.withLock({ $0.shown }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
