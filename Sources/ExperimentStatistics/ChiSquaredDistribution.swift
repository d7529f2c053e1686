import Foundation

/// The chi-squared distribution: the reference distribution of the goodness-of-fit statistic behind
/// the sample-ratio-mismatch check.
public enum ChiSquared {
    /// P(X > x) for k = `degreesOfFreedom` > 0 (chi2.sf(3.84145882, 1) = 0.05), the p-value of an
    /// observed statistic x. It is Q(k/2, x/2), the regularized upper incomplete gamma.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        precondition(k > 0, "chi-squared needs positive degrees of freedom")
        return SpecialFunctions.regularizedUpperIncompleteGamma(k / 2, x: x / 2)
    }
}
