import Foundation

/// An always-valid (time-uniform) confidence sequence for an effect estimated from n users: with
/// probability at least 1 − α it covers the true effect at *every* n at once, so the report may be
/// looked at after every request and stopped at any time. A fixed-horizon 95 % interval looked at 20
/// times misses the truth far more often than 5 % (the tests measure it).
///
/// The boundary is the two-sided normal mixture of Howard, Ramdas, McAuliffe, Sekhon (2021),
/// "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2), eq. (14),
/// used in its asymptotic form (Waudby-Smith, Arbour, Sinha, Kennedy, Ramdas 2023, "Time-uniform
/// central limit theory and asymptotic confidence sequences", Theorem 2.2), as GrowthBook's sequential
/// testing does:
///   radius(n) = σ̂ · sqrt( 2(nρ² + 1) / (n²ρ²) · ln( sqrt(nρ² + 1) / α ) ),
/// where σ̂ is the per-user standard deviation of the estimate (standard error · sqrt(n)). This is the
/// form sqrt( 2(nρ'²σ² + 1)/(n²ρ'²) · ln(sqrt(nρ'²σ² + 1)/α) ) with ρ' = ρ/σ; standardising ρ lets it
/// be tuned before any data is seen.
///
/// ρ is fixed in advance for a planned sample size n* by Waudby-Smith et al.'s approximate optimum
/// ρ² = (−2 ln α + ln(1 − 2 ln α)) / n*, which makes the sequence narrowest near n*; it stays valid
/// at every other n, only wider. Choosing ρ from the data seen so far would void the guarantee.
public struct ConfidenceSequence: Sendable, Equatable {
    /// The planned total number of users used when an experiment does not state one (the order of
    /// GrowthBook's default tuning parameter).
    public static let defaultPlannedSampleSize = 5_000

    public let alpha: Double
    public let rhoSquared: Double

    public init(alpha: Double = 0.05, plannedSampleSize: Int = ConfidenceSequence.defaultPlannedSampleSize) {
        precondition(alpha > 0 && alpha < 1, "α lies in (0, 1)")
        precondition(plannedSampleSize > 0, "the planned sample size is positive")
        self.alpha = alpha
        let logAlpha = log(alpha)
        rhoSquared = (-2 * logAlpha + log(1 - 2 * logAlpha)) / Double(plannedSampleSize)
    }

    /// The radius in units of the per-user standard deviation, the factor that replaces the fixed
    /// interval's z_{1−α/2}/sqrt(n).
    public func standardizedRadius(sampleSize n: Int) -> Double {
        precondition(n > 0, "a confidence sequence needs at least one user")
        let n = Double(n)
        let growth = n * rhoSquared + 1
        return (2 * growth / (n * n * rhoSquared) * log(growth.squareRoot() / alpha)).squareRoot()
    }

    /// The sequence at n users for an estimate with this standard error.
    public func interval(estimate: Double, standardError: Double, sampleSize n: Int) -> Interval {
        let perUserDeviation = standardError * Double(n).squareRoot()
        return Interval(center: estimate, radius: perUserDeviation * standardizedRadius(sampleSize: n))
    }

    /// The always-valid p-value at n users: the smallest α at which this sequence excludes 0, in closed
    /// form by solving |estimate| = radius(α) for α:
    ///   p = min(1, sqrt(nρ² + 1) · exp(−z² · nρ² / (2(nρ² + 1)))), z = estimate / standardError.
    /// Rejecting when p < α is exactly "the sequence excludes 0".
    public func pValue(estimate: Double, standardError: Double, sampleSize n: Int) -> Double {
        precondition(n > 0, "a confidence sequence needs at least one user")
        let z = estimate / standardError
        let nRho = Double(n) * rhoSquared
        return min(1, (nRho + 1).squareRoot() * exp(-z * z * nRho / (2 * (nRho + 1))))
    }
}
