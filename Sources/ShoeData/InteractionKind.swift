/// What a user did with a shoe: the one definition of the kinds, their codes and their weights.
///
/// The raw values are the shop's `interaction_type` strings, the database enum's labels and the
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

    /// A byte per event (0 view, 1 add_to_wishlist, 2 purchase): what the in-memory columns of a
    /// training's log and the live histories store, so that billions of events cost a byte each
    /// instead of a String or an enum with padding.
    public var code: UInt8 {
        switch self {
        case .view: 0
        case .addToWishlist: 1
        case .purchase: 2
        }
    }

    /// The kind of a ``code``; nil for a byte no kind has.
    public init?(code: UInt8) {
        switch code {
        case 0: self = .view
        case 1: self = .addToWishlist
        case 2: self = .purchase
        default: return nil
        }
    }

    /// ``weight`` by ``code``: the table a model's training reads for each event byte, without
    /// turning the byte back into a kind.
    public static let weightsByCode: [Double] = allCases.sorted { $0.code < $1.code }.map(\.weight)

    /// The kind whose raw value is exactly `label`'s UTF-8 bytes; nil for anything else. Reads a
    /// CSV field or a database row's bytes without making a String of each.
    @inlinable
    public init?(label: some Collection<UInt8>) {
        let kind: InteractionKind
        switch label.count {
        case 4: kind = .view
        case 15: kind = .addToWishlist
        case 8: kind = .purchase
        default: return nil
        }
        guard label.elementsEqual(Self.labels[Int(kind.code)]) else { return nil }
        self = kind
    }

    /// The raw values' bytes by ``code``, compared against without decoding a String per row.
    @usableFromInline static let labels: [[UInt8]] = allCases.sorted { $0.code < $1.code }.map { Array($0.rawValue.utf8) }

    /// "view, add_to_wishlist or purchase": the kinds as error messages list them.
    public static let listed = "view, add_to_wishlist or purchase"
}
