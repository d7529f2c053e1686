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

/// The fields both notification lists start with, read from the same flat object.
struct PurchaseForm: Decodable {
    var purchase_id: Int64
    var user_id: Int
    var shoe_id: Int
    var brand: String
    var model: String
    var purchased_at: String

    var value: PurchasedPair? {
        UTCTimestamp.parse(purchased_at).map {
            PurchasedPair(purchaseID: purchase_id, userID: user_id, shoeID: shoe_id, brand: brand, model: model, purchasedAt: $0)
        }
    }
}

struct DueCareForm: Decodable {
    var purchase: PurchaseForm
    var due_on: Day
    var care_instructions: String

    init(from decoder: any Decoder) throws {
        purchase = try PurchaseForm(from: decoder)
        let fields = try decoder.container(keyedBy: Keys.self)
        due_on = try fields.decode(Day.self, forKey: .due_on)
        care_instructions = try fields.decode(String.self, forKey: .care_instructions)
    }

    private enum Keys: CodingKey { case due_on, care_instructions }

    var value: DueCare? {
        purchase.value.map { DueCare(purchase: $0, dueOn: due_on, careInstructions: care_instructions) }
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

    var purchase: PurchaseForm
    var estimated_end_of_life: Day
    var days_left: Int
    var suggestions: [Suggestion]

    init(from decoder: any Decoder) throws {
        purchase = try PurchaseForm(from: decoder)
        let fields = try decoder.container(keyedBy: Keys.self)
        estimated_end_of_life = try fields.decode(Day.self, forKey: .estimated_end_of_life)
        days_left = try fields.decode(Int.self, forKey: .days_left)
        suggestions = try fields.decode([Suggestion].self, forKey: .suggestions)
    }

    private enum Keys: CodingKey { case estimated_end_of_life, days_left, suggestions }

    var value: DueReplacement? {
        purchase.value.map {
            DueReplacement(
                purchase: $0, estimatedEndOfLife: estimated_end_of_life, daysLeft: days_left,
                suggestions: suggestions.map { ShoeSummary(shoeID: $0.shoe_id, brand: $0.brand, model: $0.model, type: $0.type, price: $0.price) })
        }
    }
}
