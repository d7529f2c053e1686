import LinearAlgebra

/// `ease-decay`: EASE (Steck 2019) over time-decayed cells. Each training pair's value is 1 (or its
/// summed weight) times 0.5^(age / half-life), age counted from the last event of the training set
/// for the Gram matrix, and from the user's own last event for the user's scoring row.
///
/// Why: a shop's taste drifts and a shopper's latest shoes say most about the next one. Decaying
/// the Gram matrix lets this season's co-purchases outweigh last year's; decaying the scoring row
/// lets a user's latest items lead their list. The two clocks differ on purpose: relative to the
/// user's own last event, a history folded in at serving time scores exactly as the training user
/// does, whatever the wall clock says. An infinite half-life is plain binary EASE.
public struct TimeDecayedEASEModel: RecommendationModel {
    public struct Parameters: Sendable, Hashable {
        public var lambda: Double
        /// Days after which a pair counts half; `.infinity` = no decay.
        public var halfLifeDays: Double
        /// True: each pair starts at 1 (EASE's binarisation); false: at its summed event weight.
        public var binary: Bool

        public init(lambda: Double = 500, halfLifeDays: Double = 60, binary: Bool = true) {
            self.lambda = lambda
            self.halfLifeDays = halfLifeDays
            self.binary = binary
        }
    }

    public let name = "ease-decay"
    public let parameters: Parameters
    public let state: ItemItemState
    public var itemCount: Int { state.itemCount }

    public init(fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.lambda > 0, parameters.lambda.isFinite, parameters.halfLifeDays > 0 else {
            throw .invalidParameter("ease-decay parameters out of range: \(parameters)")
        }
        let x = try set.interactionMatrix()
        let (seconds, _) = try set.pairTimes(x)
        let now = seconds.max() ?? 0
        var global = x.values, own = x.values
        for u in 0..<x.rows {
            let range = x.rowStarts[u]..<x.rowStarts[u + 1]
            let latest = seconds[range].max() ?? now
            for p in range {
                let base = parameters.binary ? 1 : x.values[p]
                global[p] = base * decay(ageSeconds: now - seconds[p], halfLifeDays: parameters.halfLifeDays)
                own[p] = base * decay(ageSeconds: latest - seconds[p], halfLifeDays: parameters.halfLifeDays)
            }
        }
        let decayed = SparseMatrix(rows: x.rows, columns: x.columns, rowStarts: x.rowStarts,
                                   columnIndices: x.columnIndices, values: global)
        var b = decayed.gram(threads: BLASThreads.count)
        for i in 0..<b.rows { b[i, i] += parameters.lambda }
        try algebra { try b.formCholeskyInverse() }   // b = P, in place
        let n = b.rows
        let diagonal = (0..<n).map { b[$0, $0] }
        for i in 0..<n {
            for j in 0..<n { b.elements[i * n + j] = -b.elements[i * n + j] / diagonal[j] }
            b.elements[i * n + i] = 0
        }
        self.parameters = parameters
        state = ItemItemState(itemCount: n, weights: b.elements, rowStarts: x.rowStarts,
                              rowItems: x.columnIndices, rowValues: own)
    }

    public func scores(forUser user: Int) -> [Double] { state.scores(forUser: user) }

    /// The history decayed from its own latest time (an item without a time counts as that recent).
    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        var latestByItem: [Int: Int64] = [:]
        for entry in history { if let s = entry.seconds { latestByItem[entry.item] = max(latestByItem[entry.item] ?? .min, s) } }
        let latest = latestByItem.values.max() ?? 0
        let values = zip(items, weights).map { item, weight in
            (parameters.binary ? 1 : weight)
                * decay(ageSeconds: latest - (latestByItem[Int(item)] ?? latest), halfLifeDays: parameters.halfLifeDays)
        }
        return state.scores(items: items, values: values)
    }
}
