import Foundation
import Recommender

/// Fits a model by name on a training set: the seam between the evaluation and the models.
public typealias ModelFitter = @Sendable (_ name: String, _ training: TrainingSet) throws -> any RecommendationModel

/// Runs the offline evaluation of shared/EVALUATION.md and shared/eval/PROTOCOL.md on a data
/// directory: protocol 1 (leave-last-out: HR@K, NDCG@K, coverage@K) and protocol 2 (session split:
/// accuracy@K), one fit per model and protocol, each fit timed on its own.
///
/// Everything but the models is here — loading, splits, exclusion, ranking, metrics, counts — so two
/// implementations of the protocol can be compared figure by figure and list by list.
public struct Evaluator: Sendable {
    /// How to evaluate.
    public struct Configuration: Sendable {
        /// Fits a model by name; by default the protocol's models of `Recommender`.
        public var fit: ModelFitter
        /// If set, the split and every model's lists are written there in the reference's CSV format.
        public var dumpDirectory: String?
        /// If set, each protocol also tunes every family on its training part alone (see
        /// `Evaluator+Tuning`) and reports the tuned models as extra rows.
        public var tuning: ModelTuner.Configuration?

        /// - Parameters:
        ///   - fit: how to fit a model by name (default: `ModelConfiguration(name:).fit`).
        ///   - dumpDirectory: where to write split_test.csv, recs_<model>.csv, p2_test_sessions.csv and
        ///     p2_recs_<model>.csv for list-by-list comparison; nil writes nothing.
        public init(fit: @escaping ModelFitter = Evaluator.protocolModel, dumpDirectory: String? = nil,
                    tuning: ModelTuner.Configuration? = nil) {
            self.fit = fit
            self.dumpDirectory = dumpDirectory
            self.tuning = tuning
        }
    }

    /// The protocol's models as `Recommender` names them.
    public static let modelNames = ModelConfiguration.evaluationNames

    /// Fits the protocol's model of that name (`content` is `tfidf`, `svd` has 32 factors).
    public static let protocolModel: ModelFitter = { name, training in
        try ModelConfiguration(name: name).fit(training)
    }

