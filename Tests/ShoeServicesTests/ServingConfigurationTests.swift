import Foundation
import Recommender
import ShoeData
@testable import ShoeServices
import Testing

/// The engine serves every model through one call and takes the models for cold starts, `/popular`
/// and `/similar` from its serving configuration, by name: here a version with an extra `count`
/// model (distinct buyers per shoe) that a configuration can put behind those requests.
@Suite("Serving configuration and model versions")
struct ServingConfigurationTests {
    /// Six shoes (three running, three hiking), four users; user 0 bought shoe 100, user 3 none.
    static let shoes: [Shoe] = (0..<6).map { (i: Int) -> Shoe in
        let type = ShoeType(rawValue: i < 3 ? "running" : "hiking")
        let material = Material(rawValue: i % 2 == 0 ? "mesh" : "leather")
        return Shoe(id: 100 + i, brand: "Brand", model: "Model \(i)", type: type, material: material,
                    color: ["red", "blue", "black"][i % 3], price: Price(cents: 10_000), careInstructions: "wipe",
                    lifespanDays: 300)
    }

    static func version(_ name: String = "v1") throws -> ModelVersion {
        let cells: [TrainingSet.Cell] = [(0, 0, 5), (0, 1, 1), (1, 1, 3), (1, 2, 1), (2, 3, 5), (2, 4, 1), (2, 1, 1), (3, 5, 1), (3, 4, 3)]
            .map { .init(user: Int32($0.0), item: Int32($0.1), weight: $0.2) }
        let set = TrainingSet(userCount: 4, itemCount: 6, cells: cells, itemTexts: shoes.map(\.text))
        let names = ["hybrid", "content", "popularity", "svd", "count"]
        let fitted = ModelConfiguration.fitSharingParts(
            [.hybrid(alpha: 0.7, svdFactors: 2), .tfidf, .imdb, .svd(factors: 2), .popularity], on: set, threads: 1)
        let models = Dictionary(uniqueKeysWithValues: try zip(names, fitted).map { ($0, try $1.get()) })
        return ModelVersion(id: name, trainedAt: Date(), trainingSeconds: 0, eventCount: cells.count, userCount: 4,
                             shoeIDs: shoes.map(\.id), itemTexts: set.itemTexts, models: models)
    }

    static func engine(_ serving: ServingConfiguration = ServingConfiguration()) throws -> RecommendationEngine {
        let engine = RecommendationEngine(serving: serving)
        engine.publish(try version(), catalog: shoes)
        engine.histories.add([.init(id: 1, user: 0, shoe: 100, kind: 2), .init(id: 2, user: 0, shoe: 101, kind: 0)])
        return engine
    }

    @Test("by default: the hybrid with both parts of each score, popularity for a cold start, content for similar")
    func defaults() throws {
        let engine = try Self.engine()
        let warm = try engine.recommend(userID: 0, k: 3)
        #expect(warm.model == "hybrid" && !warm.coldStart && !warm.items.map(\.shoeID).contains(100))
        #expect(warm.items.allSatisfy { $0.explanation.svd != nil && $0.explanation.content != nil })
        let cold = try engine.recommend(userID: 3, k: 3)
        #expect(cold.model == "popularity" && cold.coldStart)
        let svd = try engine.recommend(userID: 0, k: 3, modelName: "svd")
        #expect(svd.items.allSatisfy { $0.explanation.svd == nil && $0.explanation.reason == .personalised })
        let expected = try #require(engine.version?.models["content"] as? any SimilarItemsModel).similar(item: 0, k: 2)
        #expect(try engine.similar(shoeID: 100, k: 2).map(\.shoeID) == expected.map { 100 + $0.item })
    }

    @Test("a configuration puts another model behind cold starts, /popular and /similar")
    func configured() throws {
        let engine = try Self.engine(ServingConfiguration(coldStartModel: "count", popularModel: "count", similarModel: "svd"))
        let version = try #require(engine.version)
        let byBuyers = TopK.select(6, from: try version.model(named: "count").scores(forHistory: [])).map { 100 + $0.item }
        let cold = try engine.recommend(userID: 3, k: 3)
        #expect(cold.model == "count" && cold.coldStart && cold.items.map(\.shoeID) == Array(byBuyers.prefix(3)))
        #expect(try engine.popular(k: 6).map(\.shoeID) == byBuyers)
        #expect(try engine.popular(k: 6, type: "hiking").map(\.shoeID) == byBuyers.filter { $0 >= 103 })
        // A list from a model that ranks everyone alike says "popular", not "for you".
        #expect(try engine.recommend(userID: 0, k: 2, modelName: "count").items.allSatisfy { $0.explanation.reason == .popular })
        let svd = try #require(version.models["svd"] as? any SimilarItemsModel)
        #expect(try engine.similar(shoeID: 100, k: 2).map(\.shoeID) == svd.similar(item: 0, k: 2).map { 100 + $0.item })
        let refused = try Self.engine(ServingConfiguration(similarModel: "popularity"))
        #expect(throws: RecommendationError.self) { try refused.similar(shoeID: 100, k: 2) }
    }

    @Test("a shoe added after training grows every model that takes text, in a new version; the old one is untouched")
    func addingAShoe() throws {
        let trained = try Self.version()
        let grown = trained.adding(shoeID: 200, text: "Brand Model 9 running mesh red")
        #expect(grown.shoeIDs.last == 200 && grown.itemIndex[200] == 6 && grown.itemTexts.count == 7)
        #expect(grown.models["hybrid"]?.itemCount == 7 && grown.models["content"]?.itemCount == 7)
        #expect(grown.models["svd"]?.itemCount == 6 && grown.models["count"]?.itemCount == 6)
        #expect(trained.models["hybrid"]?.itemCount == 6 && trained.itemIndex[200] == nil)
        #expect(grown.id == trained.id && Set(grown.modelNames) == Set(trained.modelNames))
        // The content part the hybrid shares with `content` was grown once and is still one fit.
        let hybrid = try #require(grown.models["hybrid"] as? HybridModel), content = try #require(grown.models["content"] as? TFIDFModel)
        #expect(hybrid.content.fitID == content.fitID && content.fitID != (trained.models["content"] as? TFIDFModel)?.fitID)
    }
}
