#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShoeData
import UTCTime

/// A care notification that is due: which pair, whose, since when, and what to tell the owner.
///
/// JSON: `{"purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at"
/// ("2026-01-31T10:00:00Z"), "due_on" ("2026-03-02"), "care_instructions"}`.
public struct DueCare: Sendable, Codable, Hashable {
    /// `interactions.id` of the purchase; the key to send back in ``SentNotification``.
    public var purchaseID: Int64
    public var userID: Int
    public var shoeID: Int
    public var brand: String
    public var model: String
    /// When the purchase happened; its UTC day is the start of the care schedule.
    public var purchasedAt: Date
    /// The occurrence that is due: purchase day + n × interval, the latest one on or before `as_of`.
    public var dueOn: Day
    public var careInstructions: String

    /// - Parameters: the fields of the JSON form, see the type's documentation.
    public init(
        purchaseID: Int64, userID: Int, shoeID: Int, brand: String, model: String, purchasedAt: Date,
        dueOn: Day, careInstructions: String
    ) {
        self.purchaseID = purchaseID
        self.userID = userID
        self.shoeID = shoeID
        self.brand = brand
        self.model = model
        self.purchasedAt = purchasedAt
        self.dueOn = dueOn
        self.careInstructions = careInstructions
    }

    enum CodingKeys: String, CodingKey {
        case purchaseID = "purchase_id"
        case userID = "user_id"
        case shoeID = "shoe_id"
        case brand, model
        case purchasedAt = "purchased_at"
        case dueOn = "due_on"
        case careInstructions = "care_instructions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        purchaseID = try container.decode(Int64.self, forKey: .purchaseID)
        userID = try container.decode(Int.self, forKey: .userID)
        shoeID = try container.decode(Int.self, forKey: .shoeID)
        brand = try container.decode(String.self, forKey: .brand)
        model = try container.decode(String.self, forKey: .model)
        purchasedAt = try container.decodePurchaseTimestamp(forKey: .purchasedAt)
        dueOn = try container.decode(Day.self, forKey: .dueOn)
        careInstructions = try container.decode(String.self, forKey: .careInstructions)
    }

    /// `purchased_at` is always the ISO-8601 UTC string, whatever date strategy the encoder has.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(purchaseID, forKey: .purchaseID)
        try container.encode(userID, forKey: .userID)
        try container.encode(shoeID, forKey: .shoeID)
        try container.encode(brand, forKey: .brand)
        try container.encode(model, forKey: .model)
        try container.encode(UTCTimestamp.format(purchasedAt), forKey: .purchasedAt)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(careInstructions, forKey: .careInstructions)
    }
}

extension KeyedDecodingContainer {
    /// An ISO-8601 timestamp string (``UTCTimestamp/parse(_:)``) as a `Date`.
    func decodePurchaseTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = UTCTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an ISO-8601 timestamp")
        }
        return date
    }
}
