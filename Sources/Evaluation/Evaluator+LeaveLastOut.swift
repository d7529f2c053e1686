import Foundation
import Recommender

extension Evaluator {
    /// Protocol 1 for one model (PROTOCOL.md section 3): each test user's top K with training items
    /// excluded, ties to the smaller item index; HR@K, NDCG@K, coverage@K.
    /// Returns the figures and each test user's list (for the dump).
    func evaluateLeaveLastOut(_ name: String, dataset: Dataset, split: LeaveLastOutSplit, training set: TrainingSet,
                              k: Int,
                              using fitter: ModelFitter? = nil) throws
        -> (EvaluationReport.LeaveLastOutResult, [[Int]])
    {
        let (model, trainSeconds) = try fit(name, on: set, using: fitter)
        let clock = ContinuousClock()
        let start = clock.now
        var lists: [[Int]] = []
        lists.reserveCapacity(split.testUsers.count)
        var hits = 0
        var gain = 0.0
        var recommended = Set<Int>()
        var userHits: [Double] = [], userGains: [Double] = []
        userHits.reserveCapacity(split.testUsers.count)
        userGains.reserveCapacity(split.testUsers.count)
        for (user, testItem) in zip(split.testUsers, split.testItems) {
            let scores = try Self.checkedScores(model, name: name, user: Int(user), itemCount: dataset.itemCount)
            let excluded = Set(split.training.row(Int(user)).map { Int(split.training.items[$0]) })
            let list = TopK.select(k, from: scores, excluding: excluded).map(\.item)
            if let position = list.firstIndex(of: Int(testItem)) {
                hits += 1
                gain += 1 / log2(Double(position + 2))
                userHits.append(1)
                userGains.append(1 / log2(Double(position + 2)))
            } else {
                userHits.append(0)
                userGains.append(0)
            }
            recommended.formUnion(list)
            lists.append(list)
        }
        let scoreSeconds = Self.seconds(clock.now - start)
        let users = Double(max(split.testUsers.count, 1))
        var result = EvaluationReport.LeaveLastOutResult(
            hitRate: Double(hits) / users, ndcg: gain / users,
            coverage: Double(recommended.count) / Double(max(dataset.itemCount, 1)),
            hits: hits, trainSeconds: trainSeconds, scoreSeconds: scoreSeconds, details: Self.details(of: model))
        result.hitRateInterval = ConfidenceInterval(meanOf: userHits)
        result.ndcgInterval = ConfidenceInterval(meanOf: userGains)
        return (result, lists)
    }
}
