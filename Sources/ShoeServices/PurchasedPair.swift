#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgresClient

/// The purchase a care or replacement notification is about: which pair, whose, bought when.
///
/// Both notification lists start from one purchase row of `interactions` joined to its shoe, and
/// both send back `purchaseID` as the key of the notification they sent; one type keeps the two
/// lists' shared part from drifting apart.
public struct PurchasedPair: Sendable, Hashable {
    /// `interactions.id` of the purchase; the key to send back in ``SentNotification``.
    public var purchaseID: Int64
    public var userID: Int
    public var shoeID: Int
    public var brand: String
    public var model: String
    /// When the purchase happened; its UTC day starts the care schedule and the shoe's lifespan.
    public var purchasedAt: Date
}

extension PurchasedPair {
    /// The purchase of a scan row with columns `id`, `user_id`, `shoe_id`, `brand`, `model` and
    /// `occurred_micros` (the purchase time in microseconds since 1970, so no time zone applies).
    init(row: PostgresRow) throws {
        self.init(
            purchaseID: try row.decode("id"), userID: try row.decode("user_id"), shoeID: try row.decode("shoe_id"),
            brand: try row.decode("brand"), model: try row.decode("model"),
            purchasedAt: Date(timeIntervalSince1970: Double(try row.decode("occurred_micros", as: Int64.self)) / 1_000_000))
    }
}
