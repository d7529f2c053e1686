/// The statistics of an experiment report, computed from per-arm per-user aggregates: per-arm counts
/// and metrics against control, the sample-ratio-mismatch check, and a verdict in words. Value types
/// only; the service turns them into JSON and the terminal table.
///
/// The first arm is the control. Conversion and revenue per user are per-exposed-user means (Welch);
/// CTR is Σ views / Σ lists (the delta method, users as the unit). Every user who was served a list
/// counts, including users who never clicked or bought — dropping them (as Gorse's online evaluation
/// does) would bias every rate upwards.
public struct ExperimentReport: Sendable, Equatable {
    public let arms: [ArmReport]
    public let srm: SampleRatioMismatchCheck
    /// One sentence: which arm leads on what, or that there is no evidence yet; decided on the
    /// confidence sequences, so it may be read at any time.
    public let verdict: String

    /// - Parameter confidenceSequence: fixed before the experiment starts (its planned size: the
    ///   exposed users of control and one other arm together), never from the data. Each arm is
    ///   compared with control at n = both arms' exposed users.
    public init(arms observations: [ArmObservations], confidenceSequence: ConfidenceSequence = ConfidenceSequence()) {
        let summaries = observations.map(ArmSummaries.init)
        let control = summaries.first
        arms = zip(observations, summaries).enumerated().map { index, pair in
            let (observation, summary) = pair
            var metrics = summary.ownMetrics()
            if index > 0, let control {
                metrics = summary.metrics(against: control, sequence: confidenceSequence)
            }
            return ArmReport(observation, metrics: metrics)
        }
        let weights = observations.map(\.weight)
        srm = SampleRatioMismatchCheck(
            assigned: SampleRatioMismatch(observed: observations.map(\.usersAssigned), weights: weights),
            exposed: SampleRatioMismatch(observed: observations.map(\.exposedUsers.count), weights: weights))
        verdict = Verdict.sentence(arms: arms, srm: srm)
    }
}

/// One arm of the report: its totals and its metrics.
public struct ArmReport: Sendable, Equatable {
    public let name: String
    public let weight: Double
    public let usersAssigned: Int
    public let usersExposed: Int
    public let lists: Int
    public let views: Int
    public let wishlists: Int
    public let purchases: Int
    public let revenue: Double
    public let metrics: ArmMetrics

    init(_ observation: ArmObservations, metrics: ArmMetrics) {
        name = observation.name
        weight = observation.weight
        usersAssigned = observation.usersAssigned
        usersExposed = observation.exposedUsers.count
        lists = observation.exposedUsers.reduce(0) { $0 + $1.lists }
        views = observation.exposedUsers.reduce(0) { $0 + $1.views }
        wishlists = observation.exposedUsers.reduce(0) { $0 + $1.wishlists }
        purchases = observation.exposedUsers.reduce(0) { $0 + $1.purchases }
        revenue = observation.exposedUsers.reduce(0) { $0 + $1.revenue }
        self.metrics = metrics
    }
}

/// The SRM check on both counts the issue names: users assigned (assignment broken) and users exposed
/// (serving or logging broken for one arm). Either one flags the experiment.
public struct SampleRatioMismatchCheck: Sendable, Equatable {
    public let assigned: SampleRatioMismatch?
    public let exposed: SampleRatioMismatch?

    /// The smaller of the two p-values, the one the report shows; nil before any user.
    public var pValue: Double? {
        [assigned?.pValue, exposed?.pValue].compactMap { $0 }.min()
    }

    public var flagged: Bool { (assigned?.flagged ?? false) || (exposed?.flagged ?? false) }
}

/// One arm reduced to the moments its metrics need.
private struct ArmSummaries {
    var ctr: RatioSummary
    var conversion: SampleSummary
    var revenue: SampleSummary

    init(_ observation: ArmObservations) {
        let users = observation.exposedUsers
        ctr = RatioSummary(users.lazy.map { (numerator: Double($0.views), denominator: Double($0.lists)) })
        conversion = SampleSummary(users.lazy.map { $0.purchases > 0 ? 1.0 : 0.0 })
        revenue = SampleSummary(users.lazy.map(\.revenue))
    }

    var usersExposed: Int { conversion.count }

    /// Control's metrics: only its own values.
    func ownMetrics() -> ArmMetrics {
        ArmMetrics(
            ctr: MetricResult(value: ctr.ratio),
            conversion: MetricResult(value: Self.mean(conversion)),
            revenuePerUser: MetricResult(value: Self.mean(revenue)))
    }

    func metrics(against control: ArmSummaries, sequence: ConfidenceSequence) -> ArmMetrics {
        let users = usersExposed + control.usersExposed
        let ctrTest = RatioDifferenceTest(control: control.ctr, treatment: ctr)
        let conversionTest = WelchTTest(control: control.conversion, treatment: conversion)
        let revenueTest = WelchTTest(control: control.revenue, treatment: revenue)
        return ArmMetrics(
            ctr: Comparison(ctrTest.map { ($0.standardError, $0.confidenceInterval(), $0.pValue) })
                .result(value: ctr.ratio, controlValue: control.ctr.ratio, users: users, sequence: sequence),
            conversion: Comparison(conversionTest.map { ($0.standardError, $0.confidenceInterval(), $0.pValue) })
                .result(value: Self.mean(conversion), controlValue: Self.mean(control.conversion),
                    users: users, sequence: sequence),
            revenuePerUser: Comparison(revenueTest.map { ($0.standardError, $0.confidenceInterval(), $0.pValue) })
                .result(value: Self.mean(revenue), controlValue: Self.mean(control.revenue),
                    users: users, sequence: sequence))
    }

    private static func mean(_ summary: SampleSummary) -> Double? {
        summary.count > 0 ? summary.mean : nil
    }
}

/// What a test (Welch's or the delta method's) says about one difference, whichever test it was.
private struct Comparison {
    var test: (standardError: Double, ci95: Interval, pValue: Double)?

    init(_ test: (Double, Interval, Double)?) {
        self.test = test.map { (standardError: $0.0, ci95: $0.1, pValue: $0.2) }
    }

    func result(value: Double?, controlValue: Double?, users: Int, sequence: ConfidenceSequence) -> MetricResult {
        guard let value, let controlValue else { return MetricResult(value: value) }
        let difference = value - controlValue
        var result = MetricResult(
            value: value, difference: difference,
            relativeDifference: controlValue != 0 ? difference / controlValue : nil)
        if let test {
            result.ci95 = test.ci95
            result.pValue = test.pValue
            result.cs95 = sequence.interval(estimate: difference, standardError: test.standardError, sampleSize: users)
            result.sequentialPValue = sequence.pValue(
                estimate: difference, standardError: test.standardError, sampleSize: users)
        }
        return result
    }
}
