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
    /// allowed items best first and skip those whose group is full. Done without a full sort: take
    /// the best few, accept in order, and only when some were skipped look again among the rest.
    public static func select<Score: BinaryFloatingPoint>(_ k: Int, from scores: [Score], filter: ItemFilter) -> [ScoredItem] {
        scores.withUnsafeBufferPointer { select(k, from: $0, filter: filter) }
    }

    /// The same over a buffer: one row of a block of scores (a batched export).
    public static func select<Score: BinaryFloatingPoint>(
        _ k: Int, from scores: UnsafeBufferPointer<Score>, filter: ItemFilter
    ) -> [ScoredItem] {
        guard k > 0 else { return [] }
        guard let groups = filter.groupCap else { return best(k, scores, filter.allowed) }
        var allowed = filter.allowed
        var taken: [Int32: Int] = [:]
        var chosen: [ScoredItem] = []
        while chosen.count < k {
            let needed = k - chosen.count
            let candidates = best(2 * needed + 8, scores, allowed)
            if candidates.isEmpty { break }
            for candidate in candidates where chosen.count < k {
                allowed.remove(candidate.item)
                let label = candidate.item < groups.labels.count ? groups.labels[candidate.item] : -1
                if label >= 0 {
                    if taken[label, default: 0] >= groups.cap { continue }
                    taken[label, default: 0] += 1
                }
                chosen.append(candidate)
            }
        }
        return chosen
    }

    /// One pass over the allowed items' set bits, keeping a sorted list of the best k. A bounded
    /// insertion list rather than a sort: k is ~10 and items are thousands, and after the first
    /// few hundred items almost every score fails the comparison with the k-th best.
    static func best<Score: BinaryFloatingPoint>(_ k: Int, _ scores: UnsafeBufferPointer<Score>, _ allowed: ItemMask) -> [ScoredItem] {
        var items: [Int] = [], values: [Score] = []
        items.reserveCapacity(k + 1)
        values.reserveCapacity(k + 1)
        var threshold = -Score.infinity, full = false
        let n = scores.count
        allowed.words.withUnsafeBufferPointer { words in
            for w in 0..<words.count {
                var bits = words[w]
                while bits != 0 {
                    let item = w << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    if item >= n { return }
                    let score = scores[item]
                    if full ? !(score > threshold) : score.isNaN { continue }  // ties keep the smaller index
                    var position = values.count
                    while position > 0, values[position - 1] < score { position -= 1 }
                    items.insert(item, at: position)
                    values.insert(score, at: position)
                    if values.count > k {
                        items.removeLast()
                        values.removeLast()
                    }
                    full = values.count == k
                    threshold = values[values.count - 1]
                }
            }
        }
        return zip(items, values).map { ScoredItem(item: $0, score: Double($1)) }
    }
}
