import ShoeData

/// Plays users 1...`users` of the generator's tastes against a storefront over `days` days: each
/// session fetches the user's list, lets ``ShopperBehaviour`` act on it and records the events
/// before the user's next session. Several users are in flight at once; each draws from a random
/// stream of its own (seed, user), so the outcome does not depend on their interleaving.
public struct StorefrontSimulation: Sendable {
    public struct Configuration: Sendable {
        public var users: Int
        public var days: Int
        /// The simulation's own seed (the shoppers' choices), not the data's.
        public var seed: UInt64
        /// Users in flight at once.
        public var concurrency: Int
        /// Shoes per list asked for.
        public var listSize: Int

        public init(users: Int, days: Int = 1, seed: UInt64 = 1, concurrency: Int = 8, listSize: Int = 10) {
            self.users = users
            self.days = days
            self.seed = seed
            self.concurrency = concurrency
            self.listSize = listSize
        }
    }

    /// The stream number of the shoppers' draws (the generator's own streams are 1-3).
    static let randomStream: UInt64 = 7

    public let storefront: any Storefront
    public let tastes: ShopperTastes
    public let behaviour: ShopperBehaviour
    public let configuration: Configuration

    public init(storefront: any Storefront, tastes: ShopperTastes, behaviour: ShopperBehaviour = ShopperBehaviour(),
                configuration: Configuration) {
        self.storefront = storefront
        self.tastes = tastes
        self.behaviour = behaviour
        self.configuration = configuration
    }

    /// Runs every user; `progress` is called after each finished user with the count done so far.
    /// A failed call ends that user's sessions and is counted, never thrown: the summary says how
    /// many failed and the first reason.
    public func run(progress: @Sendable (_ finishedUsers: Int) -> Void = { _ in }) async -> SimulationSummary {
        let users = configuration.users > 0 ? Array(1...configuration.users) : []
        var outcomes: [ShopperOutcome] = []
        outcomes.reserveCapacity(users.count)
        await withTaskGroup(of: ShopperOutcome.self) { group in
            var pending = users.makeIterator()
            for _ in 0..<max(1, configuration.concurrency) {
                guard let user = pending.next() else { break }
                group.addTask { await shop(as: user) }
            }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                progress(outcomes.count)
                if let user = pending.next() { group.addTask { await shop(as: user) } }
            }
        }
        return SimulationSummary(outcomes: outcomes.sorted { $0.userID < $1.userID })
    }

    /// One user's sessions, in order.
    func shop(as userID: Int) async -> ShopperOutcome {
        var random = SeededRandom(seed: configuration.seed, stream: Self.randomStream, index: UInt64(userID))
        var outcome = ShopperOutcome(userID: userID)
        let sessions = behaviour.sessions(
            activity: tastes.activity(userID: userID) ?? 1, days: configuration.days, random: &random)
        for _ in 0..<sessions {
            do {
                let list = try await storefront.recommendations(forUser: userID, count: configuration.listSize)
                let (events, unknown) = behaviour.session(userID: userID, list: list, tastes: tastes, random: &random)
                if !events.isEmpty { try await storefront.record(events) }
                outcome.add(list: list, events: events, unknownShoes: unknown)
            } catch {
                outcome.failure = String(describing: error)
                break
            }
        }
        return outcome
    }
}
