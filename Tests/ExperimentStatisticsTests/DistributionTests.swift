import Foundation
import Testing
@testable import ExperimentStatistics

/// Reference values are scipy 1.17.1's (scipy.stats.norm/t/chi2), printed with repr; they agree with
/// the printed tables (t₀.₉₇₅,₁₀ = 2.228, χ²₀.₉₅,₁ = 3.841, z₀.₉₇₅ = 1.960) to the tables' digits.
@Suite("Distributions: normal, Student's t and chi-squared against reference values")
struct DistributionTests {
    @Test("log-gamma: Γ(1/2) = √π, Γ(5) = 24, Γ(0.1) = 9.5135…")
    func logGamma() {
        #expect(abs(SpecialFunctions.logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-13)
        #expect(abs(SpecialFunctions.logGamma(5) - log(24.0)) < 1e-13)
        #expect(abs(SpecialFunctions.logGamma(0.1) - log(9.513_507_698_668_732)) < 1e-12)
        #expect(abs(SpecialFunctions.logGamma(100) - 359.134_205_369_575_4) < 1e-9)
    }

    @Test("normal CDF, including the far tail", arguments: [
        (0.0, 0.5),
        (1.0, 0.841_344_746_068_542_9),  // norm.cdf(1)
        (-1.96, 0.024_997_895_148_220_435),  // norm.cdf(-1.96)
        (3.5, 0.999_767_370_920_964_5),  // norm.cdf(3.5)
    ])
    func normalCDF(x: Double, expected: Double) {
        #expect(abs(StandardNormal.cdf(x) - expected) < 1e-12)
    }

    @Test("the normal lower tail keeps relative precision: norm.cdf(-8) = 6.22096e-16")
    func normalFarTail() {
        #expect(abs(StandardNormal.cdf(-8) / 6.220_960_574_271_74e-16 - 1) < 1e-9)
        #expect(StandardNormal.survival(8) == StandardNormal.cdf(-8))
    }

    @Test("normal quantile", arguments: [
        (0.975, 1.959_963_984_540_054),  // norm.ppf(0.975)
        (0.5, 0.0),
        (0.001, -3.090_232_306_167_813),  // norm.ppf(0.001)
        (1e-10, -6.361_340_902_404_056),  // norm.ppf(1e-10)
        (0.9, 1.281_551_565_544_600_4),  // norm.ppf(0.9)
        (0.02425, -1.972_961_051_311_885),  // norm.ppf(0.02425), where Acklam switches regions
        (0.3, -0.524_400_512_708_040_9),  // norm.ppf(0.3)
    ])
    func normalQuantile(p: Double, expected: Double) {
        #expect(abs(StandardNormal.quantile(p) - expected) < 1e-9)
    }

    @Test("the normal quantile inverts the CDF over the whole range")
    func normalRoundTrip() {
        for p in stride(from: 0.0005, to: 1, by: 0.0125) {
            #expect(abs(StandardNormal.cdf(StandardNormal.quantile(p)) - p) < 1e-14)
        }
    }

    @Test("Student's t CDF, also for fractional degrees of freedom", arguments: [
        (2.0, 10.0, 0.963_305_982_614_629_9),  // t.cdf(2.0, 10)
        (-1.5, 3.5, 0.108_909_093_507_672_51),  // t.cdf(-1.5, 3.5)
        (0.5, 1.0, 0.647_583_617_650_433_3),  // t.cdf(0.5, 1): the Cauchy, 1/2 + atan(0.5)/π
        (3.0, 30.0, 0.997_305_017_967_174_1),  // t.cdf(3, 30)
        (1.2, 250.0, 0.884_362_365_216_611_6),  // t.cdf(1.2, 250)
    ])
    func studentCDF(t: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.cdf(t, degreesOfFreedom: nu) - expected) < 1e-10)
    }

    @Test("Student's t quantile", arguments: [
        (0.975, 10.0, 2.228_138_851_986_274),  // t.ppf(0.975, 10)
        (0.975, 2.5, 3.574_654_842_003_681_7),  // t.ppf(0.975, 2.5)
        (0.025, 24.9, -2.059_958_032_459_835),  // t.ppf(0.025, 24.9)
        (0.999, 1.0, 318.308_838_985_550_15),  // t.ppf(0.999, 1)
    ])
    func studentQuantile(p: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) < 1e-6 * max(1, abs(expected)))
    }

    @Test("the two-sided t p-value is twice the tail, and tends to the normal one for large ν")
    func studentTwoSided() {
        #expect(abs(StudentT.twoSidedPValue(2.0, degreesOfFreedom: 10) - 2 * (1 - 0.963_305_982_614_629_9)) < 1e-12)
        #expect(abs(StudentT.twoSidedPValue(-1.96, degreesOfFreedom: 1e7) - 0.049_995_790_296_440_87) < 1e-6)
    }

    @Test("chi-squared survival", arguments: [
        (3.841_458_82, 1.0, 0.050_000_000_020_698_4),  // chi2.sf(3.84145882, 1)
        (10.0, 4.0, 0.040_427_681_994_512_79),  // chi2.sf(10, 4)
        (0.5, 3.0, 0.918_891_411_654_675_8),  // chi2.sf(0.5, 3)
        (150.0, 100.0, 0.000_903_932_042_354_018_4),  // chi2.sf(150, 100)
        (1e-3, 2.0, 0.999_500_124_979_169_3),  // chi2.sf(0.001, 2) = exp(-0.0005)
    ])
    func chiSquaredSurvival(x: Double, k: Double, expected: Double) {
        #expect(abs(ChiSquared.survival(x, degreesOfFreedom: k) - expected) < 1e-10)
    }
}
