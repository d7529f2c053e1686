import Foundation
import Recommender
import ShoeData

/// One model version: every model one training fitted, the mapping between shop ids and model
/// indices, the catalogue text they were fitted on, offline figures and when and on what it trained.
///
/// An immutable value that owns everything it needs, so two versions can be kept and served side by
/// side (an experiment pins one, a retrain publishes another) and a version can later be written out
/// and loaded by a replica that did not train it. It is swapped as a whole: a request takes one
/// version and finishes on it even if a retrain publishes a new one meanwhile, so a response never
/// mixes two versions. Nothing in it is replaced by name: a shoe added after training gives a new
/// version in which every model that takes items by text (`ItemAddingModel`) has grown.
public struct ModelVersion: Sendable {
    /// Names the training run: the UTC time it finished, e.g. `20261123T044012.345Z`.
    public let id: String
    public let trainedAt: Date
    public let trainingSeconds: Double
    /// Events and users the run trained on.
    public let eventCount: Int
    public let userCount: Int
    /// Item index → shoe id (shoes added since training come last).
    public let shoeIDs: [Int]
    /// Shoe id → item index.
    public let itemIndex: [Int: Int]
    /// The text of each item, in item order: what content models were fitted on (see `text(brand:...)`).
    public let itemTexts: [String]
    /// Every model the service can serve, by the name clients use (`hybrid`, `svd`, `content`, ...).
    public let models: [String: any RecommendationModel]
    /// How each served model was fitted, by the same names: what a replica refits or checks against.
    public let configurations: [String: ModelConfiguration]
    /// Offline figures measured on the training data at training time (leave-last-out, K = 10).
    public let evaluation: [String: ModelFigures]
    /// What tuning chose when this version was tuned at training time (nil: not tuned).
    public let tuning: TuningRecord?
    /// The shoes' attributes as bitsets in item order: what request-time filters are built from.
    /// Built by ``indexing(_:)`` when the version is published with its catalogue.
    public private(set) var catalogue: CatalogueIndex

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
        id: String, trainedAt: Date, trainingSeconds: Double, eventCount: Int, userCount: Int,
        shoeIDs: [Int], itemTexts: [String], models: [String: any RecommendationModel],
        configurations: [String: ModelConfiguration] = [:], evaluation: [String: ModelFigures] = [:],
        catalogue: CatalogueIndex? = nil, tuning: TuningRecord? = nil
    ) {
        self.tuning = tuning
        self.id = id
        self.trainedAt = trainedAt
        self.trainingSeconds = trainingSeconds
        self.eventCount = eventCount
        self.userCount = userCount
        self.shoeIDs = shoeIDs
        self.itemIndex = Dictionary(uniqueKeysWithValues: shoeIDs.enumerated().map { ($1, $0) })
        self.itemTexts = itemTexts
        self.models = models
        self.configurations = configurations
        self.evaluation = evaluation
        self.catalogue = catalogue ?? CatalogueIndex(itemCount: shoeIDs.count)
    }

    /// The names clients may ask for, sorted.
    public var modelNames: [String] { models.keys.sorted() }

    /// The model served under `name`, or the error a client gets for a name this version lacks.
    public func model(named name: String) throws(RecommendationError) -> any RecommendationModel {
        guard let model = models[name] else { throw .unknownModel(name, known: modelNames) }
        return model
    }

    /// The same version with a new shoe: every model that takes items by text (hybrid, content)
    /// ranks it at once, parts they share grown once and still shared; the others learn of it at the
    /// next training.
    public func adding(shoeID: Int, text: String) -> ModelVersion {
        adding(shoeID: shoeID, text: text, attributes: nil)
    }

    /// The same version with `shoes`' attributes indexed in its item order (a shoe id the version
    /// lacks is ignored; an item without a shoe matches no attribute filter).
    public func indexing(_ shoes: [Shoe]) -> ModelVersion {
        var indexed = self
        indexed.catalogue = CatalogueIndex(shoeIDs: shoeIDs, shoes: shoes)
        return indexed
    }

    /// The same version with a new shoe, its attributes indexed for filters at once.
    public func adding(_ shoe: Shoe) -> ModelVersion {
        adding(shoeID: shoe.id, text: shoe.text, attributes: shoe)
    }

    private func adding(shoeID: Int, text: String, attributes: Shoe?) -> ModelVersion {
        var added = AddedItems(texts: [text])   // grows the content hybrid and `content` share once
        var grown: [String: any RecommendationModel] = [:]
        for (name, model) in models { grown[name] = (model as? any ItemAddingModel)?.adding(&added) ?? model }
        return ModelVersion(
            id: id, trainedAt: trainedAt, trainingSeconds: trainingSeconds, eventCount: eventCount,
            userCount: userCount, shoeIDs: shoeIDs + [shoeID], itemTexts: itemTexts + [text],
            models: grown,
            configurations: configurations, evaluation: evaluation, catalogue: catalogue.appending(attributes), tuning: tuning)
    }

    /// A shoe's text for TF-IDF: brand, model, type, material and colour.
    public static func text(brand: String, model: String, type: String, material: String, color: String) -> String {
        [brand, model, type, material, color].joined(separator: " ")
    }
}
