import Foundation
import Testing
@testable import ExperimentStatistics

@Suite("Always-valid confidence sequences")
struct ConfidenceSequenceTests {
    @Test("ρ is tuned from α and the planned size: ρ² = (−2 ln α + ln(1 − 2 ln α)) / n*")
    func tuning() {
        let sequence = ConfidenceSequence(alpha: 0.05, plannedSampleSize: 1_000)
        // −2 ln 0.05 = 5.991465, ln(6.991465) = 1.944690: ρ² = 7.936155 / 1000.
        #expect(abs(sequence.rhoSquared - 0.007_936_155) < 1e-9)
    }

    @Test("by hand at n = n* = 1000: radius factor sqrt(2·8.936155/(1000·7.936155) · ln(sqrt(8.936155)/0.05))")
    func radiusByHand() {
        let sequence = ConfidenceSequence(alpha: 0.05, plannedSampleSize: 1_000)
        // = sqrt(0.0022520 · 4.0907850) = 0.0959817; the fixed interval's factor is 1.96/sqrt(1000) = 0.0619795.
        #expect(abs(sequence.standardizedRadius(sampleSize: 1_000) - 0.095_981_7) < 1e-6)
    }

    @Test("wider than the fixed-horizon interval at every n, and shrinking with n")
    func widerAndShrinking() {
        let sequence = ConfidenceSequence(alpha: 0.05, plannedSampleSize: 5_000)
        var previous = Double.infinity
        for n in [10, 100, 1_000, 5_000, 20_000, 100_000, 1_000_000] {
            let radius = sequence.standardizedRadius(sampleSize: n)
            let fixed = StandardNormal.quantile(0.975) / Double(n).squareRoot()
            #expect(radius > fixed, "n = \(n)")
            #expect(radius < previous, "n = \(n)")
            previous = radius
        }
    }

    @Test("narrowest at the planned size: tuning for n* beats tuning for n*/10 or 10·n* there")
    func narrowestWhereTuned() {
        let planned = 2_000
        let tuned = ConfidenceSequence(plannedSampleSize: planned).standardizedRadius(sampleSize: planned)
        #expect(tuned < ConfidenceSequence(plannedSampleSize: planned / 10).standardizedRadius(sampleSize: planned))
        #expect(tuned < ConfidenceSequence(plannedSampleSize: planned * 10).standardizedRadius(sampleSize: planned))
    }

    @Test("the always-valid p-value is below α exactly when the sequence excludes 0")
    func pValueMatchesInterval() {
        let sequence = ConfidenceSequence(alpha: 0.05, plannedSampleSize: 1_000)
        let n = 800
        let radius = sequence.interval(estimate: 0, standardError: 0.1, sampleSize: n).upper
        for estimate in [radius * 0.999, radius * 1.001, radius * 2, radius * 0.5] {
            let interval = sequence.interval(estimate: estimate, standardError: 0.1, sampleSize: n)
            let p = sequence.pValue(estimate: estimate, standardError: 0.1, sampleSize: n)
            #expect(interval.excludesZero == (p < 0.05), "estimate \(estimate), p \(p)")
        }
        #expect(sequence.pValue(estimate: 0, standardError: 0.1, sampleSize: n) == 1)
    }

    /// A/A simulation: 500 seeded runs, each of 1,000 users alternating between two arms whose
    /// per-user values are both N(0, 1), looked at after every 50 users (20 looks). A run "misses" if
    /// any look's interval excludes the true difference 0.
    ///
    /// Tolerance: were the miss rate exactly α = 5 %, the number of misses out of 500 would be
    /// Binomial(500, 0.05): mean 25, sd 4.87; mean + 3 sd = 39.6. The sequence must miss at most 39
    /// times. The fixed-horizon interval, peeked at 20 times, must miss more than 39 times — its
    /// per-look 5 % compounds (about 25 % expected for 20 looks). With this seed: 7 and 124 misses.
    @Test("time-uniform coverage over 20 looks: the sequence holds α, the peeked fixed interval does not")
    func simulatedPeeking() {
        let runs = 500, users = 1_000, lookEvery = 50
        let sequence = ConfidenceSequence(alpha: 0.05, plannedSampleSize: users)
        var sequenceMisses = 0, fixedMisses = 0
        var generator = Xoshiro256StarStar(seed: 20_261_203)
        for _ in 0..<runs {
            var arms = [[Double](), [Double]()]
            var sequenceMissed = false, fixedMissed = false
            for user in 0..<users {
                arms[user % 2].append(generator.gaussian())
                guard (user + 1) % lookEvery == 0,
                    let test = WelchTTest(control: SampleSummary(arms[0]), treatment: SampleSummary(arms[1]))
                else { continue }
                // The fixed 95 % interval excludes 0 exactly when Welch's p < 0.05.
                if test.pValue < 0.05 { fixedMissed = true }
                let interval = sequence.interval(
                    estimate: test.difference, standardError: test.standardError, sampleSize: user + 1)
                if interval.excludesZero { sequenceMissed = true }
            }
            if sequenceMissed { sequenceMisses += 1 }
            if fixedMissed { fixedMisses += 1 }
        }
        #expect(sequenceMisses <= 39, "the sequence missed in \(sequenceMisses) of \(runs) runs")
        #expect(fixedMisses > 39, "the peeked fixed interval missed in only \(fixedMisses) of \(runs) runs")
    }
}
