import Evaluation
import Foundation
import ShoeData
import ShoeServices

/// Offline figures for /admin/models: the leave-last-out protocol of shared/EVALUATION.md (K = 10)
/// run on the very data a training read, for each model the service serves, under its service name
/// (`popularity` is the protocol's `imdb`, `svd` its `svd64`, `content` its `tfidf`).
enum TrainingEvaluation {
    /// The protocol's name of each model the service serves, by the service's name for it.
    static let served: [String: String] = [
        "popularity": "imdb", "svd": "svd64", "content": "tfidf", "hybrid": "hybrid", "ease": "ease",
        "ials": "ials", "segment": "segment",
    ]

    static func figures(log: InteractionLog, shoes: [Shoe]) throws -> [String: ModelVersion.ModelFigures] {
        let userIDs = Array(Set(log.userIDs)).sorted()
        let userIndex = Dictionary(uniqueKeysWithValues: userIDs.enumerated().map { ($1, Int32($0)) })
        let itemIndex = Dictionary(uniqueKeysWithValues: shoes.enumerated().map { ($1.id, Int32($0)) })
        var events: [Dataset.Event] = []
        events.reserveCapacity(log.count)
        for index in 0..<log.count {
            guard let item = itemIndex[Int(log.shoeIDs[index])], let user = userIndex[log.userIDs[index]] else { continue }
            events.append(Dataset.Event(
                user: user, item: item, timestamp: log.occurredAtMicros[index] * 1_000,
                weight: InteractionLog.weights[Int(log.kinds[index])], isPurchase: log.kinds[index] == InteractionKind.purchase.code))
        }
        let dataset = Dataset(
            userIDs: userIDs.map(String.init), itemIDs: shoes.map { String($0.id) }, itemTexts: shoes.map(\.text),
            events: events)
        let report = try Evaluator().run(
            dataset: dataset, models: served.values.sorted(), k: 10, protocols: [.leaveLastOut])
        var figures: [String: ModelVersion.ModelFigures] = [:]
        for (name, protocolName) in served {
            guard let figure = report.results.first(where: { $0.model == protocolName })?.leaveLastOut else { continue }
            figures[name] = .init(hitRate: figure.hitRate, ndcg: figure.ndcg, coverage: figure.coverage)
        }
        return figures
    }
}
