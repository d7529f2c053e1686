import Recommender

extension Evaluator {
    /// `--tune`: in each protocol, the tuner searches on a validation split cut from that protocol's
    /// training part alone (protocol 1: each user's last training item, training items excluded;
    /// protocol 2: an 80th-percentile time cut of the training events, purchased items excluded);
    /// each family's choice is then refitted on the whole training part and evaluated exactly as an
    /// untuned model is. The test part informs no choice. Rows: `tuned-FAMILY` for each family and
    /// `tuned` for the validation winner.
    func evaluateTuned(_ tuner: ModelTuner.Configuration, dataset: Dataset, split: LeaveLastOutSplit, leaveLastOutSet: TrainingSet,
                       sessions: SessionSplit?, sessionSet: TrainingSet?, k: Int, protocols: Set<EvaluationProtocol>,
                       dump: EvaluationDump?) throws
        -> (rows: [EvaluationReport.ModelResult], searches: [EvaluationProtocol: ModelTuner.Result])
    {
        var searches: [EvaluationProtocol: ModelTuner.Result] = [:]
        if protocols.contains(.leaveLastOut) {
            var p1 = tuner
            p1.rule = .lastItem
            p1.exclusion = .fittingItems
            var testItem = [Int32](repeating: -1, count: dataset.userCount)
            for (user, item) in zip(split.testUsers, split.testItems) { testItem[Int(user)] = item }
            searches[.leaveLastOut] = try Self.search(p1, Self.eventSet(dataset, like: leaveLastOutSet) { $0.item != testItem[Int($0.user)] })
        }
        if let sessionSet {
            var p2 = tuner
            p2.rule = .timeCut(percentile: SessionSplit.cutPercentile)
            p2.exclusion = .purchasedItems
            let cut = sessions!.cut
            searches[.sessions] = try Self.search(p2, Self.eventSet(dataset, like: sessionSet) { $0.timestamp < cut })
        }
        var names: [String] = []
        for family in ModelTuner.families where searches.values.contains(where: { $0.choices.contains { $0.family == family } }) {
            names.append(family)
        }
        var rows: [EvaluationReport.ModelResult] = []
        for row in names.map({ "tuned-" + $0 }) + ["tuned"] {
            var result = EvaluationReport.ModelResult(model: row)
            func chosen(_ search: ModelTuner.Result) -> ModelConfiguration? {
                row == "tuned" ? search.winner.chosen.configuration
                    : search.choices.first { "tuned-" + $0.family == row }?.chosen.configuration
            }
            if let search = searches[.leaveLastOut], let configuration = chosen(search) {
                let fitter: ModelFitter = { _, set in try configuration.fit(set) }
                let (figures, lists) = try evaluateLeaveLastOut(row, dataset: dataset, split: split, training: leaveLastOutSet, k: k, using: fitter)
                result.leaveLastOut = figures
                result.tunedLeaveLastOut = configuration.summary
                try dump?.writeRecommendations(model: row, split: split, lists: lists)
            }
            if let sessions, let sessionSet, let search = searches[.sessions], let configuration = chosen(search) {
                let fitter: ModelFitter = { _, set in try configuration.fit(set) }
                let (figures, lists) = try evaluateSessions(row, dataset: dataset, split: sessions, training: sessionSet, k: k, using: fitter)
                result.sessions = figures
                result.tunedSessions = configuration.summary
                try dump?.writeSessionRecommendations(model: row, split: sessions, lists: lists)
            }
            if result.leaveLastOut != nil || result.sessions != nil { rows.append(result) }
        }
        return (rows, searches)
    }

    /// The training events one cell each, with their own times: the validation split must cut
    /// events, not pairs (a pair viewed in spring and again in autumn is one training pair whose
    /// latest time is autumn; cut as a pair it would leave validation without any revisit, which
    /// protocol 2 counts as a hit). Models sum a pair's cells, so a fit on it equals a fit on the pairs.
    static func eventSet(_ dataset: Dataset, like pairs: TrainingSet, including include: (Dataset.Event) -> Bool) -> TrainingSet {
        var cells: [TrainingSet.Cell] = [], seconds: [Int64] = [], purchases: [Bool] = []
        for event in dataset.events where include(event) {
            cells.append(.init(user: event.user, item: event.item, weight: event.weight))
            seconds.append(event.timestamp / Timestamp.nanosecondsPerSecond)
            purchases.append(event.isPurchase)
        }
        return TrainingSet(userCount: pairs.userCount, itemCount: pairs.itemCount, cells: cells, itemTexts: pairs.itemTexts,
                           timeline: .init(seconds: seconds, purchases: purchases), itemGroups: pairs.itemGroups)
    }

    private static func search(_ configuration: ModelTuner.Configuration, _ set: TrainingSet) throws -> ModelTuner.Result {
        do {
            return try ModelTuner(configuration).tune(set)
        } catch {
            throw EvaluationError.fitFailed(model: "tuned", reason: "\(error)")
        }
    }
}
