import ShoeData

/// What a shopper can do in a shop: be shown a list of recommended shoes, and act on shoes. The
/// simulator plays shoppers against this and nothing else, so the same behaviour runs over HTTP
/// against a live service (`HTTPStorefront`) or in-process against anything that serves lists.
public protocol Storefront: Sendable {
    /// The list the shop shows `userID` now (the recommendations of the user's arm, if the user is
    /// in an experiment), `count` shoes at most.
    func recommendations(forUser userID: Int, count: Int) async throws -> ShownList
    /// Records one session's events, in order; returns when the shop has them, so the next list
    /// already reflects them (a bought shoe is no longer offered).
    func record(_ events: [ShopperEvent]) async throws
}

/// One list a shopper was shown.
public struct ShownList: Sendable, Equatable {
    /// The shop's id of the list, echoed on every event about a shoe in it (attribution); nil when
    /// the shop gives none.
    public var recommendationID: String?
    /// The experiment arm that served the list; nil when the user is in none.
    public var arm: ExperimentArm?
    public var items: [ShownShoe]

    public init(recommendationID: String?, arm: ExperimentArm?, items: [ShownShoe]) {
        self.recommendationID = recommendationID
        self.arm = arm
        self.items = items
    }
}

/// An experiment's name and one of its arms, as the shop names them.
public struct ExperimentArm: Sendable, Hashable, CustomStringConvertible {
    public var experiment: String
    public var arm: String

    public init(experiment: String, arm: String) {
        self.experiment = experiment
        self.arm = arm
    }

    public var description: String { "\(experiment)/\(arm)" }
}

/// One shoe of a shown list, with what the shopper can see of it.
public struct ShownShoe: Sendable, Equatable {
    public var shoeID: Int
    /// Brand and model as shown, to recognise the generator's shoe of the same id; nil when the
    /// shop does not say (the shoe is then trusted to be the generator's).
    public var brand: String?
    public var model: String?
    /// The price paid if bought: the revenue of a purchase.
    public var price: Double

    public init(shoeID: Int, brand: String? = nil, model: String? = nil, price: Double) {
        self.shoeID = shoeID
        self.brand = brand
        self.model = model
        self.price = price
    }
}

/// One thing a shopper did with a shown shoe.
public struct ShopperEvent: Sendable, Equatable {
    public var userID: Int
    public var shoeID: Int
    public var kind: InteractionKind
    /// The id of the list the shoe was shown in.
    public var recommendationID: String?
}
