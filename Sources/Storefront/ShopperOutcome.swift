/// What one simulated user saw and did: the simulator's own ledger, which an experiment report's
/// attributed counts must reproduce.
public struct ShopperOutcome: Sendable, Equatable {
    public let userID: Int
    /// The arm of the user's first list; nil when no list named one.
    public private(set) var arm: ExperimentArm?
    /// Whether a later list named another arm than the first (assignment must never do that).
    public private(set) var armChanged = false
    public private(set) var lists = 0
    public private(set) var views = 0
    public private(set) var wishlists = 0
    public private(set) var purchases = 0
    /// The prices of the shoes bought.
    public private(set) var revenue = 0.0
    /// Shown shoes the generator's catalogue did not know.
    public private(set) var unknownShoes = 0
    /// Why the user's sessions stopped early, if they did.
    public internal(set) var failure: String?

    public init(userID: Int) { self.userID = userID }

    public var events: Int { views + wishlists + purchases }

    mutating func add(list: ShownList, events: [ShopperEvent], unknownShoes unknown: Int) {
        if lists == 0 {
            arm = list.arm
        } else if list.arm != arm {
            armChanged = true
        }
        lists += 1
        unknownShoes += unknown
        for event in events {
            switch event.kind {
            case .view: views += 1
            case .addToWishlist: wishlists += 1
            case .purchase:
                purchases += 1
                revenue += list.items.first { $0.shoeID == event.shoeID }?.price ?? 0
            }
        }
    }
}
