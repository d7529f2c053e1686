import Foundation

/// The outcome of a simulation: every user's ledger, and the totals per arm that a report of the
/// same experiment must show.
public struct SimulationSummary: Sendable {
    /// One per simulated user, by user id.
    public let outcomes: [ShopperOutcome]

    public init(outcomes: [ShopperOutcome]) { self.outcomes = outcomes }

    /// Totals of a group of users (one arm, or everybody).
    public struct Tally: Sendable, Equatable {
        public var users = 0
        public var lists = 0
        public var views = 0
        public var wishlists = 0
        public var purchases = 0
        public var revenue = 0.0

        /// No users yet.
        public init() {}

        public var events: Int { views + wishlists + purchases }

        mutating func add(_ outcome: ShopperOutcome) {
            users += 1
            lists += outcome.lists
            views += outcome.views
            wishlists += outcome.wishlists
            purchases += outcome.purchases
            revenue += outcome.revenue
        }
    }

    public var total: Tally { tally(outcomes) }

    /// Per arm name, in name order; users served outside any experiment are under nil.
    public var byArm: [(arm: String?, tally: Tally)] {
        Dictionary(grouping: outcomes, by: { $0.arm?.arm })
            .map { (arm: $0.key, tally: tally($0.value)) }
            .sorted { ($0.arm ?? "") < ($1.arm ?? "") }
    }

    /// Users whose sessions stopped on an error, and the first error.
    public var failures: (count: Int, first: String?) {
        let failed = outcomes.filter { $0.failure != nil }
        return (failed.count, failed.first?.failure)
    }

    /// Users whose arm differed between two of their lists: must be 0.
    public var armChanges: Int { outcomes.filter(\.armChanged).count }

    public var unknownShoes: Int { outcomes.reduce(0) { $0 + $1.unknownShoes } }

    private func tally(_ group: [ShopperOutcome]) -> Tally {
        group.reduce(into: Tally()) { $0.add($1) }
    }

    /// The summary as the `simulate` command prints it: a line of totals and a table per arm.
    public func table(elapsedSeconds: Double) -> String {
        let all = total
        var lines = [
            String(format: "%d users: %d lists fetched, %d events posted (%d views, %d wishlists, %d purchases) in %.1f s",
                   all.users, all.lists, all.events, all.views, all.wishlists, all.purchases, elapsedSeconds),
            "",
            pad(["arm", "users", "lists", "views", "wishlists", "purchases", "revenue", "views/list", "conversion"]),
        ]
        for (arm, tally) in byArm {
            lines.append(pad([
                arm ?? "(none)", "\(tally.users)", "\(tally.lists)", "\(tally.views)", "\(tally.wishlists)",
                "\(tally.purchases)", String(format: "%.2f", tally.revenue),
                String(format: "%.4f", tally.lists > 0 ? Double(tally.views) / Double(tally.lists) : 0),
                String(format: "%.4f", conversion(arm)),
            ]))
        }
        if failures.count > 0 { lines.append("\(failures.count) users stopped on an error; the first: \(failures.first ?? "")") }
        if armChanges > 0 { lines.append("\(armChanges) users were served by two different arms") }
        if unknownShoes > 0 {
            lines.append("\(unknownShoes) shown shoes are not the generator's of this seed (is --data-seed the data's seed?)")
        }
        return lines.joined(separator: "\n")
    }

    /// Share of the arm's users with a purchase.
    private func conversion(_ arm: String?) -> Double {
        let users = outcomes.filter { $0.arm?.arm == arm }
        return users.isEmpty ? 0 : Double(users.filter { $0.purchases > 0 }.count) / Double(users.count)
    }

    private func pad(_ cells: [String]) -> String {
        zip(cells, [12, 7, 7, 7, 10, 10, 11, 11, 11]).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined().trimmingCharacters(in: .whitespaces)
    }
}
