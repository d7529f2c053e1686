/// Which arm, if any, a bucket falls in, for an experiment's arm weights and traffic percentage.
///
/// The 10,000 buckets are cut into one contiguous range per arm, in proportion to the weights. With
/// traffic t %, an arm admits the first ⌊t/100 · its range's size⌋ buckets of its range (the layout
/// GrowthBook uses). Hence:
/// - a user in arm i at traffic t is in arm i at every t' > t: raising traffic only adds users;
/// - an admitted user's arm depends on the bucket and the weights only, never on traffic, time or
///   anything the user does, so it cannot change while the split is left alone.
/// Changing the weights mid-experiment would move users between arms, which is why the service must
/// not allow it.
public struct TrafficSplit: Sendable, Equatable {
    public let weights: [Double]
    /// The percentage of users in the experiment, 0...100.
    public let trafficPercent: Double
    /// Arm i owns buckets armRanges[i]; together they tile 0..<10,000.
    public let armRanges: [Range<Int>]

    /// Nil for no arms, a weight that is not positive and finite, or traffic outside 0...100.
    public init?(weights: [Double], trafficPercent: Double) {
        guard !weights.isEmpty, weights.allSatisfy({ $0 > 0 && $0.isFinite }),
            trafficPercent >= 0, trafficPercent <= 100
        else { return nil }
        self.weights = weights
        self.trafficPercent = trafficPercent
        let total = weights.reduce(0, +)
        var cumulative = 0.0
        var start = 0
        var ranges: [Range<Int>] = []
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            // The last boundary is exactly the bucket count, whatever rounding did before it.
            let end = index == weights.count - 1
                ? Bucketing.bucketCount
                : min(Bucketing.bucketCount, Int((cumulative / total * Double(Bucketing.bucketCount)).rounded(.down)))
            ranges.append(start..<max(start, end))
            start = max(start, end)
        }
        armRanges = ranges
    }

    /// The buckets of arm `index` that are in the experiment at this traffic.
    public func admittedBuckets(ofArm index: Int) -> Range<Int> {
        let range = armRanges[index]
        let admitted = Int((Double(range.count) * trafficPercent / 100).rounded(.down))
        return range.lowerBound..<(range.lowerBound + admitted)
    }

    /// The arm index for a bucket, or nil if the bucket is outside the experiment's traffic.
    public func arm(forBucket bucket: Int) -> Int? {
        guard let index = armRanges.firstIndex(where: { $0.contains(bucket) }) else { return nil }
        return admittedBuckets(ofArm: index).contains(bucket) ? index : nil
    }

    /// The arm index of a user in the experiment salted `salt`, or nil when the user is not in it.
    public func arm(salt: String, userID: Int) -> Int? {
        arm(forBucket: Bucketing.bucket(salt: salt, userID: userID))
    }
}
