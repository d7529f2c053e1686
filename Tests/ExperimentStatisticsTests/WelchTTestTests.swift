import Testing
@testable import ExperimentStatistics

@Suite("Welch's t-test")
struct WelchTTestTests {
    // Wikipedia, "Welch's t-test", Examples, example 1: samples A1 and A2 of 15 values each, published
    // as t = −2.46 (A1 − A2), ν ≈ 24.99, p = 0.021. The full-precision values below are
    // scipy.stats.ttest_ind(A2, A1, equal_var=False) (with A1 as control, so the sign is +).
    let a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
    let a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]

    @Test("the published example: t, Welch–Satterthwaite ν, p and the 95 % interval")
    func publishedExample() throws {
        let test = try #require(WelchTTest(control: a1, treatment: a2))
        #expect(abs(test.difference - 2.166_666_666_666_668) < 1e-12)
        #expect(abs(test.t - 2.455_356_398_286_006) < 1e-9)
        #expect(abs(test.degreesOfFreedom - 24.988_529_290_231_416) < 1e-9)
        #expect(abs(test.pValue - 0.021_378_001_462_866_992) < 1e-9)
        // The published, rounded figures.
        #expect((test.t * 100).rounded() / 100 == 2.46)
        #expect((test.pValue * 1000).rounded() / 1000 == 0.021)
        let interval = test.confidenceInterval()
        #expect(abs(interval.lower - 0.349_237_066_192_406_9) < 1e-6)
        #expect(abs(interval.upper - 3.984_096_267_140_929) < 1e-6)
    }

    @Test("by hand: means 20.82 and 22.9867, variances 7.867429 and 3.812667 (n − 1)")
    func summaries() {
        let control = SampleSummary(a1)
        #expect(control.count == 15)
        #expect(abs(control.mean - 20.82) < 1e-12)
        #expect(abs(control.variance - 7.867_428_571_428_571) < 1e-12)
        // SE² = 7.867429/15 + 3.812667/15 = 0.778673; t = 2.166667 / sqrt(0.778673) = 2.4554.
        let test = WelchTTest(control: control, treatment: SampleSummary(a2))
        #expect(abs((test?.standardError ?? 0) - (0.778_673_015_873_015_9).squareRoot()) < 1e-12)
    }

    @Test("swapping the arms flips the sign only")
    func antisymmetric() throws {
        let forward = try #require(WelchTTest(control: a1, treatment: a2))
        let backward = try #require(WelchTTest(control: a2, treatment: a1))
        #expect(forward.difference == -backward.difference)
        #expect(forward.pValue == backward.pValue)
        #expect(forward.degreesOfFreedom == backward.degreesOfFreedom)
    }

    @Test("undefined without two users per arm or without any spread")
    func undefined() {
        #expect(WelchTTest(control: [1.0], treatment: [1.0, 2.0]) == nil)
        #expect(WelchTTest(control: [0.0, 0.0, 0.0], treatment: [0.0, 0.0]) == nil)
        #expect(WelchTTest(control: [0.0, 0.0, 0.0], treatment: [0.0, 1.0]) != nil)
    }

    @Test("Welford's variance survives a large offset where Σx² − n·mean² would not")
    func numericallyStable() {
        let summary = SampleSummary([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        #expect(abs(summary.variance - 30) < 1e-6)
    }
}
