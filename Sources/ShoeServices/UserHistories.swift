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

        public var isEmpty: Bool { weights.isEmpty }
    }

    private let histories: Mutex<[Int: History]>

    public init() {
        histories = Mutex([:])
    }

    /// Replaces everything with what `log` holds (after a training run read it).
    public func replace(with log: InteractionLog) {
        var built: [Int: History] = [:]
        for index in 0..<log.count {
            Self.add(&built, user: Int(log.userIDs[index]), shoe: Int(log.shoeIDs[index]), kind: log.kinds[index])
        }
        histories.withLock { $0 = built }
    }

    /// Adds events just written (kind codes as in `InteractionLog`).
    public func add(_ events: [(user: Int, shoe: Int, kind: UInt8)]) {
        histories.withLock { histories in
            for event in events { Self.add(&histories, user: event.user, shoe: event.shoe, kind: event.kind) }
        }
    }

    public func history(of user: Int) -> History {
        histories.withLock { $0[user] ?? History() }
    }

    public var userCount: Int { histories.withLock { $0.count } }

    private static func add(_ histories: inout [Int: History], user: Int, shoe: Int, kind: UInt8) {
        histories[user, default: History()].weights[shoe, default: 0] += InteractionLog.weights[Int(kind)]
        if kind == 2 { histories[user, default: History()].purchased.insert(shoe) }
    }
}
