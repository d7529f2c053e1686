import ShoeData
import Synchronization

/// What each user has done, kept in memory so recommendations are answered without the database
/// (and keep being answered while it is down), and updated the moment new events are written.
///
/// Per user: the summed weight per shoe (view 1, wishlist 3, purchase 5) and the shoes bought, over
/// the user's latest `eventsPerUser` events (`USER_HISTORY_EVENTS`).
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

    /// A user's history and the events behind it, oldest first, so the oldest can be taken out
    /// again when the user reaches the cap. 8 bytes an event beside the summed weights.
    private struct Entry {
        var history = History()
        var recent: [Recent] = []
        /// Where the oldest event of `recent` is once it is full (a ring).
        var oldest = 0
    }

    private struct Recent: Equatable {
        var shoe: Int32
        var kind: UInt8
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        /// While a training reads the log: the events written meanwhile, which its read may miss.
        var journal: [Event]?
        /// On a replica that follows the log (`follow(from:)`): the ids applied above the
        /// follower's settled floor, so an event this process wrote and then read back from the
        /// log counts once.
        var applied: Set<Int64>?
    }

    /// The default of `USER_HISTORY_EVENTS`: above every user of the default data (1,628 at most)
    /// and any shopper's year, small enough that a user costs at most ~40 KB of events.
    public static let defaultEventsPerUser = 5_000

    /// The most events kept per user: the latest ones, so the histories of a service that runs for
    /// months on a growing table stay bounded (users × this, at most) and follow recent taste.
    public let eventsPerUser: Int
    private let state = Mutex(State())

    /// - Parameter eventsPerUser: the latest events kept per user (at least 1).
    public init(eventsPerUser: Int = defaultEventsPerUser) {
        self.eventsPerUser = max(1, eventsPerUser)
    }

    /// Starts remembering the events written from now on, before a training reads the log, so
    /// that `replace(with:)` can put back those the read missed.
    public func beginJournal() {
        state.withLock { $0.journal = [] }
    }

    /// Stops remembering events for a training that failed (its `replace(with:)` never comes).
    public func endJournal() {
        state.withLock { $0.journal = nil }
    }

    /// Replaces everything with what `log` holds (after a training run read it), each user's
    /// latest `eventsPerUser` events by time, plus the events written since `beginJournal()` that
    /// the log does not hold: none is lost to the race between a training's read and the writes
    /// that go on meanwhile.
    public func replace(with log: InteractionLog) {
        var built = Self.entries(of: log, cap: eventsPerUser)
        state.withLock { state in
            if let journal = state.journal, !journal.isEmpty {
                var missing = Set(journal.map(\.id))
                for id in log.ids where missing.contains(id) { missing.remove(id) }
                for event in journal where missing.contains(event.id) {
                    Self.add(&built[event.user, default: Entry()], shoe: event.shoe, kind: event.kind, seconds: event.seconds, cap: eventsPerUser)
                }
            }
            state.entries = built
            state.journal = nil
        }
    }

    /// Adds events just written (or, on a replica, just read from the log); on a replica an
    /// event already applied is skipped.
    public func add(_ events: [Event]) {
        state.withLock { state in
            for event in events {
                if state.applied != nil, state.applied!.insert(event.id).inserted == false { continue }
                Self.add(&state.entries[event.user, default: Entry()], shoe: event.shoe, kind: event.kind, seconds: event.seconds,
                         cap: eventsPerUser)
                state.journal?.append(event)
            }
        }
    }

    /// Starts counting each event id once: the histories become `log`, and ids above `floor`
    /// are remembered so that the follower's re-reads and this process's own writes never count
    /// an event twice.
    public func follow(from log: InteractionLog, rememberingAbove floor: Int64) {
        replace(with: log)
        state.withLock { state in state.applied = Set(log.ids.lazy.filter { $0 > floor }) }
    }

    /// Forgets the applied ids at or below `floor`: the follower never reads them again.
    public func settle(atOrBelow floor: Int64) {
        state.withLock { state in state.applied = state.applied?.filter { $0 > floor } }
    }

    public func history(of user: Int) -> History {
        state.withLock { $0.entries[user]?.history ?? History() }
    }

    public var userCount: Int { state.withLock { $0.entries.count } }

    /// Events held for `user` (at most `eventsPerUser`).
    public func eventCount(of user: Int) -> Int {
        state.withLock { $0.entries[user]?.recent.count ?? 0 }
    }

    /// Each user's latest `cap` events of `log`, oldest first: the log's events grouped by user
    /// with a counting sort (the log is in storage order), each user's sorted by time and id.
    private static func entries(of log: InteractionLog, cap: Int) -> [Int: Entry] {
        var dense: [Int32: Int32] = [:]
        var users: [Int32] = []
        var slots = [Int32](repeating: 0, count: log.count)
        for index in 0..<log.count {
            let user = log.userIDs[index]
            let slot = dense[user] ?? {
                dense[user] = Int32(users.count)
                users.append(user)
                return Int32(users.count - 1)
            }()
            slots[index] = slot
        }
        var starts = [Int](repeating: 0, count: users.count + 1)
        for slot in slots { starts[Int(slot) + 1] += 1 }
        for user in 0..<users.count { starts[user + 1] += starts[user] }
        var order = [Int32](repeating: 0, count: log.count)
        var next = starts
        for index in 0..<log.count {
            order[next[Int(slots[index])]] = Int32(index)
            next[Int(slots[index])] += 1
        }
        slots = []
        var built: [Int: Entry] = [:]
        built.reserveCapacity(users.count)
        for (slot, user) in users.enumerated() {
            var events = order[starts[slot]..<starts[slot + 1]]
            events.sort { (log.occurredAtMicros[Int($0)], log.ids[Int($0)]) < (log.occurredAtMicros[Int($1)], log.ids[Int($1)]) }
            var entry = Entry()
            entry.recent.reserveCapacity(min(events.count, cap))
            for index in events.suffix(cap) {
                add(&entry, shoe: Int(log.shoeIDs[Int(index)]), kind: log.kinds[Int(index)],
                    seconds: log.occurredAtMicros[Int(index)] / 1_000_000, cap: cap)
            }
            built[Int(user)] = entry
        }
        return built
    }

    /// Adds an event to a user's entry; at the cap, the oldest event goes out first.
    private static func add(_ entry: inout Entry, shoe: Int, kind: UInt8, seconds: Int64?, cap: Int) {
        let event = Recent(shoe: Int32(truncatingIfNeeded: shoe), kind: kind)
        if entry.recent.count < cap {
            entry.recent.append(event)
        } else {
            let evicted = entry.recent[entry.oldest]
            entry.recent[entry.oldest] = event
            entry.oldest = (entry.oldest + 1) % cap
            remove(evicted, from: &entry)
        }
        add(&entry.history, shoe: shoe, kind: kind)
        if let seconds { entry.history.lastSeen[shoe] = max(entry.history.lastSeen[shoe] ?? .min, seconds) }
    }

    /// Takes an evicted event out of the summed history: its weight, and the shoe from a kind's
    /// set (or from the weights) once no remaining event has it.
    private static func remove(_ evicted: Recent, from entry: inout Entry) {
        let shoe = Int(evicted.shoe)
        var sameShoe = false, sameKind = false
        for event in entry.recent where event.shoe == evicted.shoe {
            sameShoe = true
            if event.kind == evicted.kind { sameKind = true; break }
        }
        if sameShoe {
            entry.history.weights[shoe, default: 0] -= InteractionLog.weights[Int(evicted.kind)]
        } else {
            entry.history.weights[shoe] = nil
            entry.history.lastSeen[shoe] = nil
        }
        if !sameKind {
            switch InteractionKind(code: evicted.kind) {
            case .purchase: entry.history.purchased.remove(shoe)
            case .view: entry.history.viewed.remove(shoe)
            case .addToWishlist: entry.history.wishlisted.remove(shoe)
            case nil: break
            }
        }
    }

    private static func add(_ history: inout History, shoe: Int, kind: UInt8) {
        history.weights[shoe, default: 0] += InteractionLog.weights[Int(kind)]
        switch InteractionKind(code: kind) {
        case .purchase: history.purchased.insert(shoe)
        case .view: history.viewed.insert(shoe)
        case .addToWishlist: history.wishlisted.insert(shoe)
        case nil: break
        }
    }
}
