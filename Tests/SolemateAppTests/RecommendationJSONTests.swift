import Foundation
import HTTPServer
import ShoeData
@testable import ShoeServices
@testable import SolemateApp
import Testing

@Suite("The hand-written JSON of recommendation lists says what the documented keys say")
struct RecommendationJSONTests {
    static let recommendation = Recommendation(
        userID: 7, model: "hybrid", modelVersion: "20261123T000000Z", coldStart: false,
        items: [
            RecommendedShoe(
                shoeID: 3, brand: "Crestwood & Co", model: "Riviera \"Low\" \\ 9\n", type: "loafer",
                price: Price(cents: 17999), score: 0.558682389905546,
                explanation: Explanation(
                    reason: .personalised, svd: 0.4271714172299138, content: 1e-7,
                    becauseYouBought: .init(shoeID: 9, brand: "Urbanite", model: "Weekend\u{1}", similarity: 0.3))),
            RecommendedShoe(
                shoeID: 4, brand: "Kinetiq", model: "Stride", type: "running", price: Price(cents: 12500), score: 4.78,
                explanation: Explanation(reason: .popular)),
        ])

    @Test("a recommendation decodes back to the same value")
    func recommendationRoundTrips() throws {
        let response = RecommendationJSON.response(Self.recommendation, recommendationID: "r-1")
        #expect(response.headers["Content-Type"] == "application/json")
        let decoded = try JSONDecoder().decode(RecommendationForm.self, from: Data(response.body)).value
        #expect(decoded == Self.recommendation)
    }

    @Test("a list is an object with an items array of the same shoes")
    func listRoundTrips() throws {
        let response = RecommendationJSON.list(Self.recommendation.items, recommendationID: "r-2")
        #expect(try JSONDecoder().decode(ShoeListForm.self, from: Data(response.body)).items.map(\.value) == Self.recommendation.items)
    }

    @Test("a list carries its recommendation id, and a user's list its experiment arm when one served it")
    func recommendationIDAndExperiment() throws {
        let list = try JSONSerialization.jsonObject(
            with: Data(RecommendationJSON.list(Self.recommendation.items, recommendationID: "r-5").body)) as? [String: Any]
        #expect(list?["recommendation_id"] as? String == "r-5")
        let served = try JSONSerialization.jsonObject(with: Data(RecommendationJSON.response(
            Self.recommendation, recommendationID: "r-6", experiment: (name: "ease-vs-hybrid", arm: "treatment")).body)) as? [String: Any]
        #expect(served?["recommendation_id"] as? String == "r-6")
        #expect(served?["experiment"] as? [String: String] == ["name": "ease-vs-hybrid", "arm": "treatment"])
        let plain = try JSONSerialization.jsonObject(
            with: Data(RecommendationJSON.response(Self.recommendation, recommendationID: "r-7").body)) as? [String: Any]
        #expect(plain?["experiment"] == nil)
    }

    @Test("absent explanation parts are left out, not null")
    func absentPartsAreOmitted() throws {
        let response = RecommendationJSON.list([Self.recommendation.items[1]], recommendationID: "r-3")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(!text.contains("null") && !text.contains("\"svd\""))
    }

    @Test("a score that is not finite is written as null, as by every JSON writer of the service")
    func nonFiniteScoresAreNull() throws {
        var shoe = Self.recommendation.items[1]
        shoe.score = .nan
        shoe.explanation = Explanation(reason: .personalised, svd: .infinity, content: 0.5)
        let response = RecommendationJSON.list([shoe], recommendationID: "r-4")
        let item = try #require((try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(item.first?["score"] is NSNull)
        #expect((item.first?["explanation"] as? [String: Any])?["svd"] is NSNull)
    }
}
