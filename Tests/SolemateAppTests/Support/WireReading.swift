import UTCTime
import Foundation
import ShoeData
@testable import ShoeServices

/// Independent readings of the wire forms, written from openapi.yaml's keys: the tests decode
/// what SolemateApp writes with these and compare with the values written, so a key or a format
/// that drifts fails a test. (The services' types carry no coding of their own.)
struct RecommendationForm: Decodable {
    var user_id: Int
    var model: String
    var model_version: String
    var cold_start: Bool
    var items: [ShoeForm]

    var value: Recommendation {
        Recommendation(userID: user_id, model: model, modelVersion: model_version, coldStart: cold_start, items: items.map(\.value))
    }
}

struct ShoeListForm: Decodable {
    var items: [ShoeForm]
}

struct ShoeForm: Decodable {
    struct ExplanationForm: Decodable {
        struct Bought: Decodable {
            var shoe_id: Int
            var brand: String
            var model: String
            var similarity: Double
        }

        var reason: String
        var svd: Double?
        var content: Double?
        var because_you_bought: Bought?
    }

    var shoe_id: Int
    var brand: String
    var model: String
    var type: String
    var price: Price
    var score: Double
    var explanation: ExplanationForm

    var value: RecommendedShoe {
        RecommendedShoe(
            shoeID: shoe_id, brand: brand, model: model, type: ShoeType(rawValue: type), price: price, score: score,
            explanation: Explanation(
                reason: Explanation.Reason(rawValue: explanation.reason)!, svd: explanation.svd, content: explanation.content,
                becauseYouBought: explanation.because_you_bought.map {
                    .init(shoeID: $0.shoe_id, brand: $0.brand, model: $0.model, similarity: $0.similarity)
                }))
    }
}

struct PageForm<Item: Decodable>: Decodable {
    var items: [Item]
    var next_cursor: String?
}

struct DueCareForm: Decodable {
    var purchase_id: Int64
    var user_id: Int
    var shoe_id: Int
    var brand: String
    var model: String
    var purchased_at: String
    var due_on: Day
    var care_instructions: String

    var value: DueCare? {
        UTCTimestamp.parse(purchased_at).map {
            DueCare(purchaseID: purchase_id, userID: user_id, shoeID: shoe_id, brand: brand, model: model, purchasedAt: $0,
                    dueOn: due_on, careInstructions: care_instructions)
        }
    }
}

struct DueReplacementForm: Decodable {
    struct Suggestion: Decodable {
        var shoe_id: Int
        var brand: String
        var model: String
        var type: ShoeType
        var price: Price
    }

    var purchase_id: Int64
    var user_id: Int
    var shoe_id: Int
    var brand: String
    var model: String
    var purchased_at: String
    var estimated_end_of_life: Day
    var days_left: Int
    var suggestions: [Suggestion]

    var value: DueReplacement? {
        UTCTimestamp.parse(purchased_at).map {
            DueReplacement(
                purchaseID: purchase_id, userID: user_id, shoeID: shoe_id, brand: brand, model: model, purchasedAt: $0,
                estimatedEndOfLife: estimated_end_of_life, daysLeft: days_left,
                suggestions: suggestions.map { ShoeSummary(shoeID: $0.shoe_id, brand: $0.brand, model: $0.model, type: $0.type, price: $0.price) })
        }
    }
}