    /// True if `Recommender` knows a model of that name (`ModelConfiguration(name:)`), so a command
    /// line can refuse a typo before loading a large data set.
    public static func isKnownModel(_ name: String) -> Bool {
        (try? ModelConfiguration(name: name)) != nil
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Loads `dataDirectory`, runs the protocols for each model and returns the figures.
    ///
    /// - Parameters:
    ///   - dataDirectory: a directory in the neutral or the shop's CSV form (see `Dataset.load`).
    ///   - models: model names, in the order of the report's rows.
    ///   - k: list length.
    ///   - protocols: which protocols to run.
    public func run(dataDirectory: String, models: [String] = Evaluator.modelNames, k: Int = 10,
                    protocols: Set<EvaluationProtocol> = [.leaveLastOut, .sessions]) throws -> EvaluationReport {
        try run(dataset: Dataset.load(directory: dataDirectory), models: models, k: k, protocols: protocols)
    }

    /// The same on a data set already in memory.
    public func run(dataset: Dataset, models: [String] = Evaluator.modelNames, k: Int = 10,
                    protocols: Set<EvaluationProtocol> = [.leaveLastOut, .sessions]) throws -> EvaluationReport {
        guard k > 0 else { throw EvaluationError.invalidK(k) }
        let dump = try configuration.dumpDirectory.map { try EvaluationDump(directory: $0, dataset: dataset) }
        let split = LeaveLastOutSplit(dataset)
        let sessions = protocols.contains(.sessions) ? SessionSplit(dataset) : nil
        if protocols.contains(.leaveLastOut) { try dump?.writeSplit(split) }
        if let sessions { try dump?.writeSessions(sessions) }

        // Each protocol's training set is built once and fitted by every model.
        let groups = dataset.itemGroups
        let leaveLastOutSet = split.training.trainingSet(itemTexts: dataset.itemTexts, itemGroups: groups)
        let sessionSet = sessions?.training.trainingSet(itemTexts: dataset.itemTexts, itemGroups: groups)
        var results: [EvaluationReport.ModelResult] = []
        for name in models {
            var result = EvaluationReport.ModelResult(model: name)
            if protocols.contains(.leaveLastOut) {
                let (figures, lists) = try evaluateLeaveLastOut(
                    name, dataset: dataset, split: split, training: leaveLastOutSet, k: k)
                result.leaveLastOut = figures
                try dump?.writeRecommendations(model: name, split: split, lists: lists)
            }
            if let sessions, let sessionSet {
                let (figures, lists) = try evaluateSessions(name, dataset: dataset, split: sessions, training: sessionSet, k: k)
                result.sessions = figures
                try dump?.writeSessionRecommendations(model: name, split: sessions, lists: lists)
            }
            results.append(result)
        }
        var tuning: [EvaluationProtocol: ModelTuner.Result] = [:]
        if let tuner = configuration.tuning {
            let tuned = try evaluateTuned(tuner, dataset: dataset, split: split, leaveLastOutSet: leaveLastOutSet,
                                          sessions: sessions, sessionSet: sessionSet, k: k, protocols: protocols, dump: dump)
            results += tuned.rows
            tuning = tuned.searches
        }
        var report = EvaluationReport(
            k: k, protocols: protocols.sorted(), dataset: Self.summary(dataset, split), sessions: sessions.map(Self.summary),
            results: results)
        report.tuning = tuning
        return report
    }

    /// Fits one model and times the fit alone; wraps a failure with the model's name.
    func fit(_ name: String, on set: TrainingSet, using fitter: ModelFitter? = nil) throws -> (any RecommendationModel, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let model: any RecommendationModel
        do {
            model = try (fitter ?? configuration.fit)(name, set)
        } catch {
            throw EvaluationError.fitFailed(model: name, reason: "\(error)")
        }
        return (model, Self.seconds(clock.now - start))
    }

    /// The model's scores for a user with the protocol's checks: one score an item, no NaN.
    static func checkedScores(_ model: any RecommendationModel, name: String, user: Int, itemCount: Int) throws -> [Double] {
        let scores = model.scores(forUser: user)
        guard scores.count == itemCount else {
            throw EvaluationError.wrongScoreCount(model: name, expected: itemCount, found: scores.count)
        }
        guard !scores.contains(where: \.isNaN) else { throw EvaluationError.nanScore(model: name, user: user) }
        return scores
    }

    /// imdb's m and C, segment's cluster sizes: the reference reports them to explain its figures.
    static func details(of model: any RecommendationModel) -> EvaluationReport.ModelDetails {
        var details = EvaluationReport.ModelDetails()
        if let imdb = model as? IMDBModel {
            details.imdbM = imdb.m
            details.imdbC = imdb.globalMean
        }
        if let segment = model as? SegmentModel { details.clusterSizes = segment.clusterSizes }
        return details
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    private static func summary(_ dataset: Dataset, _ split: LeaveLastOutSplit) -> EvaluationReport.DatasetSummary {
        EvaluationReport.DatasetSummary(
            userCount: dataset.userCount, itemCount: dataset.itemCount, eventCount: dataset.events.count,
            trainingPairCount: split.training.pairCount, testUserCount: split.testUsers.count,
            trainingWeightSum: split.training.weightSum, fileDigests: dataset.fileDigests)
    }

    private static func summary(_ split: SessionSplit) -> EvaluationReport.SessionSummary {
        EvaluationReport.SessionSummary(
            cut: split.cut, cutPercentile: SessionSplit.cutPercentile,
            sessionGapSeconds: Int(SessionSplit.sessionGap / Timestamp.nanosecondsPerSecond),
            sessionCount: split.sessionCount, trainingEventCount: split.trainingEventCount,
            trainingUserCount: split.trainingUserCount, trainingPairCount: split.training.pairCount,
            excludedPairCount: split.training.purchased.count { $0 }, trainingWeightSum: split.training.weightSum,
            testSessionCount: split.testSessions.count, testUserCount: split.testUsers.count,
            testEventCount: split.testEventCount, afterCutEventCount: split.afterCutEventCount,
            afterCutEventsInSessionsStartedBefore: split.afterCutEventsInSessionsStartedBefore,
            afterCutEventsOfUsersWithoutTraining: split.afterCutEventsOfUsersWithoutTraining)
    }
}
