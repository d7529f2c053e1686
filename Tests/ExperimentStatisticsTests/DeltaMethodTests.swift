import Testing
@testable import ExperimentStatistics

@Suite("The delta method for ratio metrics")
struct DeltaMethodTests {
    // Per-user (views, lists). Control: Σ views 6 / Σ lists 12 = 0.5 over 5 users; treatment:
    // 11 / 14 = 0.785714 over 6 users.
    static let control: [(numerator: Double, denominator: Double)] = [(1, 2), (0, 1), (3, 4), (2, 3), (0, 2)]
    static let treatment: [(numerator: Double, denominator: Double)] = [(2, 2), (1, 1), (4, 5), (3, 3), (1, 2), (0, 1)]

    @Test("by hand: control's moments and the variance of its ratio")
    func controlByHand() throws {
        let summary = RatioSummary(Self.control)
        // x̄ = 1.2, ȳ = 2.4, s²ₓ = 1.7, s²ᵧ = 1.3, sₓᵧ = 1.4 (divisor n − 1 = 4).
        #expect(summary.count == 5)
        #expect(abs(summary.meanNumerator - 1.2) < 1e-12)
        #expect(abs(summary.meanDenominator - 2.4) < 1e-12)
        #expect(abs(summary.varianceNumerator - 1.7) < 1e-12)
        #expect(abs(summary.varianceDenominator - 1.3) < 1e-12)
        #expect(abs(summary.covariance - 1.4) < 1e-12)
        #expect(summary.ratio == 0.5)
        // Var(R) = (1.7/2.4² − 2·1.2·1.4/2.4³ + 1.2²·1.3/2.4⁴) / 5
        //        = (0.2951389 − 0.2430556 + 0.0564236) / 5 = 0.1085069 / 5 = 0.02170139.
        let variance = try #require(summary.varianceOfRatio)
        #expect(abs(variance - 0.021_701_388_888_888_88) < 1e-12)
    }

    @Test("the same variance by linearisation: Var((x − R·y)/ȳ) / n (Deng et al. 2018, §2)")
    func linearisationAgrees() throws {
        let summary = RatioSummary(Self.treatment)
        let ratio = try #require(summary.ratio)
        let residuals = Self.treatment.map { ($0.numerator - ratio * $0.denominator) / summary.meanDenominator }
        let linearised = SampleSummary(residuals).variance / Double(residuals.count)
        #expect(abs(try #require(summary.varianceOfRatio) - linearised) < 1e-15)
        #expect(abs(linearised - 0.009_745_939_192_003_332) < 1e-12)  // numpy, same formula
    }

    @Test("difference of two independent ratios: z-test and 95 % interval")
    func difference() throws {
        let test = try #require(RatioDifferenceTest(control: RatioSummary(Self.control), treatment: RatioSummary(Self.treatment)))
        // 11/14 − 1/2 = 2/7; SE = sqrt(0.02170139 + 0.00974594) = 0.1773339; z = 1.611165;
        // p = 2·(1 − Φ(1.611165)) = 0.107144 (scipy.stats.norm.sf).
        #expect(abs(test.difference - 2.0 / 7.0) < 1e-12)
        #expect(abs(test.standardError - 0.177_333_945_089_179_77) < 1e-12)
        #expect(abs(test.z - 1.611_165_225_984_243_3) < 1e-10)
        #expect(abs(test.pValue - 0.107_143_714_875_669_47) < 1e-10)
        let interval = test.confidenceInterval()
        #expect(abs(interval.lower - -0.061_853_859_896_910_224) < 1e-9)
        #expect(abs(interval.upper - 0.633_282_431_325_481_7) < 1e-9)
    }

    @Test("the delta-method variance is wider than the naive per-list binomial one when users differ")
    func widerThanPerList() throws {
        // Half the users click every list, half never: lists are correlated within a user.
        let pairs = (0..<200).map { user in (numerator: user % 2 == 0 ? 10.0 : 0.0, denominator: 10.0) }
        let summary = RatioSummary(pairs)
        let ratio = try #require(summary.ratio)
        let naive = ratio * (1 - ratio) / 2_000  // as if 2,000 independent lists
        #expect(try #require(summary.varianceOfRatio) > 5 * naive)
    }

    @Test("undefined without denominators or with a single user")
    func undefined() {
        #expect(RatioSummary([(numerator: 0, denominator: 0), (numerator: 0, denominator: 0)]).ratio == nil)
        #expect(RatioSummary([(numerator: 1, denominator: 2)]).varianceOfRatio == nil)
        #expect(RatioDifferenceTest(control: RatioSummary([(numerator: 1, denominator: 2)]), treatment: RatioSummary(Self.treatment)) == nil)
    }
}
