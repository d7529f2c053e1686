#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShoeData

/// How a simulated shopper treats a shown list: the ground truth of every experiment test.
///
/// Going down the list, the shopper looks at position p (0 = top) with probability
/// 1 / log₂(p + 2) (the position bias DCG assumes), opens a looked-at shoe with a probability that
/// rises with how well it matches the hidden taste, and then, like the generator's funnel,
/// wishlists and buys the better matches more often. A purchase ends the session half the time
/// (bought what they came for). Nothing here knows how the list was made or how it travels, so a
/// model that learned the tastes earns more views and purchases, and two arms serving the same model
/// differ only by chance.
public struct ShopperBehaviour: Sendable {
    /// The match assumed for a shoe the generator never made (added to the shop later, or another
    /// seed's catalogue): a middling shoe.
    public var unknownMatch: Double = 0.2

    public init() {}

    /// P(the shopper looks at position `position`).
    public func examination(position: Int) -> Double {
        1 / log2(Double(position) + 2)
    }

    /// P(view | looked at), for a shoe of this match.
    public func view(match: Double) -> Double { 0.02 + 0.45 * match }

    /// P(wishlist | viewed): the generator's funnel.
    public func wishlist(match: Double) -> Double { 0.03 + 0.32 * match }

    /// P(purchase | viewed), higher once the shoe is on the wishlist.
    public func purchase(match: Double, wishlisted: Bool) -> Double {
        wishlisted ? 0.05 + 0.3 * match : 0.005 + 0.06 * match
    }

    /// What one shopper does with one list: the events, in order, and how many shown shoes had no
    /// known match (a sign the shop's catalogue is not the seed's).
    public func session(
        userID: Int, list: ShownList, tastes: ShopperTastes, random: inout SeededRandom
    ) -> (events: [ShopperEvent], unknownShoes: Int) {
        var events: [ShopperEvent] = []
        var unknown = 0
        for (position, shown) in list.items.enumerated() {
            let match: Double
            if let known = tastes.match(userID: userID, shoeID: shown.shoeID), isGenerated(shown, tastes) {
                match = known
            } else {
                match = unknownMatch
                unknown += 1
            }
            guard random.chance(examination(position: position)), random.chance(view(match: match)) else { continue }
            func event(_ kind: InteractionKind) -> ShopperEvent {
                ShopperEvent(userID: userID, shoeID: shown.shoeID, kind: kind, recommendationID: list.recommendationID)
            }
            events.append(event(.view))
            let wishlisted = random.chance(wishlist(match: match))
            if wishlisted { events.append(event(.addToWishlist)) }
            if random.chance(purchase(match: match, wishlisted: wishlisted)) {
                events.append(event(.purchase))
                if random.chance(0.5) { break }
            }
        }
        return (events, unknown)
    }

    /// Whether the shown shoe is the one the generator made under its id (when the shop names it).
    private func isGenerated(_ shown: ShownShoe, _ tastes: ShopperTastes) -> Bool {
        guard let brand = shown.brand, let model = shown.model else { return true }
        guard let generated = tastes.generatedShoe(shown.shoeID) else { return false }
        return generated.brand == brand && generated.model == model
    }

    /// How many sessions a shopper has over `days` days: one on the first day (every simulated user visits), then a
    /// visit on a later day with probability min(0.9, 0.4 √activity).
    public func sessions(activity: Double, days: Int, random: inout SeededRandom) -> Int {
        var sessions = days > 0 ? 1 : 0
        let returning = min(0.9, 0.4 * activity.squareRoot())
        for _ in 1..<max(1, days) where random.chance(returning) { sessions += 1 }
        return sessions
    }
}
