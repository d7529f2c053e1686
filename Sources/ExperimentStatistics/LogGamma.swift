import Foundation

/// Special functions for the distributions of this module.
///
/// A caseless enum is a namespace: these are pure functions of their arguments.
enum SpecialFunctions {
    /// The Lanczos coefficients for g = 7, n = 9 (Godfrey's set, as printed in Numerical Recipes,
    /// 3rd ed., §6.1, and on Wikipedia's "Lanczos approximation"): relative error about 1e-15 for x > 0.
    private static let lanczos: [Double] = [
        0.999_999_999_999_809_93, 676.520_368_121_885_1, -1_259.139_216_722_402_8,
        771.323_428_777_653_13, -176.615_029_162_140_59, 12.507_343_278_686_905,
        -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6, 1.505_632_735_149_311_6e-7,
    ]

    /// ln Γ(x) for x > 0.
    ///
    /// Our own, not Glibc's `lgamma`, because that one writes the process-wide `signgam` and so is a
    /// data race when two reports are computed at once; this one is a pure function.
    static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma is defined here for x > 0 only")
        if x < 0.5 {
            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx); keeps the series in its accurate range.
            return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x)
        }
        let z = x - 1
        var sum = lanczos[0]
        for k in 1..<lanczos.count {
            sum += lanczos[k] / (z + Double(k))
        }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
    }
}
