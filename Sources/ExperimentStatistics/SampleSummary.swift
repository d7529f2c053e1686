/// Count, mean and sample variance of one arm's per-user values: everything Welch's test and the
/// confidence sequence need, so callers can aggregate once (or in SQL) and keep no arrays around.
public struct SampleSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// The unbiased sample variance (divisor n − 1); 0 for fewer than two values.
    public var variance: Double

    /// From aggregates computed elsewhere (SQL's count, avg, var_samp); a variance a rounding error
    /// below 0 is taken as 0.
    public init(count: Int, mean: Double, variance: Double) {
        precondition(count >= 0, "a summary needs a count ≥ 0")
        self.count = count
        self.mean = mean
        self.variance = max(0, variance)
    }

    /// Summarises `values` with Welford's one-pass update, which does not cancel catastrophically the
    /// way Σx² − n·mean² does when the mean is large next to the spread (revenue in cents).
    public init(_ values: some Sequence<Double>) {
        var count = 0
        var mean = 0.0
        var squaredDeviations = 0.0
        for value in values {
            count += 1
            let delta = value - mean
            mean += delta / Double(count)
            squaredDeviations += delta * (value - mean)
        }
        self.init(count: count, mean: mean, variance: count > 1 ? squaredDeviations / Double(count - 1) : 0)
    }

    /// The squared standard error of the mean, s² / n.
    public var varianceOfMean: Double {
        count > 0 ? variance / Double(count) : .infinity
    }
}
