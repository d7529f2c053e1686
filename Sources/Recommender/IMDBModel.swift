import LinearAlgebra

/// `imdb`: the IMDB weighted rating WR = v/(v+m)·R + m/(v+m)·C per item.
///
/// Why not raw popularity: it shrinks an item's mean weight R towards the global mean C until it has
/// about m interactions, so one enthusiastic buyer does not put a shoe on top. This is the service's
/// "popularity" model and the fallback for users with no history.
public struct IMDBModel: RecommendationModel {
    public let name = "imdb"
    /// The same list for everyone: served as "popular", never as "for you".
    public var isPersonalised: Bool { false }
    /// The weighted rating of each item.
    public let ratings: [Double]
    /// m: the 90th percentile (numpy's linear interpolation) of per-item pair counts over all items.
    public let m: Double
    /// C: the mean summed weight over all training pairs.
    public let globalMean: Double
    public var itemCount: Int { ratings.count }

    public init(fitting set: TrainingSet) throws(RecommenderError) {
        let x = try set.interactionMatrix()
        var counts = [Double](repeating: 0, count: set.itemCount)
        var sums = [Double](repeating: 0, count: set.itemCount)
        var total = 0.0
        for p in 0..<x.nonZeroCount {
            let item = Int(x.columnIndices[p])
            counts[item] += 1
            sums[item] += x.values[p]
            total += x.values[p]
        }
        let c = total / Double(x.nonZeroCount)
        let m = Self.percentile(counts, 0.9)
        ratings = (0..<set.itemCount).map { i in
            let v = counts[i]
            let r = v > 0 ? sums[i] / v : 0
            if v + m == 0 { return c }
            return v / (v + m) * r + m / (v + m) * c
        }
        self.m = m
        globalMean = c
    }

    /// numpy's default percentile: sort ascending, p = q·(n−1), interpolate between a = v[⌊p⌋] and
    /// b = v[⌊p⌋+1] with numpy's own rounding (`a + (b−a)·t`, or `b − (b−a)·(1−t)` when t ≥ 0.5), so
    /// m is bit-identical to the reference's.
    public static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        guard lower + 1 < sorted.count else { return sorted[lower] }
        let a = sorted[lower], b = sorted[lower + 1]
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }

    public func scores(forUser user: Int) -> [Double] { ratings }
    public func scores(forHistory history: [ItemWeight]) -> [Double] { ratings }
}
