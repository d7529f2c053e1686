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
        // Rows are `width` floats, b users padded to a whole number of SIMD8 lanes (pad lanes score 0, never listed).
        let width = (b + 7) / 8 * 8, lanes = width / 8
        // svd, items x users: V (m x f) · Pᵀ (f x b); items added after training score 0.
        var projections = [Float](repeating: 0, count: width * f)
        for (row, history) in aggregated.enumerated() {
            collaborative.project(items: history.items, weights: history.weights, into: &projections, at: row * f)
        }
        var svd = [Float](repeating: 0, count: n * width)
        collaborative.itemFactorsFloat.elements.withUnsafeBufferPointer { v in
            projections.withUnsafeBufferPointer { p in
                svd.withUnsafeMutableBufferPointer { c in
                    Float.gemm(transposeA: false, transposeB: true, m: m, n: width, k: f, alpha: 1, a: v.baseAddress!, lda: f,
                               b: p.baseAddress!, ldb: f, beta: 0, c: c.baseAddress!, ldc: width)
                }
            }
        }
        let text = content.itemMajorCosines(aggregated, width: width)
        // Min and max of each user's parts over every item, as the single path normalises.
        let (svdLow, svdScale) = Self.columnRanges(svd, rows: n, lanes: lanes)
        let (textLow, textScale) = Self.columnRanges(text, rows: n, lanes: lanes)
        let a = SIMD8<Float>(repeating: Float(alpha)), c = SIMD8<Float>(repeating: Float(contentWeight))
        let svdWeight = svdScale.map { a * $0 }, textWeight = textScale.map { c * $0 }
        var offset = [SIMD8<Float>](repeating: .zero, count: lanes)
        for lane in 0..<lanes {
            let svdPart: SIMD8<Float> = svdWeight[lane] * svdLow[lane]
            let textPart: SIMD8<Float> = textWeight[lane] * textLow[lane]
            offset[lane] = -(svdPart + textPart)
        }

        // Blend a row of the block eight users at a time and test it against each user's k-th best
        // (-inf until the list is full, +inf for pad lanes): almost always one vector compare per lane group.
        var lists = [BoundedList<Float>](repeating: BoundedList(k: k), count: b)
        var thresholds = [SIMD8<Float>](repeating: SIMD8(repeating: -.infinity), count: lanes)
        for u in b..<width { thresholds[u / 8][u % 8] = .infinity }
        svd.withUnsafeBufferPointer { s in
            text.withUnsafeBufferPointer { t in
                let sRaw = UnsafeRawPointer(s.baseAddress!), tRaw = UnsafeRawPointer(t.baseAddress!)
                for i in 0..<n {
                    for lane in 0..<lanes {
                        let offsetBytes = (i * width + lane * 8) * 4
                        let svdRow = sRaw.loadUnaligned(fromByteOffset: offsetBytes, as: SIMD8<Float>.self)
                        let textRow = tRaw.loadUnaligned(fromByteOffset: offsetBytes, as: SIMD8<Float>.self)
                        let textPart: SIMD8<Float> = textWeight[lane] * textRow + offset[lane]
                        let blended: SIMD8<Float> = svdWeight[lane] * svdRow + textPart
                        let above = blended .> thresholds[lane]
                        guard any(above) else { continue }
                        for j in 0..<8 where above[j] {
                            let u = lane * 8 + j
                            guard filters[u].allowed.contains(i) else { continue }
                            lists[u].insert(i, blended[j])
                            if lists[u].values.count == k { thresholds[lane][j] = lists[u].threshold }
                        }
                    }
                }
            }
        }
        return (0..<b).map { u in
            let (lane, j) = (u / 8, u % 8)
            return zip(lists[u].items, lists[u].values).map { item, score in
                let parts = ScoreParts(collaborative: Self.unit((svd[item * width + u] - svdLow[lane][j]) * svdScale[lane][j]),
                                       content: Self.unit((text[item * width + u] - textLow[lane][j]) * textScale[lane][j]))
                return ScoredItem(item: item, score: Double(score), parts: parts)
            }
        }
    }

    /// Each column's min and 1/(max − min) (0 and 0 when max = min, as `minAndInverseRange`) of
    /// a rows x (8·lanes) row-major block, eight columns at a time.
    static func columnRanges(_ block: [Float], rows: Int, lanes: Int) -> (low: [SIMD8<Float>], scale: [SIMD8<Float>]) {
        var lows = [SIMD8<Float>](repeating: SIMD8(repeating: .infinity), count: lanes)
        var highs = [SIMD8<Float>](repeating: SIMD8(repeating: -.infinity), count: lanes)
        block.withUnsafeBufferPointer { x in
            let raw = UnsafeRawPointer(x.baseAddress!)
            lows.withUnsafeMutableBufferPointer { lows in
                highs.withUnsafeMutableBufferPointer { highs in
                    for r in 0..<rows {
                        for lane in 0..<lanes {
                            let value = raw.loadUnaligned(fromByteOffset: (r * lanes + lane) * 32, as: SIMD8<Float>.self)
                            // replacing(with:where:) is one blend instruction; pointwiseMin is a call per vector.
                            lows[lane] = lows[lane].replacing(with: value, where: value .< lows[lane])
                            highs[lane] = highs[lane].replacing(with: value, where: value .> highs[lane])
                        }
                    }
                }
            }
        }
        var scales = [SIMD8<Float>](repeating: .zero, count: lanes)
        for lane in 0..<lanes {
            for j in 0..<8 {
                if highs[lane][j] > lows[lane][j] { scales[lane][j] = 1 / (highs[lane][j] - lows[lane][j]) } else { lows[lane][j] = 0 }
            }
        }
        return (lows, scales)
    }
}

extension TFIDFModel {
    /// The cosines of `servingScores` for a block of histories, items x users (rows `width` long,
    /// the columns past the histories 0): the profiles as a terms x users matrix (each column
    /// scaled by its inverse norm), then for each item the sum of its terms' rows times the term's
    /// weight, across the users at once.
    func itemMajorCosines(_ aggregated: [(items: [Int32], weights: [Double])], width b: Int) -> [Float] {
        let n = itemCount, terms = vocabulary.count
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
                                // b is a whole number of SIMD8 lanes: each term adds eight users at a time.
                                let row = UnsafeMutableRawPointer(out.baseAddress!), profile = UnsafeRawPointer(p.baseAddress!)
                                for i in 0..<n {
                                    for q in starts[i]..<starts[i + 1] {
                                        let weight = SIMD8<Float>(repeating: values[q] * inverseNorms[i])
                                        let column = Int(columns[q]) * b * 4
                                        for lane in stride(from: 0, to: b * 4, by: 32) {
                                            let at = i * b * 4 + lane
                                            let sum = row.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                                                + weight * profile.loadUnaligned(fromByteOffset: column + lane, as: SIMD8<Float>.self)
                                            row.storeBytes(of: sum, toByteOffset: at, as: SIMD8<Float>.self)
                                        }
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
