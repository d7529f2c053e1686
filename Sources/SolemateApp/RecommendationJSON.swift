import Foundation
import HTTPServer
import JSON
import ShoeServices

/// Hand-written JSON for the hot responses (recommendations, similar, popular).
///
/// Foundation's JSONEncoder took about half of a recommendation request's CPU (measured with perf
/// under wrk); these lists have a fixed shape, so writing the bytes directly is both simple and
/// exact. The keys and value forms are openapi.yaml's: a test decodes this output with an
/// independent reading of those keys (Tests/SolemateAppTests/Support/WireReading.swift) and
/// compares with the values written.
enum RecommendationJSON {
    /// A user's list; `experiment` (name, arm) when an experiment's arm served it.
    static func response(
        _ recommendation: Recommendation, recommendationID: String, experiment: (name: String, arm: String)? = nil
    ) -> Response {
        var out = JSONWriter(capacity: 4096)
        out.raw("{\"user_id\":")
        out.number(recommendation.userID)
        out.raw(",\"model\":")
        out.string(recommendation.model)
        out.raw(",\"model_version\":")
        out.string(recommendation.modelVersion)
        out.raw(",\"cold_start\":")
        out.bool(recommendation.coldStart)
        out.raw(",\"recommendation_id\":")
        out.string(recommendationID)
        if let experiment {
            out.raw(",\"experiment\":{\"name\":")
            out.string(experiment.name)
            out.raw(",\"arm\":")
            out.string(experiment.arm)
            out.raw("}")
        }
        out.raw(",\"items\":")
        items(recommendation.items, into: &out)
        out.raw("}")
        return .json(out)
    }

    /// `{"recommendation_id":…,"items":[...]}`.
    static func list(_ shoes: [RecommendedShoe], recommendationID: String) -> Response {
        var out = JSONWriter(capacity: 4096)
        out.raw("{\"recommendation_id\":")
        out.string(recommendationID)
        out.raw(",\"items\":")
        items(shoes, into: &out)
        out.raw("}")
        return .json(out)
    }

    private static func items(_ shoes: [RecommendedShoe], into out: inout JSONWriter) {
        out.raw("[")
        for (position, shoe) in shoes.enumerated() {
            if position > 0 { out.raw(",") }
            identity(shoeID: shoe.shoeID, brand: shoe.brand, model: shoe.model, into: &out)
            out.raw(",\"type\":")
            out.string(shoe.type.rawValue)
            out.raw(",\"price\":")
            out.raw(shoe.price.jsonNumber)
            out.raw(",\"score\":")
            out.number(shoe.score)
            out.raw(",\"explanation\":{\"reason\":")
            out.string(shoe.explanation.reason.rawValue)
            if let svd = shoe.explanation.svd {
                out.raw(",\"svd\":")
                out.number(svd)
            }
            if let content = shoe.explanation.content {
                out.raw(",\"content\":")
                out.number(content)
            }
            if let bought = shoe.explanation.becauseYouBought {
                out.raw(",\"because_you_bought\":")
                identity(shoeID: bought.shoeID, brand: bought.brand, model: bought.model, into: &out)
                out.raw(",\"similarity\":")
                out.number(bought.similarity)
                out.raw("}")
            }
            out.raw("}}")
        }
        out.raw("]")
    }

    /// `{"shoe_id":…,"brand":…,"model":…`, the object left open for the fields that follow.
    private static func identity(shoeID: Int, brand: String, model: String, into out: inout JSONWriter) {
        out.raw("{\"shoe_id\":")
        out.number(shoeID)
        out.raw(",\"brand\":")
        out.string(brand)
        out.raw(",\"model\":")
        out.string(model)
    }
}
