import Foundation
import Recommender

extension ModelVersion {
    /// The archive kind of a whole version (the root record of its bytes).
    static let archiveKind = "model_version"

    /// The version in `ModelArchive`'s binary form: its metadata, id maps, item texts,
    /// configurations, figures and every model (parts shared between models written once).
    /// The catalogue's filter index is not written: it is rebuilt from the shoes by whoever loads it.
    ///
    /// - Throws: `ModelArchiveError.notArchivable` when a model has no `ArchivableModel` conformance.
    public func archived() throws(ModelArchiveError) -> [UInt8] {
        try ModelArchive.encode(kind: Self.archiveKind) { writer in
            writer.write("id", id)
            writer.write("trained_at", trainedAt.timeIntervalSinceReferenceDate)
            writer.write("training_seconds", trainingSeconds)
            writer.write("event_count", eventCount)
            writer.write("user_count", userCount)
            writer.write("shoe_ids", shoeIDs)
            writer.write("item_texts", itemTexts)
            writer.write("model_names", modelNames)
            for name in modelNames {
                writer.write("model.\(name)", part: models[name]!)
                configurations[name]?.archive(into: &writer, as: "configuration.\(name)")
                if let figures = evaluation[name] {
                    writer.write("evaluation.\(name)", record: "figures") { record in
                        record.write("hit_rate", figures.hitRate)
                        record.write("ndcg", figures.ndcg)
                        record.write("coverage", figures.coverage)
                    }
                }
            }
        }
    }

    /// A version read back from `archived()`'s bytes: the magic, format version and checksum are
    /// checked before anything is parsed, and every model's shapes after.
    public init(archive bytes: [UInt8]) throws(ModelArchiveError) {
        let root = try ModelArchive.decode(bytes)
        guard root.kind == Self.archiveKind else { throw .inconsistent("the root record is a \(root.kind), not a version") }
        let shoeIDs = try root.ints("shoe_ids"), texts = try root.strings("item_texts")
        try root.require(texts.count == shoeIDs.count && Set(shoeIDs).count == shoeIDs.count, "shoe ids and texts disagree")
        var models: [String: any RecommendationModel] = [:]
        var configurations: [String: ModelConfiguration] = [:]
        var evaluation: [String: ModelFigures] = [:]
        for name in try root.strings("model_names") {
            let model = try root.part("model.\(name)")
            try root.require(model.itemCount <= shoeIDs.count, "model \(name) has \(model.itemCount) items, the version \(shoeIDs.count)")
            models[name] = model
            if root.has("configuration.\(name)") {
                configurations[name] = try ModelConfiguration(unarchiving: try root.record("configuration.\(name)"))
            }
            if root.has("evaluation.\(name)") {
                let figures = try root.record("evaluation.\(name)")
                evaluation[name] = ModelFigures(
                    hitRate: try figures.double("hit_rate"), ndcg: try figures.double("ndcg"), coverage: try figures.double("coverage"))
            }
        }
        self.init(
            id: try root.string("id"), trainedAt: Date(timeIntervalSinceReferenceDate: try root.double("trained_at")),
            trainingSeconds: try root.double("training_seconds"), eventCount: try root.int("event_count"),
            userCount: try root.int("user_count"), shoeIDs: shoeIDs, itemTexts: texts, models: models,
            configurations: configurations, evaluation: evaluation)
    }
}
