import LinearAlgebra

/// The hybrid's batch path (exports): a block of users scored item-major, so that every pass over
/// the catalogue serves all of the block's users at once.
///
/// Why item-major: a user's list costs one pass over every item's svd score, content score, blend
/// and top-k check. Laid out items x users, the svd part of the block is one SGEMM (V·Pᵀ), the
/// content part one pass over the TF-IDF rows whose inner loop runs across the users (an AXPY of
/// the block's profile column per term, vectorised), and the normalisation, blend and top-k
/// threshold tests are loops over contiguous rows of `users` floats. A block of 64 users keeps
/// those rows (2.5 MB each part at 10,000 items) in cache between the passes.
extension HybridModel {
    static let blockUsers = 64

    /// The lists of `recommend(history:k:filter:)` for histories that are not empty, none of whose
    /// filters has a group cap (those take the per-user path).
    func itemMajorBlock(_ aggregated: [(items: [Int32], weights: [Double])], k: Int, filters: [ItemFilter]) -> [[ScoredItem]] {
        let b = aggregated.count, n = itemCount, m = collaborative.itemCount, f = collaborative.factors
        guard b > 0 else { return [] }
        // svd, items x users: V (m x f) · Pᵀ (f x b); items added after training score 0.
        var projections = [Float](repeating: 0, count: b * f)
        for (row, history) in aggregated.enumerated() {
            collaborative.project(items: history.items, weights: history.weights, into: &projections, at: row * f)
        }
        var svd = [Float](repeating: 0, count: n * b)
        collaborative.itemFactorsFloat.elements.withUnsafeBufferPointer { v in
            projections.withUnsafeBufferPointer { p in
                svd.withUnsafeMutableBufferPointer { c in
                    Float.gemm(transposeA: false, transposeB: true, m: m, n: b, k: f, alpha: 1, a: v.baseAddress!, lda: f,
                               b: p.baseAddress!, ldb: f, beta: 0, c: c.baseAddress!, ldc: b)
                }
            }
        }
        let text = content.itemMajorCosines(aggregated)
        // Min and max of each user's parts over every item, as the single path normalises.
        var svdLow = [Float](repeating: .infinity, count: b), svdHigh = [Float](repeating: -.infinity, count: b)
        var textLow = svdLow, textHigh = svdHigh
        Self.columnRanges(svd, rows: n, columns: b, low: &svdLow, high: &svdHigh)
        Self.columnRanges(text, rows: n, columns: b, low: &textLow, high: &textHigh)
        let svdScale = (0..<b).map { svdHigh[$0] > svdLow[$0] ? 1 / (svdHigh[$0] - svdLow[$0]) : 0 }
        let textScale = (0..<b).map { textHigh[$0] > textLow[$0] ? 1 / (textHigh[$0] - textLow[$0]) : 0 }
        for u in 0..<b where svdScale[u] == 0 { svdLow[u] = 0 }
        for u in 0..<b where textScale[u] == 0 { textLow[u] = 0 }
        let svdWeight = (0..<b).map { Float(alpha) * svdScale[$0] }
        let textWeight = (0..<b).map { Float(contentWeight) * textScale[$0] }
        let offset = (0..<b).map { -(svdWeight[$0] * svdLow[$0] + textWeight[$0] * textLow[$0]) }

        // Blend a row of the block, then test it against each user's k-th best: a contiguous,
        // vectorised pass, and a branch that is almost never taken once the lists are full.
        var lists = [BoundedList<Float>](repeating: BoundedList(k: k), count: b)
        var thresholds = [Float](repeating: -.infinity, count: b)
        var full = [Bool](repeating: false, count: b)
        var blended = [Float](repeating: 0, count: b)
        svd.withUnsafeBufferPointer { s in
            text.withUnsafeBufferPointer { t in
                svdWeight.withUnsafeBufferPointer { sw in
                    textWeight.withUnsafeBufferPointer { tw in
                        offset.withUnsafeBufferPointer { off in
                            blended.withUnsafeMutableBufferPointer { row in
                                for i in 0..<n {
                                    let base = i * b
                                    for u in 0..<b { row[u] = sw[u] * s[base + u] + (tw[u] * t[base + u] + off[u]) }
                                    for u in 0..<b {
                                        let score = row[u]
                                        if full[u] ? !(score > thresholds[u]) : score.isNaN { continue }
                                        guard filters[u].allowed.contains(i) else { continue }
                                        lists[u].insert(i, score)
                                        full[u] = lists[u].values.count == k
                                        thresholds[u] = lists[u].threshold
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (0..<b).map { u in
            zip(lists[u].items, lists[u].values).map { item, score in
                let parts = ScoreParts(collaborative: Self.unit((svd[item * b + u] - svdLow[u]) * svdScale[u]),
                                       content: Self.unit((text[item * b + u] - textLow[u]) * textScale[u]))
                return ScoredItem(item: item, score: Double(score), parts: parts)
            }
        }
    }
}

extension HybridModel {
    /// The min and max of each column of a rows x columns row-major block, into `low` and `high`.
    static func columnRanges(_ block: [Float], rows: Int, columns: Int, low: inout [Float], high: inout [Float]) {
        block.withUnsafeBufferPointer { x in
            low.withUnsafeMutableBufferPointer { low in
                high.withUnsafeMutableBufferPointer { high in
                    for r in 0..<rows {
                        let base = r * columns
                        for c in 0..<columns {
                            let value = x[base + c]
                            low[c] = value < low[c] ? value : low[c]
                            high[c] = value > high[c] ? value : high[c]
                        }
                    }
                }
            }
        }
    }
}

extension TFIDFModel {
    /// The cosines of `servingScores` for a block of histories, items x users: the profiles as a
    /// terms x users matrix (each column scaled by its inverse norm), then for each item the sum
    /// of its terms' rows times the term's weight, across the users at once.
    func itemMajorCosines(_ aggregated: [(items: [Int32], weights: [Double])]) -> [Float] {
        let b = aggregated.count, n = itemCount, terms = vocabulary.count
        var profiles = [Float](repeating: 0, count: terms * b)
        for (u, history) in aggregated.enumerated() {
            let p = profile(items: history.items, weights: history.weights)
            let norm = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let inverse: Float = norm > 0 ? Float(1 / norm) : 0
            for (term, value) in p.enumerated() where value != 0 { profiles[term * b + u] = Float(value) * inverse }
        }
        var out = [Float](repeating: 0, count: n * b)
        profiles.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { out in
                itemVectors.rowStarts.withUnsafeBufferPointer { starts in
                    itemVectors.columnIndices.withUnsafeBufferPointer { columns in
                        itemValuesFloat.withUnsafeBufferPointer { values in
                            inverseItemNormsFloat.withUnsafeBufferPointer { inverseNorms in
                                for i in 0..<n {
                                    let row = out.baseAddress! + i * b
                                    for q in starts[i]..<starts[i + 1] {
                                        let weight = values[q] * inverseNorms[i]
                                        let column = p.baseAddress! + Int(columns[q]) * b
                                        for u in 0..<b { row[u] += weight * column[u] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
