/// Top-k selection with the protocol's tie rule, shared by every model and by the evaluation.
public enum TopK {
    /// The k highest scores, best first; equal scores go to the smaller index; excluded indices and
    /// NaN scores are never returned, and no index twice.
    ///
    /// A bounded insertion list rather than a full sort: k is ~10 and items are thousands, so one
    /// pass with a comparison against the current k-th best is what per-request scoring can afford.
    public static func select(_ k: Int, from scores: [Double], excluding excluded: Set<Int> = []) -> [ScoredItem] {
        guard k > 0 else { return [] }
        var best: [ScoredItem] = []
        best.reserveCapacity(k + 1)
        for (item, score) in scores.enumerated() {
            if score.isNaN { continue }
            if best.count == k, !(score > best[k - 1].score) { continue }  // ties keep the smaller index
            if !excluded.isEmpty, excluded.contains(item) { continue }
            // Insert after every entry with score >= this one (those have smaller indices).
            var position = best.count
            while position > 0, best[position - 1].score < score { position -= 1 }
            best.insert(ScoredItem(item: item, score: score), at: position)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// The same over Float scores (the serving path), reported as Double. Excluded items are first
    /// overwritten with NaN in a copy (one pass over the set instead of a hash lookup for every
    /// strong candidate — a user's own items score high), then one raw-buffer scan keeps the best k.
    public static func select(_ k: Int, from scores: [Float], excluding excluded: Set<Int> = []) -> [ScoredItem] {
        guard k > 0 else { return [] }
        var masked = scores
        for item in excluded where item >= 0 && item < masked.count { masked[item] = .nan }
        var items: [Int] = [], values: [Float] = []
        items.reserveCapacity(k + 1)
        values.reserveCapacity(k + 1)
        var threshold = -Float.infinity, full = false
        masked.withUnsafeBufferPointer { s in
            for item in 0..<s.count {
                let score = s[item]
                if full ? !(score > threshold) : score.isNaN { continue }
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
        return zip(items, values).map { ScoredItem(item: $0, score: Double($1)) }
    }
}
