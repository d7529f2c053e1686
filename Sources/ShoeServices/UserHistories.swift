import ShoeData
import Synchronization

/// What each user has done, kept in memory so recommendations are answered without the database
/// (and keep being answered while it is down), and updated the moment new events are written.
///
/// Per user: the summed weight per shoe (view 1, wishlist 3, purchase 5) and the shoes bought.
public final class UserHistories: Sendable {
    public struct History: Sendable, Equatable {
        /// Shoe id → summed event weight.
        public var weights: [Int: Double] = [:]
        /// Shoes the user bought: never recommended to them again.
        public var purchased: Set<Int> = []
        /// Shoes the user viewed and put on the wishlist: what `exclude_interacted` leaves out.
        public var viewed: Set<Int> = []
        public var wishlisted: Set<Int> = []
        /// Shoe id → seconds since 1970 of the user's latest event with it: what the time-aware
        /// models (`ease-decay`, the recency re-ranking) read from a served history.
        public var lastSeen: [Int: Int64] = [:]

        public var isEmpty: Bool { weights.isEmpty }

        /// Nobody's history: no events.
        public init() {}

        /// The shoes the user had an event of `kind` with.
        public func shoes(_ kind: InteractionKind) -> Set<Int> {
            switch kind {
            case .view: viewed
            case .addToWishlist: wishlisted
            case .purchase: purchased
            }
        }
    }

    /// One event written by this process (kind codes as in `InteractionLog`).
    public struct Event: Sendable, Equatable {
        public var id: Int64
        public var user: Int
        public var shoe: Int
        public var kind: UInt8
        /// Seconds since 1970 of `occurred_at`; nil when not known.
        public var seconds: Int64?

        public init(id: Int64, user: Int, shoe: Int, kind: UInt8, seconds: Int64? = nil) {
            self.id = id
            self.user = user
            self.shoe = shoe
            self.kind = kind
            self.seconds = seconds
        }
    }

    private struct State {
        var histories: [Int: History] = [:]
        /// While a training reads the log: the events written meanwhile, which its read may miss.
        var journal: [Event]?
    }

    private let state = Mutex(State())

    public init() {}

    /// Starts remembering the events written from now on, before a training reads the log, so
    /// that `replace(with:)` can put back those the read missed.
    public func beginJournal() {
        state.withLock { $0.journal = [] }
    }

    /// Stops remembering events for a training that failed (its `replace(with:)` never comes).
    public func endJournal() {
        state.withLock { $0.journal = nil }
    }

    /// Replaces everything with what `log` holds (after a training run read it), plus the events
    /// written since `beginJournal()` that the log does not hold: none is lost to the race
    /// between a training's read and the writes that go on meanwhile.
    public func replace(with log: InteractionLog) {
        var built: [Int: History] = [:]
        for index in 0..<log.count {
            Self.add(&built, user: Int(log.userIDs[index]), shoe: Int(log.shoeIDs[index]), kind: log.kinds[index],
                     seconds: log.occurredAtMicros[index] / 1_000_000)
        }
        state.withLock { state in
            if let journal = state.journal, !journal.isEmpty {
                var missing = Set(journal.map(\.id))
                for id in log.ids where missing.contains(id) { missing.remove(id) }
                for event in journal where missing.contains(event.id) {
                    Self.add(&built, user: event.user, shoe: event.shoe, kind: event.kind, seconds: event.seconds)
                }
            }
            state.histories = built
            state.journal = nil
        }
    }

    /// Adds events just written.
    public func add(_ events: [Event]) {
        state.withLock { state in
            for event in events {
                Self.add(&state.histories, user: event.user, shoe: event.shoe, kind: event.kind, seconds: event.seconds)
            }
            state.journal?.append(contentsOf: events)
        }
    }

    public func history(of user: Int) -> History {
        state.withLock { $0.histories[user] ?? History() }
    }

    public var userCount: Int { state.withLock { $0.histories.count } }

    private static func add(_ histories: inout [Int: History], user: Int, shoe: Int, kind: UInt8, seconds: Int64?) {
        histories[user, default: History()].weights[shoe, default: 0] += InteractionLog.weights[Int(kind)]
        if let seconds { histories[user, default: History()].lastSeen[shoe] = max(histories[user]?.lastSeen[shoe] ?? .min, seconds) }
        switch InteractionKind(code: kind) {
        case .purchase: histories[user, default: History()].purchased.insert(shoe)
        case .view: histories[user, default: History()].viewed.insert(shoe)
        case .addToWishlist: histories[user, default: History()].wishlisted.insert(shoe)
        case nil: break
        }
    }
}
