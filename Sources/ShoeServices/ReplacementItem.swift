#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShoeData
import UTCTime

/// A pair near or past its estimated end of life, with shoes to suggest in its place.
///
/// JSON: `{"purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at"
/// ("2026-01-31T10:00:00Z"), "estimated_end_of_life" ("2027-01-31"), "days_left" (negative when
/// past), "suggestions": [ShoeSummary]}`.
public struct DueReplacement: Sendable, Codable, Hashable {
    /// `interactions.id` of the purchase; the key to send back in ``SentNotification``.
    public var purchaseID: Int64
    public var userID: Int
    /// The worn shoe.
    public var shoeID: Int
    public var brand: String
    public var model: String
    public var purchasedAt: Date
    /// Purchase day + the shoe's `lifespan_days`.
    public var estimatedEndOfLife: Day
    /// `estimated_end_of_life − as_of` in days: 0 on the day, negative once past.
    public var daysLeft: Int
    /// Best first, at most `k`, none of them a shoe the user has bought.
    public var suggestions: [ShoeSummary]

    /// - Parameters: the fields of the JSON form, see the type's documentation.
    public init(
        purchaseID: Int64, userID: Int, shoeID: Int, brand: String, model: String, purchasedAt: Date,
        estimatedEndOfLife: Day, daysLeft: Int, suggestions: [ShoeSummary]
    ) {
        self.purchaseID = purchaseID
        self.userID = userID
        self.shoeID = shoeID
        self.brand = brand
        self.model = model
        self.purchasedAt = purchasedAt
        self.estimatedEndOfLife = estimatedEndOfLife
        self.daysLeft = daysLeft
        self.suggestions = suggestions
    }

    enum CodingKeys: String, CodingKey {
        case purchaseID = "purchase_id"
        case userID = "user_id"
        case shoeID = "shoe_id"
        case brand, model
        case purchasedAt = "purchased_at"
        case estimatedEndOfLife = "estimated_end_of_life"
        case daysLeft = "days_left"
        case suggestions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        purchaseID = try container.decode(Int64.self, forKey: .purchaseID)
        userID = try container.decode(Int.self, forKey: .userID)
        shoeID = try container.decode(Int.self, forKey: .shoeID)
        brand = try container.decode(String.self, forKey: .brand)
        model = try container.decode(String.self, forKey: .model)
        purchasedAt = try container.decodePurchaseTimestamp(forKey: .purchasedAt)
        estimatedEndOfLife = try container.decode(Day.self, forKey: .estimatedEndOfLife)
        daysLeft = try container.decode(Int.self, forKey: .daysLeft)
        suggestions = try container.decode([ShoeSummary].self, forKey: .suggestions)
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
        try container.encode(estimatedEndOfLife, forKey: .estimatedEndOfLife)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(suggestions, forKey: .suggestions)
    }
}

/// A shoe as a suggestion shows it: `{"shoe_id", "brand", "model", "type", "price"}` (price a JSON
/// number, `129.99`). The few fields of a ``Shoe`` a list needs, so that a page of suggestions
/// does not carry every shoe's care text.
public struct ShoeSummary: Sendable, Codable, Hashable {
    public var shoeID: Int
    public var brand: String
    public var model: String
    public var type: ShoeType
    public var price: Price

    /// - Parameters: the fields of the JSON form.
    public init(shoeID: Int, brand: String, model: String, type: ShoeType, price: Price) {
        self.shoeID = shoeID
        self.brand = brand
        self.model = model
        self.type = type
        self.price = price
    }

    /// The summary of a catalogue shoe.
    public init(_ shoe: Shoe) {
        self.init(shoeID: shoe.id, brand: shoe.brand, model: shoe.model, type: shoe.type, price: shoe.price)
    }

    enum CodingKeys: String, CodingKey {
        case shoeID = "shoe_id"
        case brand, model, type, price
    }
}
