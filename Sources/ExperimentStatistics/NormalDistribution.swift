import Foundation

/// The standard normal distribution: the reference distribution of z-tests (the delta method) and of
/// the large-sample limit behind every interval in this module.
public enum StandardNormal {
    /// P(Z ≤ x). Through `erfc`, not `1 + erf`, so the far tails (x = −8 gives 6.2e-16) keep their
    /// relative precision instead of cancelling to 0.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// P(Z > x), exactly as precise in the upper tail as `cdf` is in the lower one.
    public static func survival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The density, used to refine the quantile.
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// The two-sided p-value of a z statistic: P(|Z| ≥ |z|).
    public static func twoSidedPValue(_ z: Double) -> Double {
        min(1, 2 * survival(abs(z)))
    }

    /// The p-quantile, for 0 < p < 1: z with P(Z ≤ z) = p (norm.ppf(0.975) = 1.959963985).
    ///
    /// Acklam's rational approximation (relative error 1.15e-9) followed by one Halley step against
    /// `cdf`, which brings it to full double precision; the step uses the tail's own probability so it
    /// stays accurate for p = 1e-10.
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a normal quantile needs 0 < p < 1")
        if p > 0.5 { return -quantile(1 - p) }
        var x = acklam(p)
        let error = cdf(x) - p
        let u = error / density(x)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// Acklam's approximation for p ≤ 0.5 (P. J. Acklam, "An algorithm for computing the inverse normal
    /// cumulative distribution function", 2003).
    private static func acklam(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00]
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
            let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
            return numerator / denominator
        }
        let q = p - 0.5
        let r = q * q
        let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
        return numerator / denominator
    }
}
