import Evaluation
import Foundation
import ShoeServices

/// Offline figures for /admin/models: the leave-last-out protocol of shared/EVALUATION.md (K = 10)
/// run on the very data a training read, for the model kinds the service serves.
enum TrainingEvaluation {
    static let models = ["popularity", "imdb", "svd64", "tfidf", "hybrid", "ease"]

    static func figures(log: InteractionLog, shoes: [CatalogShoe]) throws -> [String: ModelSnapshot.ModelFigures] {
        let userIDs = Array(Set(log.userIDs)).sorted()
        let userIndex = Dictionary(uniqueKeysWithValues: userIDs.enumerated().map { ($1, Int32($0)) })
        let itemIndex = Dictionary(uniqueKeysWithValues: shoes.enumerated().map { ($1.id, Int32($0)) })
        var events: [Dataset.Event] = []
        events.reserveCapacity(log.count)
        for index in 0..<log.count {
            guard let item = itemIndex[Int(log.shoeIDs[index])], let user = userIndex[log.userIDs[index]] else { continue }
            events.append(Dataset.Event(
                user: user, item: item, timestamp: log.occurredAtMicros[index] * 1_000,
                weight: InteractionLog.weights[Int(log.kinds[index])], isPurchase: log.kinds[index] == 2))
        }
        let dataset = Dataset(
            userIDs: userIDs.map(String.init), itemIDs: shoes.map { String($0.id) }, itemTexts: shoes.map(\.text),
            events: events)
        let report = try Evaluator().run(dataset: dataset, models: models, k: 10, protocols: [.leaveLastOut])
        var figures: [String: ModelSnapshot.ModelFigures] = [:]
        for result in report.results {
            guard let figure = result.leaveLastOut else { continue }
            figures[result.model] = .init(hitRate: figure.hitRate, ndcg: figure.ndcg, coverage: figure.coverage)
        }
        return figures
    }
}
