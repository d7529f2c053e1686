/// Welch's unequal-variances t-test of treatment against control on per-user values (the unit of
/// randomisation is the user, so each user contributes one value).
///
/// Welch rather than Student because arms need not share a variance: a model that sells more also
/// spreads revenue more, and Student's pooled variance would then misstate the error. The degrees of
/// freedom are Welch–Satterthwaite's,
///   ν = (s₁²/n₁ + s₀²/n₀)² / ((s₁²/n₁)²/(n₁ − 1) + (s₀²/n₀)²/(n₀ − 1)).
public struct WelchTTest: Sendable, Equatable {
    public let control: SampleSummary
    public let treatment: SampleSummary
    /// treatment mean − control mean.
    public let difference: Double
    /// sqrt(s₁²/n₁ + s₀²/n₀).
    public let standardError: Double
    public let degreesOfFreedom: Double
    /// difference / standardError.
    public let t: Double
    /// P(|T_ν| ≥ |t|) under "no difference".
    public let pValue: Double

    /// Nil when the test is undefined: an arm with fewer than two users, or no spread at all in
    /// either arm (every user converted or none did), where any p-value would be made up.
    public init?(control: SampleSummary, treatment: SampleSummary) {
        guard control.count >= 2, treatment.count >= 2 else { return nil }
        let controlPart = control.varianceOfMean
        let treatmentPart = treatment.varianceOfMean
        let varianceOfDifference = controlPart + treatmentPart
        guard varianceOfDifference > 0 else { return nil }
        self.control = control
        self.treatment = treatment
        difference = treatment.mean - control.mean
        standardError = varianceOfDifference.squareRoot()
        degreesOfFreedom = varianceOfDifference * varianceOfDifference
            / (controlPart * controlPart / Double(control.count - 1)
                + treatmentPart * treatmentPart / Double(treatment.count - 1))
        t = difference / standardError
        pValue = StudentT.twoSidedPValue(t, degreesOfFreedom: degreesOfFreedom)
    }

    public init?(control: some Sequence<Double>, treatment: some Sequence<Double>) {
        self.init(control: SampleSummary(control), treatment: SampleSummary(treatment))
    }

    /// The fixed-horizon interval difference ± t_{1−α/2, ν} · standardError; valid only if it is
    /// looked at once, at a sample size fixed in advance (see `ConfidenceSequence` for peeking).
    public func confidenceInterval(level: Double = 0.95) -> Interval {
        precondition(level > 0 && level < 1, "a confidence level lies in (0, 1)")
        let critical = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: degreesOfFreedom)
        return Interval(center: difference, radius: critical * standardError)
    }
}
