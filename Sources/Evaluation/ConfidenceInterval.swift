/// A 95 % confidence interval of a mean over test users, by the normal approximation: the mean of
/// the per-user values ± 1.96 standard errors (sample standard deviation / √n).
///
/// Why normal and not a bootstrap: with a thousand or more test users the mean of 0/1 hits or of
/// per-user NDCG is close to normal, the interval is exact arithmetic (deterministic, no resampling
/// seed), and two models' intervals can be compared without rerunning either. A share near 0 or 1
/// with few users would want Wilson's interval; the figures here are far from both.
public struct ConfidenceInterval: Sendable, Equatable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// z of a two-sided 95 % interval.
    static let z = 1.959963984540054

    /// The interval of the mean of `values` (one per test user); a point for fewer than two.
    public init(meanOf values: [Double]) {
        let n = Double(values.count)
        guard values.count >= 2 else {
            let mean = values.first ?? 0
            self.init(low: mean, high: mean)
            return
        }
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = Self.z * (variance / n).squareRoot()
        self.init(low: mean - half, high: mean + half)
    }

    /// The interval of Σ numerators / Σ denominators over test users (protocol 2: hit sessions over
    /// sessions, per user) by the delta method, so users with many sessions are not counted as
    /// independent sessions.
    public init(ratioOf numerators: [Double], over denominators: [Double]) {
        let n = Double(numerators.count)
        let total = denominators.reduce(0, +)
        guard numerators.count >= 2, total > 0 else {
            let ratio = total > 0 ? numerators.reduce(0, +) / total : 0
            self.init(low: ratio, high: ratio)
            return
        }
        let ratio = numerators.reduce(0, +) / total
        let meanDenominator = total / n
        let residuals = zip(numerators, denominators).map { $0 - ratio * $1 }
        let variance = residuals.reduce(0) { $0 + $1 * $1 } / (n - 1)
        let half = Self.z * (variance / n).squareRoot() / meanDenominator
        self.init(low: ratio - half, high: ratio + half)
    }

    /// True if the two intervals share a point.
    public func overlaps(_ other: ConfidenceInterval) -> Bool { low <= other.high && other.low <= high }
}
