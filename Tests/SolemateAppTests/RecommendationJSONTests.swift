import Foundation
import HTTPServer
import ShoeData
import ShoeServices
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
        let response = RecommendationJSON.response(Self.recommendation)
        #expect(response.headers["Content-Type"] == "application/json")
        let decoded = try JSONDecoder().decode(RecommendationForm.self, from: Data(response.body)).value
        #expect(decoded == Self.recommendation)
    }

    @Test("a list is an object with an items array of the same shoes")
    func listRoundTrips() throws {
        let response = RecommendationJSON.list(Self.recommendation.items)
        #expect(try JSONDecoder().decode(ShoeListForm.self, from: Data(response.body)).items.map(\.value) == Self.recommendation.items)
    }

    @Test("absent explanation parts are left out, not null")
    func absentPartsAreOmitted() throws {
        let response = RecommendationJSON.list([Self.recommendation.items[1]])
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(!text.contains("null") && !text.contains("\"svd\""))
    }

    @Test("a score that is not finite is written as null, as by every JSON writer of the service")
    func nonFiniteScoresAreNull() throws {
        var shoe = Self.recommendation.items[1]
        shoe.score = .nan
        shoe.explanation = Explanation(reason: .personalised, svd: .infinity, content: 0.5)
        let response = RecommendationJSON.list([shoe])
        let item = try #require((try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(item.first?["score"] is NSNull)
        #expect((item.first?["explanation"] as? [String: Any])?["svd"] is NSNull)
    }
}
