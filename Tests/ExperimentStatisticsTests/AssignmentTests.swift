import Testing
@testable import ExperimentStatistics

@Suite("Experiment assignment: salted buckets and traffic splits")
struct AssignmentTests {
    @Test("FNV-1a 64 matches the published test vectors (Fowler, Noll, Vo; IETF draft-eastlake-fnv)")
    func fnvVectors() {
        #expect(Bucketing.fnv1a64([]) == 0xcbf2_9ce4_8422_2325)
        #expect(Bucketing.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(Bucketing.fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    /// Fixed values, recomputed by an independent Python transcription of the rule
    /// ((mix(fnv1a64(f"{salt}:{id}".encode())) * 10000) >> 64): a change here would move users on the
    /// next deploy.
    @Test("stable buckets for fixed salts and ids", arguments: [
        ("ease-vs-hybrid", 1, 1_748), ("ease-vs-hybrid", 2, 5_632), ("ease-vs-hybrid", 123_456, 3_420),
        ("salt", 0, 8_668), ("salt", -7, 3_451), ("é", 42, 4_524),
    ])
    func stableBuckets(salt: String, userID: Int, expected: Int) {
        #expect(Bucketing.bucket(salt: salt, userID: userID) == expected)
    }

    @Test("arm ranges tile the 10,000 buckets in proportion to the weights")
    func ranges() throws {
        let split = try #require(TrafficSplit(weights: [20, 30, 50], trafficPercent: 100))
        #expect(split.armRanges == [0..<2_000, 2_000..<5_000, 5_000..<10_000])
        let thirds = try #require(TrafficSplit(weights: [1, 1, 1], trafficPercent: 10))
        #expect(thirds.armRanges == [0..<3_333, 3_333..<6_666, 6_666..<10_000])
        // Arm 2 owns 3,334 buckets; 10 % of them is 333.4, rounded down: never more than the traffic.
        #expect(thirds.admittedBuckets(ofArm: 2) == 6_666..<6_999)
        #expect(thirds.arm(forBucket: 6_998) == 2)
        #expect(thirds.arm(forBucket: 6_999) == nil)
        #expect(thirds.arm(forBucket: 0) == 0 && thirds.arm(forBucket: 333) == nil)
    }

    @Test("bad splits are refused")
    func invalid() {
        #expect(TrafficSplit(weights: [], trafficPercent: 50) == nil)
        #expect(TrafficSplit(weights: [50, 0], trafficPercent: 50) == nil)
        #expect(TrafficSplit(weights: [50, -1], trafficPercent: 50) == nil)
        #expect(TrafficSplit(weights: [50, 50], trafficPercent: 100.5) == nil)
        #expect(TrafficSplit(weights: [50, 50], trafficPercent: -1) == nil)
    }

    @Test("raising traffic only adds users: over 100,000 users nobody leaves or changes arm", arguments: [
        [50.0, 50.0], [1.0, 2.0, 3.0],
    ])
    func raisingTrafficOnlyAdds(weights: [Double]) throws {
        let steps = try [5.0, 10, 37.5, 80, 100].map { try #require(TrafficSplit(weights: weights, trafficPercent: $0)) }
        var counts = [Int](repeating: 0, count: steps.count)
        for user in 1...100_000 {
            let bucket = Bucketing.bucket(salt: "raise-test", userID: user)
            let arms = steps.map { $0.arm(forBucket: bucket) }
            for (index, arm) in arms.enumerated() where arm != nil {
                counts[index] += 1
                for later in arms[index...] {
                    #expect(later == arm, "user \(user) moved: \(arms)")
                }
            }
        }
        // More traffic, more users: the counts grow, and reach everyone at 100 %.
        #expect(counts == counts.sorted())
        #expect(counts.last == 100_000)
    }

    @Test("the observed split over 100,000 users matches the weights (SRM p > 0.001)", arguments: [
        ("exp-a", [50.0, 50.0]), ("exp-b", [20.0, 30.0, 50.0]), ("exp-c", [10.0, 90.0]),
    ])
    func observedSplit(salt: String, weights: [Double]) throws {
        let split = try #require(TrafficSplit(weights: weights, trafficPercent: 100))
        var counts = [Int](repeating: 0, count: weights.count)
        for user in 1...100_000 {
            counts[try #require(split.arm(salt: salt, userID: user))] += 1
        }
        let check = try #require(SampleRatioMismatch(observed: counts, weights: weights))
        #expect(!check.flagged, "counts \(counts), p = \(check.pValue)")
    }

    @Test("at 40 % traffic about 40 % of users are in, each arm in proportion (SRM p > 0.001)")
    func partialTraffic() throws {
        let split = try #require(TrafficSplit(weights: [50, 50], trafficPercent: 40))
        var counts = [0, 0], outside = 0
        for user in 1...100_000 {
            if let arm = split.arm(salt: "partial", userID: user) { counts[arm] += 1 } else { outside += 1 }
        }
        // In vs out against 40/60, the same chi-squared goodness of fit.
        let inOut = try #require(SampleRatioMismatch(observed: [counts[0] + counts[1], outside], weights: [40, 60]))
        #expect(!inOut.flagged, "in \(counts), out \(outside)")
        #expect(!(try #require(SampleRatioMismatch(observed: counts, weights: [50, 50]))).flagged)
    }

    @Test("different salts assign independently: the arms of two experiments are not correlated")
    func saltsIndependent() throws {
        let split = try #require(TrafficSplit(weights: [50, 50], trafficPercent: 100))
        var table = [0, 0, 0, 0]
        for user in 1...100_000 {
            let first = try #require(split.arm(salt: "first", userID: user))
            let second = try #require(split.arm(salt: "second", userID: user))
            table[first * 2 + second] += 1
        }
        let check = try #require(SampleRatioMismatch(observed: table, weights: [1, 1, 1, 1]))
        #expect(!check.flagged, "cross-table \(table)")
    }
}
