import Foundation

extension SpecialFunctions {
    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), the survival function
    /// of the Gamma(a, 1) distribution; the chi-squared survival with k degrees of freedom is
    /// Q(k / 2, x / 2).
    ///
    /// Computed as in Numerical Recipes (3rd ed., §6.2): the series for P = 1 − Q below x < a + 1, the
    /// continued fraction for Q above, each where it converges quickly. Returning Q directly (not
    /// 1 − P) keeps small p-values, such as an SRM check's 1e-9, accurate.
    static func regularizedUpperIncompleteGamma(_ a: Double, x: Double) -> Double {
        precondition(a > 0, "incomplete gamma needs a > 0")
        if x <= 0 { return 1 }
        if x < a + 1 {
            return 1 - lowerGammaSeries(a, x: x)
        }
        return upperGammaContinuedFraction(a, x: x)
    }

    /// P(a, x) by its power series (NR eq. 6.2.5).
    private static func lowerGammaSeries(_ a: Double, x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return sum * exp(-x + a * log(x) - logGamma(a))
    }

    /// Q(a, x) by its continued fraction (NR eq. 6.2.7), modified Lentz.
    private static func upperGammaContinuedFraction(_ a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(-x + a * log(x) - logGamma(a)) * h
    }
}
