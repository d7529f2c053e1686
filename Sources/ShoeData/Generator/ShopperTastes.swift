/// The generator's hidden tastes, drawn again from the seed: the ground truth a storefront
/// simulator shops by.
///
/// A dataset's files never carry the tastes, but every user and every shoe is drawn from a random
/// stream of its own (seed, kind, index), so the same seed gives the same tastes and the same hidden
/// shoe facts without generating the events again, and whatever the user, shoe and event counts
/// were. That is what lets a simulated shopper prefer what the generated history says they prefer:
/// a model that learned the history well shows them shoes they like, and they buy more.
public struct ShopperTastes: Sendable {
    /// The generator's seed (``GeneratorConfiguration/seed``); `data/` uses 42.
    public let seed: UInt64
    private let tastes: [Taste]
    private let shoes: [GeneratedShoe]

    /// Draws the tastes of users 1...`userCount` and the hidden facts of shoes 1...`shoeCount`.
    /// Cost: O(users + shoes), a few milliseconds for the default data.
    public init(seed: UInt64, userCount: Int, shoeCount: Int) {
        self.seed = seed
        tastes = (0..<max(0, userCount)).map { Taste.makeUser(index: $0, seed: seed).1 }
        shoes = (0..<max(0, shoeCount)).map { GeneratedShoe.make(index: $0, seed: seed) }
    }

    public var userCount: Int { tastes.count }
    public var shoeCount: Int { shoes.count }

    /// The shoe the generator made as id `shoeID`, to check that a service serves the catalogue of
    /// this seed (same brand and model) before trusting ``match(userID:shoeID:)`` for it.
    public func generatedShoe(_ shoeID: Int) -> Shoe? {
        shoes.indices.contains(shoeID - 1) ? shoes[shoeID - 1].shoe : nil
    }

    /// How well the shoe fits the user's hidden taste, in (0, 1]: kind of shoe (relative to the
    /// user's favourite kind), favourite brand, favourite colour and price level, exactly the match
    /// that drives the generator's wishlist and purchase funnel. Nil for a user or shoe outside the
    /// drawn ranges (a shoe added to the shop later has no hidden facts).
    public func match(userID: Int, shoeID: Int) -> Double? {
        guard tastes.indices.contains(userID - 1), shoes.indices.contains(shoeID - 1) else { return nil }
        let taste = tastes[userID - 1]
        return taste.match(shoes[shoeID - 1], maxTypeWeight: taste.typeWeights.max() ?? 1)
    }

    /// The user's relative activity (log-normal around 1: most browse a little, a few a lot): how
    /// often a simulated shopper comes back.
    public func activity(userID: Int) -> Double? {
        tastes.indices.contains(userID - 1) ? tastes[userID - 1].activity : nil
    }
}
