import UTCTime
import Foundation
import JSON
import ShoeData
import ShoeServices

/// The JSON of the catalogue routes (`/users/{id}`, `/shoes/{id}`, `POST /shoes`), as
/// openapi.yaml declares it: the domain values' wire form, kept out of the services.
enum CatalogueWire {
    static func profile(_ profile: ShopDirectory.UserProfile) -> JSONValue {
        .object([
            ("user_id", .integer(profile.userID)), ("age", .integer(profile.age)), ("gender", .string(profile.gender.rawValue)),
            ("primary_usage", .string(profile.primaryUsage.rawValue)),
            ("history", .array(profile.history.map { event in
                .object([
                    ("interaction_id", .integer(Int(event.interactionID))), ("shoe_id", .integer(event.shoeID)),
                    ("interaction_type", .string(event.interactionType.rawValue)),
                    ("occurred_at", .string(UTCTimestamp.format(event.occurredAt))),
                ])
            })),
        ])
    }

    static func shoe(_ shoe: Shoe) -> JSONValue {
        .object([
            ("shoe_id", .integer(shoe.id)), ("brand", .string(shoe.brand)), ("model", .string(shoe.model)),
            ("type", .string(shoe.type.rawValue)), ("material", .string(shoe.material.rawValue)), ("color", .string(shoe.color)),
            ("price", .number(Double(shoe.price.jsonNumber) ?? 0)),
            ("care_instructions", .string(shoe.careInstructions)), ("lifespan_days", .integer(shoe.lifespanDays)),
        ])
    }

    /// The body of `POST /shoes`. The price stays the number as sent, so that one with more
    /// than two decimals is a 422 naming the field rather than an unreadable body.
    struct NewShoeBody: Decodable {
        var brand: String
        var model: String
        var type: ShoeType
        var material: Material
        var color: String
        var price: Double
        var careInstructions: String
        var lifespanDays: Int

        enum CodingKeys: String, CodingKey {
            case brand, model, type, material, color, price
            case careInstructions = "care_instructions"
            case lifespanDays = "lifespan_days"
        }

        var shoe: ShopDirectory.NewShoe {
            ShopDirectory.NewShoe(
                brand: brand, model: model, type: type, material: material, color: color, priceSent: price,
                careInstructions: careInstructions, lifespanDays: lifespanDays)
        }
    }
}
