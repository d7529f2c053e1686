/// Any model asked with a history whose weights decay with age: each item's summed weight times
/// 0.5^(age / half-life), age counted back from the history's own latest event. The model itself is
/// fitted as always; only what it is asked with changes.
///
/// Why: the next shoe a shopper looks at resembles the last few they looked at more than the ones
/// of last season. Models that read history weights (content, iALS, the blends) then lean towards
/// the latest items; models that binarise a history (EASE, rp3beta, binary itemknn) are unchanged —
/// for them `ease-decay` is the time-aware form. Counting from the history's own latest event, not
/// the clock, makes a served history rank as the same training user does.
public struct RecentWeightingModel: RecommendationModel {
    public let halfLifeDays: Double
    public let base: any RecommendationModel
    /// Training user u's history: `rowStarts[u]..<rowStarts[u + 1]` of the parallel arrays.
    public let rowStarts: [Int]
    public let rowItems: [Int32]
    public let rowWeights: [Double]
    public let rowSeconds: [Int64]

    public var name: String { base.name + "+recent" }
    public var itemCount: Int { base.itemCount }
    public var isPersonalised: Bool { base.isPersonalised }

    public init(base: any RecommendationModel, fitting set: TrainingSet, halfLifeDays: Double) throws(RecommenderError) {
        guard halfLifeDays > 0 else { throw .invalidParameter("recent half-life must be > 0, got \(halfLifeDays)") }
        let x = try set.interactionMatrix()
        let (seconds, _) = try set.pairTimes(x)
        self.halfLifeDays = halfLifeDays
        self.base = base
        rowStarts = x.rowStarts
        rowItems = x.columnIndices
        rowWeights = x.values
        rowSeconds = seconds
    }

    public func scores(forUser user: Int) -> [Double] {
        guard user >= 0 && user + 1 < rowStarts.count else { return base.scores(forUser: user) }
        let range = rowStarts[user]..<rowStarts[user + 1]
        return scores(forHistory: range.map {
            ItemWeight(item: Int(rowItems[$0]), weight: rowWeights[$0], seconds: rowSeconds[$0])
        })
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        base.scores(forHistory: decayed(history))
    }

    /// Summed per item, each sum decayed by the item's latest time (untimed items count as latest).
    func decayed(_ history: [ItemWeight]) -> [ItemWeight] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        var latestByItem: [Int: Int64] = [:]
        for entry in history { if let s = entry.seconds { latestByItem[entry.item] = max(latestByItem[entry.item] ?? .min, s) } }
        let latest = latestByItem.values.max() ?? 0
        return zip(items, weights).map { item, weight in
            let age = latest - (latestByItem[Int(item)] ?? latest)
            return ItemWeight(item: Int(item), weight: weight * decay(ageSeconds: age, halfLifeDays: halfLifeDays),
                              seconds: latestByItem[Int(item)])
        }
    }
}
