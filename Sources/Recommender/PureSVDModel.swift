import LinearAlgebra

/// `svd` (PureSVD, Cremonesi et al. 2010): V = the top-k right singular vectors of the weighted
/// user-item matrix X; a user's scores are (x·V)·Vᵀ, which is row u of U_k S_k V_kᵀ for a training
/// user and the fold-in of any other history: a new purchase changes the scores without a refit.
///
/// Fit: the exact eigenvectors of XᵀX by LAPACK while the catalogue is small (≤ 2,048 items; the
/// evaluation needs the exact subspace, the gap σ₃₂/σ₃₃ being 0.4 %), randomized subspace iteration
/// beyond (see `TruncatedSVD`). Scores for evaluation are float64; serving (`recommend`) folds the
/// history in and scores with one SGEMV over a Float copy of V: half the memory traffic of a DGEMV,
/// which measured 2.3x faster at 4,000 x 64 (Benchmarks/models/RESULTS.md).
public struct PureSVDModel: SimilarItemsModel {
    public let name: String
    public let factors: Int
    /// Singular values, descending.
    public let singularValues: [Double]
    /// Subspace iterations the fit ran (0 when it took the exact LAPACK route).
    public let iterations: Int
    /// V: items x k, float64.
    public let itemFactors: Matrix<Double>
    /// V in Float, for the serving SGEMV.
    let itemFactorsFloat: Matrix<Float>
    /// Rows of V·S scaled to unit length (zero rows stay zero): `similar` is one GEMV on these.
    let unitItemEmbeddings: Matrix<Double>
    let interactions: SparseMatrix<Double>
    public var itemCount: Int { itemFactors.rows }

    /// `svd` for 32 factors as the protocol names it, `svd64` for 64, `svdN` otherwise.
    static func name(factors: Int) -> String { factors == 32 ? "svd" : "svd\(factors)" }

    public init(fitting set: TrainingSet, factors: Int = 64, method: TruncatedSVD.Method? = nil) throws(RecommenderError) {
        guard factors > 0 else { throw .invalidParameter("svd factors must be > 0, got \(factors)") }
        let x = try set.interactionMatrix()
        // Like scipy's svds, k is capped at min(users, items) − 1.
        let k = max(1, min(factors, min(x.rows, x.columns) - 1))
        let svd = try algebra {
            try TruncatedSVD(of: x, rank: k, method: method ?? .automatic(columns: x.columns))
        }
        let v = svd.rightVectors
        name = Self.name(factors: factors)
        self.factors = k
        singularValues = svd.singularValues
        iterations = svd.iterations
        itemFactors = v
        itemFactorsFloat = v.converted()
        interactions = x
        var embedding = v
        for i in 0..<embedding.rows {
            for j in 0..<k { embedding[i, j] *= svd.singularValues[j] }
            let norm = Vector.norm(embedding.row(i))
            if norm > 0 { for j in 0..<k { embedding[i, j] /= norm } }
        }
        unitItemEmbeddings = embedding
    }

    public func scores(forUser user: Int) -> [Double] {
        let (items, weights) = interactions.history(ofUser: user)
        return scores(items: items, weights: weights)
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        return scores(items: items, weights: weights)
    }

    /// (x·V)·Vᵀ: the projection summed over the history in item order, then one DGEMV.
    func scores(items: [Int32], weights: [Double]) -> [Double] {
        let projection = SparseMatrix.combineRows(of: itemFactors, indices: items, weights: weights)
        return (try? itemFactors.multiply(projection)) ?? [Double](repeating: 0, count: itemCount)
    }

    /// Serving: the history's projection x·V, then one SGEMV over the Float V, then top-k.
    public func recommend(history: [ItemWeight], k: Int, filter: ItemFilter) -> [ScoredItem] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        return TopK.select(k, from: servingScores(items: items, weights: weights), filter: filter)
    }

    /// Batch serving: the block's projections, one SGEMM of them against V, then top-k per row.
    public func recommend(histories: [[ItemWeight]], k: Int, filters: [ItemFilter]) -> [[ScoredItem]] {
        let scores = blockScores(histories.map { aggregate($0, itemCount: itemCount) })
        let n = itemCount
        return scores.withUnsafeBufferPointer { all in
            filters.indices.map { row in
                TopK.select(k, from: UnsafeBufferPointer(rebasing: all[(row * n)..<((row + 1) * n)]), filter: filters[row])
            }
        }
    }

    /// (x·V)·Vᵀ in Float for a block of aggregated histories, row-major (histories x items): the
    /// projections P (b x f), then C = P·Vᵀ as one SGEMM, which runs at BLAS-3 speed where b
    /// GEMVs would each read all of V again.
    func blockScores(_ histories: [(items: [Int32], weights: [Double])]) -> [Float] {
        let n = itemCount, f = factors, b = histories.count
        var projections = [Float](repeating: 0, count: b * f)
        for (row, history) in histories.enumerated() {
            project(items: history.items, weights: history.weights, into: &projections, at: row * f)
        }
        return [Float](unsafeUninitializedCapacity: b * n) { out, initialized in
            itemFactorsFloat.elements.withUnsafeBufferPointer { v in
                projections.withUnsafeBufferPointer { p in
                    Float.gemm(transposeA: false, transposeB: true, m: b, n: n, k: f, alpha: 1, a: p.baseAddress!, lda: f,
                               b: v.baseAddress!, ldb: f, beta: 0, c: out.baseAddress!, ldc: n)
                }
            }
            initialized = b * n
        }
    }

    /// x·V of a history, added into `projections[offset..<offset + factors]`.
    func project(items: [Int32], weights: [Double], into projections: inout [Float], at offset: Int) {
        let f = factors
        itemFactorsFloat.elements.withUnsafeBufferPointer { v in
            projections.withUnsafeMutableBufferPointer { p in
                for (item, weight) in zip(items, weights) {
                    Float.axpy(n: f, alpha: Float(weight), x: v.baseAddress! + Int(item) * f, y: p.baseAddress! + offset)
                }
            }
        }
    }

    /// (x·V)·Vᵀ in Float for an aggregated history: what `recommend` ranks, and the hybrid's
    /// collaborative part.
    func servingScores(items: [Int32], weights: [Double]) -> [Float] {
        let n = itemCount, f = factors
        var projection = [Float](repeating: 0, count: f)
        project(items: items, weights: weights, into: &projection, at: 0)
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            itemFactorsFloat.elements.withUnsafeBufferPointer { v in
                projection.withUnsafeBufferPointer { p in
                    Float.gemv(transpose: false, m: n, n: f, alpha: 1, a: v.baseAddress!, lda: f,
                               x: p.baseAddress!, beta: 0, y: out.baseAddress!)
                }
            }
            initialized = n
        }
    }

    /// Items nearest by cosine of their rows of V·S (the item embedding of the rank-k model); an item
    /// nobody interacted with has a zero row and is similar to nothing (scores 0).
    public func similar(item: Int, k: Int, filter: ItemFilter) -> [ScoredItem] {
        guard item >= 0 && item < itemCount,
              let cosines = try? unitItemEmbeddings.multiply(unitItemEmbeddings.row(item)) else { return [] }
        var others = filter
        others.allowed.remove(item)
        return TopK.select(k, from: cosines, filter: others)
    }

    /// Cosine of two items' rows of V·S (0 for an index out of range or a zero row).
    public func similarity(_ a: Int, _ b: Int) -> Double {
        guard a >= 0, a < itemCount, b >= 0, b < itemCount else { return 0 }
        return Vector.dot(unitItemEmbeddings.row(a), unitItemEmbeddings.row(b))
    }
}
