import ArgumentParser
import Foundation
import ShoeData
import Storefront
import StorefrontHTTP

/// `solemate simulate`: plays the storefront against a running service, shoppers with the
/// generator's hidden tastes, so that an experiment's report has real traffic behind it.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Play simulated shoppers against a running service (lists fetched, events posted).",
        discussion: """
            Users 1...N shop over --days days (one session on the first day, a return visit on a later day \
            more likely the more active the user): each session asks GET /users/{id}/recommendations, \
            views, wishlists and buys shown shoes with probabilities that rise with how well the shoe \
            matches the user's hidden taste (and fall with its position in the list), and posts those \
            events to POST /interactions with the list's recommendation_id. The tastes are the \
            generator's for --data-seed: the seed of the data the service loaded (data/ is 42).
            """
    )

    @Option(help: "Users to simulate: ids 1...N, which must exist in the service's data.")
    var users: Int

    @Option(help: "The experiment expected to serve these users; lists served by none or another are counted apart.")
    var experiment: String

    @Option(help: "Days of shopping (sessions per user grow with it).")
    var days = 1

    @Option(help: "Seed of the shoppers' choices; the same seed against the same service plays the same way.")
    var seed: UInt64 = 1

    @Option(name: .customLong("data-seed"), help: "The generator's seed of the data the service loaded.")
    var dataSeed: UInt64 = 42

    @Option(help: "The service's base URL.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "Users in flight at once.")
    var concurrency = 8

    /// Shoe ids the tastes cover: far beyond any generated catalogue; a shoe the generator never
    /// made under an id is recognised by its brand and model and given an ordinary match.
    static let shoeIDsCovered = 10_000

    func validate() throws {
        guard users > 0 else { throw ValidationError("--users must be at least 1") }
        guard days > 0 else { throw ValidationError("--days must be at least 1") }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1...64") }
        guard URL(string: url)?.host != nil else { throw ValidationError("--url must be a URL such as http://127.0.0.1:8080") }
    }

    func run() async throws {
        guard let baseURL = URL(string: url) else { throw ValidationError("--url is not a URL") }
        let tastes = ShopperTastes(seed: dataSeed, userCount: users, shoeCount: Self.shoeIDsCovered)
        let simulation = StorefrontSimulation(
            storefront: HTTPStorefront(baseURL: baseURL, connections: concurrency), tastes: tastes,
            configuration: .init(users: users, days: days, seed: seed, concurrency: concurrency))
        print("simulating \(users) users over \(days) day(s) against \(url) (experiment \(experiment), seed \(seed))")
        let started = Date()
        let total = users
        let step = max(1, total / 10)
        let summary = await simulation.run { finished in
            if finished % step == 0 || finished == total {
                print(String(format: "  %d/%d users done (%.1f s)", finished, total, Date().timeIntervalSince(started)))
            }
        }
        print(summary.table(elapsedSeconds: Date().timeIntervalSince(started)))
        let others = summary.outcomes.filter { $0.arm?.experiment != experiment }.count
        if others > 0 {
            print("\(others) users were not served by experiment \(experiment) (in no experiment, or another one)")
        }
        if summary.failures.count == summary.outcomes.count {
            throw ValidationError("every user failed: \(summary.failures.first ?? "")")
        }
    }
}
