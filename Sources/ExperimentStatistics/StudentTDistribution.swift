import Foundation

/// Student's t distribution with real-valued degrees of freedom: the reference distribution of Welch's
/// test, whose Welch–Satterthwaite degrees of freedom are rarely whole numbers.
public enum StudentT {
    /// P(T ≤ t) for ν = `degreesOfFreedom` > 0 (t.cdf(2.0, df = 10) = 0.963306).
    ///
    /// Through the incomplete beta: P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "Student's t needs positive degrees of freedom")
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|), computed from the tail directly so that small p-values are not lost to 1 − cdf.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "Student's t needs positive degrees of freedom")
        if t.isInfinite { return 0 }
        return min(1, SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5))
    }

    /// The p-quantile (t.ppf(0.975, df = 10) = 2.228139), for the half-width of Welch's interval.
    ///
    /// No closed form exists for fractional ν, so it brackets the root of cdf(t) − p by doubling from
    /// the normal quantile and bisects: slow-ish (about 60 CDF calls) but it cannot diverge, and a
    /// report needs a handful of quantiles.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "a t quantile needs 0 < p < 1")
        precondition(nu > 0, "Student's t needs positive degrees of freedom")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        // t's tails are heavier than the normal's, so its quantile lies above the normal one.
        var low = StandardNormal.quantile(p)
        var high = max(1, 2 * low)
        while cdf(high, degreesOfFreedom: nu) < p { low = high; high *= 2 }
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if middle == low || middle == high { break }
            if cdf(middle, degreesOfFreedom: nu) < p { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }
}
