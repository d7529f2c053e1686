/// What a user did with a shoe. The raw values are the shop's `interaction_type` strings and the
/// neutral form's `event` strings, so they must never change.
public enum InteractionKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// The user opened the shoe's page.
    case view
    /// The user put the shoe on their wishlist.
    case addToWishlist = "add_to_wishlist"
    /// The user bought the shoe.
    case purchase

    /// How strongly the event says "this user likes this shoe", as fixed by shared/EVALUATION.md:
    /// view 1, add_to_wishlist 3, purchase 5. Several events of one (user, shoe) pair add up.
    public var weight: Double {
        switch self {
        case .view: 1
        case .addToWishlist: 3
        case .purchase: 5
        }
    }
}
