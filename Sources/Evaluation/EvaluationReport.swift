import Recommender

/// What one evaluation measured: the data set's counts, protocol 2's split counts and each model's
/// figures, in the shape of PROTOCOL.md section 5 so they compare one to one with the reference.
public struct EvaluationReport: Sendable {
    /// Counts of the data set and of protocol 1's split (always computed, as the reference does).
    public struct DatasetSummary: Sendable, Equatable {
        public var userCount: Int
        public var itemCount: Int
        public var eventCount: Int
        public var trainingPairCount: Int
        public var testUserCount: Int
        public var trainingWeightSum: Double
        /// SHA-256 of each input file by name.
        public var fileDigests: [String: String]
    }

    /// Protocol 2's cut and counts (the `protocol2` block of the JSON).
    public struct SessionSummary: Sendable, Equatable {
        public var cut: Int64
        public var cutPercentile: Int
        public var sessionGapSeconds: Int
        public var sessionCount: Int
        public var trainingEventCount: Int
        public var trainingUserCount: Int
        public var trainingPairCount: Int
        public var excludedPairCount: Int
        public var trainingWeightSum: Double
        public var testSessionCount: Int
        public var testUserCount: Int
        public var testEventCount: Int
        public var afterCutEventCount: Int
        public var afterCutEventsInSessionsStartedBefore: Int
        public var afterCutEventsOfUsersWithoutTraining: Int
        /// The cut as the reference writes it, e.g. `2023-10-20T22:53:28.400000+00:00`.
        public var cutISO: String { Timestamp.isoString(cut) }
    }

    /// What the reference reports of a fitted model to explain its figures: imdb's `m` and `C`,
    /// segment's cluster sizes. Empty for the other models.
    public struct ModelDetails: Sendable, Equatable {
        public var imdbM: Double?
        public var imdbC: Double?
        public var clusterSizes: [Int]?
    }

    /// Protocol 1's figures for one model.
    public struct LeaveLastOutResult: Sendable, Equatable {
        public var hitRate: Double
        public var ndcg: Double
        public var coverage: Double
        public var hits: Int
        public var trainSeconds: Double
        public var scoreSeconds: Double
        public var details: ModelDetails
        /// 95 % intervals over test users (normal approximation, see `ConfidenceInterval`).
        public var hitRateInterval = ConfidenceInterval(low: 0, high: 0)
        public var ndcgInterval = ConfidenceInterval(low: 0, high: 0)
    }

    /// Protocol 2's figures for one model.
    public struct SessionResult: Sendable, Equatable {
        public var accuracy: Double
        public var hits: Int
        public var trainSeconds: Double
        public var scoreSeconds: Double
        public var details: ModelDetails
        /// 95 % interval over test users (hit sessions over sessions per user, delta method).
        public var accuracyInterval = ConfidenceInterval(low: 0, high: 0)
    }

    /// One model's row.
    public struct ModelResult: Sendable, Equatable {
        /// The name as requested (`content` stays `content`).
        public var model: String
        public var leaveLastOut: LeaveLastOutResult?
        public var sessions: SessionResult?
        /// For a tuned row: what each protocol's tuning chose (summary) — nil for an untuned model.
        public var tunedLeaveLastOut: String?
        public var tunedSessions: String?
    }

    public var k: Int
    public var protocols: [EvaluationProtocol]
    public var dataset: DatasetSummary
    /// Present when protocol 2 ran.
    public var sessions: SessionSummary?
    public var results: [ModelResult]
    /// What `--tune` searched, per protocol (empty without it).
    public var tuning: [EvaluationProtocol: ModelTuner.Result] = [:]
}

/// The two protocols of shared/EVALUATION.md.
public enum EvaluationProtocol: Int, Sendable, CaseIterable, Comparable {
    /// Leave-last-out: HR@K, NDCG@K, coverage@K.
    case leaveLastOut = 1
    /// Session split at the 80th-percentile cut: accuracy@K.
    case sessions = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
