/// Top-k selection with the protocol's tie rule, shared by every model and by the evaluation.
public enum TopK {
    /// The k highest scores, best first; equal scores go to the smaller index; excluded indices and
    /// NaN scores are never returned, and no index twice.
    public static func select(_ k: Int, from scores: [Double], excluding excluded: Set<Int> = []) -> [ScoredItem] {
        select(k, from: scores, filter: ItemFilter(itemCount: scores.count, excluding: excluded))
    }

    /// The same over Float scores (the serving path), reported as Double.
    public static func select(_ k: Int, from scores: [Float], excluding excluded: Set<Int> = []) -> [ScoredItem] {
        select(k, from: scores, filter: ItemFilter(itemCount: scores.count, excluding: excluded))
    }

    /// The k highest scores among the items `filter` allows, at most `filter.groupCap.cap` of one
    /// group: best first, ties to the smaller index, never NaN, never an index twice.
    ///
    /// The group cap is the greedy rule a storefront means by "at most two of a brand": walk the
    /// allowed items best first and skip those whose group is full. That walk takes exactly the k
    /// best of every group's own best `cap`, so one pass keeping a short list per group, then a
    /// merge of those few lists, answers it without sorting the catalogue.
    public static func select<Score: BinaryFloatingPoint>(_ k: Int, from scores: [Score], filter: ItemFilter) -> [ScoredItem] {
        scores.withUnsafeBufferPointer { select(k, from: $0, filter: filter) }
    }

    /// The same over a buffer: one row of a block of scores (a batched export).
    public static func select<Score: BinaryFloatingPoint>(
        _ k: Int, from scores: UnsafeBufferPointer<Score>, filter: ItemFilter
    ) -> [ScoredItem] {
        guard k > 0 else { return [] }
        guard let groups = filter.groupCap else { return best(k, scores, filter.allowed) }
        let cap = max(0, min(groups.cap, k)), ungrouped = groups.groupCount
        // One bounded list per group (`cap` long) and one for items without a group (`k` long).
        var lists = [BoundedList<Score>](repeating: BoundedList(k: cap), count: ungrouped) + [BoundedList(k: k)]
        forEachAllowed(scores, filter.allowed) { item, score in
            let label = item < groups.labels.count ? Int(groups.labels[item]) : -1
            let group = label >= 0 && label < ungrouped ? label : ungrouped
            if lists[group].admits(score) { lists[group].insert(item, score) }
        }
        var merged: [ScoredItem] = []
        for list in lists { merged += list.scored }
        merged.sort { a, b in a.score != b.score ? a.score > b.score : a.item < b.item }
        return Array(merged.prefix(k))
    }

    /// Calls `body` with each allowed item below `scores.count` and its score, in index order.
    @inline(__always)
    static func forEachAllowed<Score>(_ scores: UnsafeBufferPointer<Score>, _ allowed: ItemMask, _ body: (Int, Score) -> Void) {
        let n = scores.count
        allowed.words.withUnsafeBufferPointer { words in
            for w in 0..<words.count {
                var bits = words[w]
                while bits != 0 {
                    let item = w << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    if item >= n { return }
                    body(item, scores[item])
                }
            }
        }
    }

    /// One pass over the allowed items' set bits, keeping a sorted list of the best k. A bounded
    /// insertion list rather than a sort: k is ~10 and items are thousands, and after the first
    /// few hundred items almost every score fails the comparison with the k-th best.
    static func best<Score: BinaryFloatingPoint>(_ k: Int, _ scores: UnsafeBufferPointer<Score>, _ allowed: ItemMask) -> [ScoredItem] {
        var list = BoundedList<Score>(k: k)
        forEachAllowed(scores, allowed) { item, score in
            if list.admits(score) { list.insert(item, score) }
        }
        return list.scored
    }
}

/// The best k (item, score) pairs seen so far, best first, ties to the item seen first (items
/// are offered in index order, so to the smaller index); NaN never enters. One per user while a
/// block of users is walked item by item, one per group under a group cap.
struct BoundedList<Score: BinaryFloatingPoint> {
    let k: Int
    var items: [Int] = []
    var values: [Score] = []
    var threshold = -Score.infinity

    init(k: Int) {
        self.k = k
        items.reserveCapacity(k + 1)
        values.reserveCapacity(k + 1)
    }

    @inline(__always) func admits(_ score: Score) -> Bool {
        k > 0 && (values.count == k ? score > threshold : !score.isNaN)
    }

    mutating func insert(_ item: Int, _ score: Score) {
        var position = values.count
        while position > 0, values[position - 1] < score { position -= 1 }
        items.insert(item, at: position)
        values.insert(score, at: position)
        if values.count > k {
            items.removeLast()
            values.removeLast()
        }
        threshold = values[values.count - 1]
    }

    var scored: [ScoredItem] { zip(items, values).map { ScoredItem(item: $0, score: Double($1)) } }
}
