/// The sample-ratio-mismatch check: is the observed number of users per arm plausible under the
/// configured weights? A mismatch means assignment or logging is broken (a bot in one arm, a crash
/// that drops one arm's exposures) and any metric comparison is biased, so the report must say so
/// before it says who leads.
///
/// Pearson's chi-squared goodness of fit, Σ (Oᵢ − Eᵢ)² / Eᵢ with Eᵢ = N · wᵢ / Σw, on k − 1 degrees of
/// freedom, flagged at p < 0.001 as GrowthBook and Statsig do: the check runs on every look, so a
/// strict threshold keeps false alarms rare.
public struct SampleRatioMismatch: Sendable, Equatable {
    /// The threshold below which the split is called broken.
    public static let flagThreshold = 0.001

    public let observed: [Int]
    public let expected: [Double]
    public let statistic: Double
    public let degreesOfFreedom: Int
    public let pValue: Double

    /// Nil when there is nothing to check: fewer than two arms, counts and weights of different
    /// lengths, a weight that is not positive, or no users yet.
    public init?(observed: [Int], weights: [Double]) {
        guard observed.count >= 2, observed.count == weights.count,
            weights.allSatisfy({ $0 > 0 && $0.isFinite }), observed.allSatisfy({ $0 >= 0 })
        else { return nil }
        let total = observed.reduce(0, +)
        guard total > 0 else { return nil }
        let weightSum = weights.reduce(0, +)
        self.observed = observed
        expected = weights.map { Double(total) * $0 / weightSum }
        statistic = zip(observed, expected).reduce(0) { sum, pair in
            let deviation = Double(pair.0) - pair.1
            return sum + deviation * deviation / pair.1
        }
        degreesOfFreedom = observed.count - 1
        pValue = ChiSquared.survival(statistic, degreesOfFreedom: Double(degreesOfFreedom))
    }

    public var flagged: Bool { pValue < Self.flagThreshold }
}
