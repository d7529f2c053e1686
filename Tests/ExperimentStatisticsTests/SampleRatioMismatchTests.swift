import Testing
@testable import ExperimentStatistics

@Suite("Sample-ratio mismatch")
struct SampleRatioMismatchTests {
    @Test("by hand: 5,000 against 5,200 at 50/50 is χ² = 3.92, p = 0.048 — not flagged")
    func mildImbalance() throws {
        // E = 5,100 each; χ² = 2 · 100² / 5,100 = 3.921569; chi2.sf(3.921569, 1) = 0.0476704.
        let check = try #require(SampleRatioMismatch(observed: [5_000, 5_200], weights: [50, 50]))
        #expect(check.expected == [5_100, 5_100])
        #expect(abs(check.statistic - 3.921_568_627_450_980_2) < 1e-12)
        #expect(check.degreesOfFreedom == 1)
        #expect(abs(check.pValue - 0.047_670_380_656_161_5) < 1e-10)
        #expect(!check.flagged)
    }

    @Test("by hand: 5,000 against 5,400 at 50/50 is χ² = 15.38, p = 8.8e-5 — flagged")
    func brokenSplit() throws {
        // E = 5,200 each; χ² = 2 · 200² / 5,200 = 15.384615; chi2.sf(15.384615, 1) = 8.76994e-5.
        let check = try #require(SampleRatioMismatch(observed: [5_000, 5_400], weights: [1, 1]))
        #expect(abs(check.statistic - 15.384_615_384_615_385) < 1e-12)
        #expect(abs(check.pValue / 8.769_942_375_590_228e-5 - 1) < 1e-8)
        #expect(check.flagged)
    }

    @Test("three arms at 20/30/50: 2,000, 3,100, 4,900 is χ² = 5.33 on 2 df, p = 0.069")
    func threeArms() throws {
        // E = 2,000, 3,000, 5,000; χ² = 0 + 100²/3,000 + 100²/5,000 = 5.333333; chi2.sf(5.3333, 2) = e^(−2.6667).
        let check = try #require(SampleRatioMismatch(observed: [2_000, 3_100, 4_900], weights: [20, 30, 50]))
        #expect(check.degreesOfFreedom == 2)
        #expect(abs(check.statistic - 16.0 / 3.0) < 1e-12)
        #expect(abs(check.pValue - 0.069_483_451_222_801_5) < 1e-10)
        #expect(!check.flagged)
    }

    @Test("nothing to check: no users, one arm, a bad weight, mismatched lengths")
    func undefined() {
        #expect(SampleRatioMismatch(observed: [0, 0], weights: [1, 1]) == nil)
        #expect(SampleRatioMismatch(observed: [10], weights: [1]) == nil)
        #expect(SampleRatioMismatch(observed: [10, 10], weights: [1, 0]) == nil)
        #expect(SampleRatioMismatch(observed: [10, 10], weights: [1, 1, 1]) == nil)
    }
}
