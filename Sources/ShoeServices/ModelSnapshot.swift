import Foundation
import Recommender

/// Every trained model of one training run, with the mapping between shop ids and model indices.
///
/// Immutable and swapped as a whole: a request takes one snapshot and finishes on it even if a
/// retrain publishes a new one meanwhile, so a response never mixes two model versions.
public struct ModelSnapshot: Sendable {
    /// Names the training run: the UTC time it finished, e.g. `20261123T044012.345Z`.
    public let version: String
    public let trainedAt: Date
    public let trainingSeconds: Double
    /// Events and users the run trained on.
    public let eventCount: Int
    public let userCount: Int
    /// Item index → shoe id (shoes added since training come last).
    public let shoeIDs: [Int]
    /// Shoe id → item index.
    public let itemIndex: [Int: Int]
    /// The hybrid, whose parts explain its scores and whose content part finds similar shoes.
    public let hybrid: HybridModel
    /// Every model the service can serve, by the name clients use (`hybrid`, `svd`, `content`, ...).
    public let models: [String: any RecommendationModel]
    /// Offline figures measured on the training data at training time (leave-last-out, K = 10).
    public let evaluation: [String: ModelFigures]

    public struct ModelFigures: Sendable, Equatable {
        public var hitRate: Double
        public var ndcg: Double
        public var coverage: Double

        public init(hitRate: Double, ndcg: Double, coverage: Double) {
            self.hitRate = hitRate
            self.ndcg = ndcg
            self.coverage = coverage
        }
    }

    public init(
        version: String, trainedAt: Date, trainingSeconds: Double, eventCount: Int, userCount: Int,
        shoeIDs: [Int], hybrid: HybridModel, models: [String: any RecommendationModel],
        evaluation: [String: ModelFigures] = [:]
    ) {
        self.version = version
        self.trainedAt = trainedAt
        self.trainingSeconds = trainingSeconds
        self.eventCount = eventCount
        self.userCount = userCount
        self.shoeIDs = shoeIDs
        self.itemIndex = Dictionary(uniqueKeysWithValues: shoeIDs.enumerated().map { ($1, $0) })
        self.hybrid = hybrid
        self.models = models
        self.evaluation = evaluation
    }

    /// The names clients may ask for, sorted.
    public var modelNames: [String] { models.keys.sorted() }

    /// The same snapshot with a new shoe, reachable at once through content (hybrid, content);
    /// the other models learn of it at the next training.
    public func adding(shoeID: Int, text: String) -> ModelSnapshot {
        let hybrid = hybrid.adding(itemTexts: [text])
        var models = models
        models["hybrid"] = hybrid
        models["content"] = hybrid.content
        return ModelSnapshot(
            version: version, trainedAt: trainedAt, trainingSeconds: trainingSeconds, eventCount: eventCount,
            userCount: userCount, shoeIDs: shoeIDs + [shoeID], hybrid: hybrid, models: models, evaluation: evaluation)
    }

    /// A shoe's text for TF-IDF: brand, model, type, material and colour.
    public static func text(brand: String, model: String, type: String, material: String, color: String) -> String {
        [brand, model, type, material, color].joined(separator: " ")
    }
}
