#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Makes a believable shoe shop from a seed: a catalogue, customers with hidden tastes, and a year
/// of view → wishlist → purchase events that follow those tastes.
///
/// Deterministic: the same configuration gives the same ``ShopDataset`` on every run (and the same
/// files, byte for byte). Each shoe and each user draws from its own random stream, so a user's
/// attributes do not change when the shoe count or the event count does.
///
/// What a model can learn (and the tests check): users interact mostly with the kinds of shoe their
/// ``User/primaryUsage`` suggests, with 1-3 favourite brands, favourite colours and a price level;
/// popular shoes get more traffic; wishlists and purchases come after views and favour good matches.
/// The tastes themselves are never written out.
///
/// Cost: O(users × shoes) to score the catalogue for each user, plus O(events × log shoes) to draw
/// them and O(events × log events) to sort them: about a second per million events in release.
public struct SyntheticDataGenerator: Sendable {
    public let configuration: GeneratorConfiguration

    /// - Parameter configuration: Sizes, seed and window; validated here.
    /// - Throws: ``GeneratorError`` naming the first invalid setting.
    public init(configuration: GeneratorConfiguration) throws(GeneratorError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Generates the whole dataset in memory.
    public func generate() -> ShopDataset {
        generateWithTastes().dataset
    }

    /// The dataset plus the hidden tastes behind it, for tests that check the tastes are learnable.
    func generateWithTastes() -> (dataset: ShopDataset, tastes: [Taste]) {
        let seed = configuration.seed
        let catalog = (0..<configuration.shoeCount).map { index in
            GeneratedShoe.make(index: index, seed: seed)
        }
        var users: [User] = []
        var tastes: [Taste] = []
        users.reserveCapacity(configuration.userCount)
        tastes.reserveCapacity(configuration.userCount)
        for index in 0..<configuration.userCount {
            let (user, taste) = Taste.makeUser(index: index, seed: seed)
            users.append(user)
            tastes.append(taste)
        }
        let simulator = EventSimulator(
            catalog: catalog, tastes: tastes, users: users, window: configuration.window, seed: seed)
        let interactions = simulator.run(total: configuration.interactionCount)
        let dataset = ShopDataset(users: users, shoes: catalog.map(\.shoe), interactions: interactions)
        return (dataset, tastes)
    }
}

/// Stream numbers of ``SeededRandom``: one per kind of thing drawn.
enum RandomStream: UInt64 {
    case shoes = 1
    case users = 2
    case events = 3
}
