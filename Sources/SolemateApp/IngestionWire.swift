import JSON
import ShoeServices

/// The JSON of `POST /interactions`: the events clients send, and what the answer says.
enum IngestionWire {
    /// One event as clients send it; `occurred_at` (ISO-8601) is the time of the request when absent.
    struct EventBody: Decodable {
        var userID: Int
        var shoeID: Int
        var interactionType: String
        var occurredAt: String?
        var recommendationID: String?

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case shoeID = "shoe_id"
            case interactionType = "interaction_type"
            case occurredAt = "occurred_at"
            case recommendationID = "recommendation_id"
        }

        var event: InteractionIngest.Event {
            InteractionIngest.Event(userID: userID, shoeID: shoeID, interactionType: interactionType, occurredAt: occurredAt,
                recommendationID: recommendationID)
        }
    }

    /// `{"ids": [...], "inserted": n}`.
    static func created(ids: [Int64], inserted: Int) -> JSONValue {
        .object([("ids", .array(ids.map { .integer(Int($0)) })), ("inserted", .integer(inserted))])
    }

    /// One bad event of a refused batch, an item of the problem's `errors`.
    static func problem(_ problem: InteractionIngest.Problem) -> JSONValue {
        .object([("index", .integer(problem.index)), ("field", .string(problem.field)), ("message", .string(problem.message))])
    }
}
