import Recommender

extension Evaluator {
    /// Protocol 2 for one model (PROTOCOL.md section 7): one top-K list per test user with only the
    /// items it purchased before the cut excluded; a session is a hit if any of its items is listed.
    /// Returns the figures and each test user's list (for the dump).
    func evaluateSessions(_ name: String, dataset: Dataset, split: SessionSplit, training set: TrainingSet, k: Int,
                          using fitter: ModelFitter? = nil) throws
        -> (EvaluationReport.SessionResult, [[Int]])
    {
        let (model, trainSeconds) = try fit(name, on: set, using: fitter)
        let clock = ContinuousClock()
        let start = clock.now
        let training = split.training
        var lists: [[Int]] = []
        lists.reserveCapacity(split.testUsers.count)
        var hits = 0
        var sessionIndex = 0
        var userHits: [Double] = [], userSessions: [Double] = []
        for user in split.testUsers {
            let scores = try Self.checkedScores(model, name: name, user: Int(user), itemCount: dataset.itemCount)
            let excluded = Set(training.row(Int(user)).filter { training.purchased[$0] }.map { Int(training.items[$0]) })
            let list = TopK.select(k, from: scores, excluding: excluded).map(\.item)
            let listed = Set(list)
            let before = (hits, sessionIndex)
            while sessionIndex < split.testSessions.count, split.testSessions[sessionIndex].user == user {
                if split.testSessions[sessionIndex].items.contains(where: { listed.contains(Int($0)) }) { hits += 1 }
                sessionIndex += 1
            }
            userHits.append(Double(hits - before.0))
            userSessions.append(Double(sessionIndex - before.1))
            lists.append(list)
        }
        let scoreSeconds = Self.seconds(clock.now - start)
        var result = EvaluationReport.SessionResult(
            accuracy: Double(hits) / Double(max(split.testSessions.count, 1)), hits: hits,
            trainSeconds: trainSeconds, scoreSeconds: scoreSeconds, details: Self.details(of: model))
        result.accuracyInterval = ConfidenceInterval(ratioOf: userHits, over: userSessions)
        return (result, lists)
    }
}
