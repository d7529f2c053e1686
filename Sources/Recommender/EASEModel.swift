import LinearAlgebra

/// `ease` (Steck 2019): a closed-form item-item model, B = −P / diag(P) with P = (XbᵀXb + λI)⁻¹ and a
/// zero diagonal; scores are Xb[u,:]·B.
///
/// Why it is here: on implicit data it leads the published tables while costing one Cholesky
/// inverse of the item Gram matrix; the zero diagonal keeps an item from recommending itself.
public struct EASEModel: RecommendationModel {
    public let name = "ease"
    public let lambda: Double
    /// B: items x items, row i = what interacting with item i adds to every item's score.
    public let weights: Matrix<Double>
    /// Binarised training rows (the items each user interacted with).
    let history: SparseMatrix<Double>
    public var itemCount: Int { weights.rows }

    public init(fitting set: TrainingSet, lambda: Double = 500) throws(RecommenderError) {
        guard lambda > 0, lambda.isFinite else { throw .invalidParameter("ease lambda must be > 0, got \(lambda)") }
        let binary = try set.interactionMatrix().mapValues { _ in 1 }
        var b = binary.gram(threads: BLASThreads.count)
        for i in 0..<b.rows { b[i, i] += lambda }
        try algebra { try b.formCholeskyInverse() }   // b = P, in place
        let n = b.rows
        // B_ij = −P_ij / P_jj, then a zero diagonal; the diagonal is copied first as it is overwritten.
        let diagonal = (0..<n).map { b[$0, $0] }
        b.elements.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                for j in 0..<n { p[i * n + j] = -p[i * n + j] / diagonal[j] }
                p[i * n + i] = 0
            }
        }
        self.lambda = lambda
        weights = b
        history = binary
    }

    public func scores(forUser user: Int) -> [Double] {
        let (items, _) = history.history(ofUser: user)
        return SparseMatrix.combineRows(of: weights, indices: items, weights: [Double](repeating: 1, count: items.count))
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, _) = aggregate(history, itemCount: itemCount)
        return SparseMatrix.combineRows(of: weights, indices: items, weights: [Double](repeating: 1, count: items.count))
    }
}
