import Foundation
import LinearAlgebra

/// `rp3beta` (Paudel, Christoffel, Newell, Bernstein 2017): a three-step random walk item → user →
/// item on the binarised interaction graph, each transition probability raised to alpha, the
/// arrival item's score divided by its popularity to the power beta, each item's `neighbours`
/// largest walks kept.
///
/// Why: on implicit data it is among the strongest simple baselines of the reproducibility studies
/// (Dacrema et al. 2019), costs one item Gram matrix, and beta is a dial between accuracy and
/// recommending beyond the best sellers, which tuning can set per shop.
public struct RP3betaModel: RecommendationModel {
    public struct Parameters: Sendable, Hashable {
        /// Exponent of each transition probability (1 = the plain walk).
        public var alpha: Double
        /// Popularity penalty: the walk's arrival score is divided by popularity^beta.
        public var beta: Double
        /// Walks kept per item (the largest); `Int.max` keeps all.
        public var neighbours: Int

        public init(alpha: Double = 1, beta: Double = 0.5, neighbours: Int = 100) {
            self.alpha = alpha
            self.beta = beta
            self.neighbours = neighbours
        }
    }

    public let name = "rp3beta"
    public let parameters: Parameters
    public let state: ItemItemState
    public var itemCount: Int { state.itemCount }

    /// W_ij = Σ_u (x_ui / deg_i)^α (x_uj / deg_u)^α / deg_j^β over binary x, i.e.
    /// deg_i^−α · (YᵀY)_ij / deg_j^β with Y = diag(deg_u^−α/2) X: one Gram matrix.
    public init(fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.alpha > 0, parameters.alpha.isFinite, parameters.beta >= 0, parameters.beta.isFinite,
              parameters.neighbours > 0 else {
            throw .invalidParameter("rp3beta parameters out of range: \(parameters)")
        }
        let binary = try binaryRows(set)
        var userScale = [Double](repeating: 0, count: binary.rows)
        for u in 0..<binary.rows {
            let degree = Double(binary.rowStarts[u + 1] - binary.rowStarts[u])
            userScale[u] = degree > 0 ? pow(degree, -parameters.alpha / 2) : 0
        }
        var values = binary.values
        for u in 0..<binary.rows { for p in binary.rowStarts[u]..<binary.rowStarts[u + 1] { values[p] = userScale[u] } }
        let scaled = SparseMatrix(rows: binary.rows, columns: binary.columns, rowStarts: binary.rowStarts,
                                  columnIndices: binary.columnIndices, values: values)
        var w = scaled.gram(threads: BLASThreads.count)
        let n = w.rows
        var degree = [Double](repeating: 0, count: n)
        for item in binary.columnIndices { degree[Int(item)] += 1 }
        let from = degree.map { $0 > 0 ? pow($0, -parameters.alpha) : 0 }
        let to = degree.map { $0 > 0 ? pow($0, -parameters.beta) : 0 }
        for i in 0..<n { for j in 0..<n { w.elements[i * n + j] *= from[i] * to[j] } }
        ItemItemState.keepNeighbours(&w.elements, n: n, keep: parameters.neighbours)
        self.parameters = parameters
        state = ItemItemState(weights: w, rows: binary)
    }

    public func scores(forUser user: Int) -> [Double] { state.scores(forUser: user) }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, _) = aggregate(history, itemCount: itemCount)
        return state.scores(items: items, values: [Double](repeating: 1, count: items.count))
    }
}
