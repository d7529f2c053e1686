import UTCTime
import Foundation
import JSON
import ShoeData
import ShoeServices

/// The JSON of the care and replacement routes, as openapi.yaml declares it. The services hand
/// out domain values; their wire form (snake_case keys, days as `YYYY-MM-DD`, purchase times as
/// ISO-8601 UTC seconds, prices as numbers) is an HTTP matter and lives here, next to the routes.
enum NotificationWire {
    /// `{"items": [...], "next_cursor": "..."}`, `next_cursor` only when more may follow.
    static func page<Item>(_ page: NotificationPage<Item>, item: (Item) -> JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [("items", .array(page.items.map(item)))]
        if let cursor = page.nextCursor { members.append(("next_cursor", .string(cursor))) }
        return .object(members)
    }

    /// The fields both lists start with: `purchase_id`, `user_id`, `shoe_id`, `brand`, `model`, `purchased_at`.
    static func purchase(_ pair: PurchasedPair) -> [(String, JSONValue)] {
        [
            ("purchase_id", .integer(Int(pair.purchaseID))), ("user_id", .integer(pair.userID)),
            ("shoe_id", .integer(pair.shoeID)), ("brand", .string(pair.brand)), ("model", .string(pair.model)),
            ("purchased_at", .string(UTCTimestamp.format(pair.purchasedAt))),
        ]
    }

    static func care(_ care: DueCare) -> JSONValue {
        .object(purchase(care.purchase) + [
            ("due_on", .string(care.dueOn.description)), ("care_instructions", .string(care.careInstructions)),
        ])
    }

    static func replacement(_ replacement: DueReplacement) -> JSONValue {
        .object(purchase(replacement.purchase) + [
            ("estimated_end_of_life", .string(replacement.estimatedEndOfLife.description)),
            ("days_left", .integer(replacement.daysLeft)), ("suggestions", .array(replacement.suggestions.map(summary))),
        ])
    }

    /// A suggested shoe: `{"shoe_id", "brand", "model", "type", "price"}`.
    static func summary(_ shoe: ShoeSummary) -> JSONValue {
        .object([
            ("shoe_id", .integer(shoe.shoeID)), ("brand", .string(shoe.brand)), ("model", .string(shoe.model)),
            ("type", .string(shoe.type.rawValue)), ("price", .number(Double(shoe.price.cents) / 100)),
        ])
    }

    static func report(_ report: SentReport) -> JSONValue {
        .object([("received", .integer(report.received)), ("inserted", .integer(report.inserted))])
    }

    /// One record of `POST /care/sent` and `/replacement/sent`: `{"purchase_id", "due_on"?}`.
    struct SentRecord: Decodable {
        var purchaseID: Int64
        var dueOn: Day?

        enum CodingKeys: String, CodingKey {
            case purchaseID = "purchase_id"
            case dueOn = "due_on"
        }

        var notification: SentNotification { SentNotification(purchaseID: purchaseID, dueOn: dueOn) }
    }
}
