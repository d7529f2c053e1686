import LinearAlgebra

/// The trained state of an item-item model (`rp3beta`, `itemknn`, `ease-decay`) as plain arrays: a
/// dense items x items weight matrix and each training user's row of the matrix it scores with.
///
/// A user's scores are Σ over the history's items i of value_i · row i of `weights`: one pass of
/// AXPYs, as EASE scores. Plain arrays so that a model version can be written out and read back
/// without knowing any linear-algebra type.
public struct ItemItemState: Sendable, Equatable {
    public let itemCount: Int
    /// Row-major items x items: row i is what interacting with item i adds to every item's score.
    public let weights: [Double]
    /// Training user u's entries are `rowStarts[u]..<rowStarts[u + 1]` of `rowItems`/`rowValues`.
    public let rowStarts: [Int]
    public let rowItems: [Int32]
    /// The (transformed) value each training pair scores with: 1 for a binary model, a decayed
    /// weight for `ease-decay`.
    public let rowValues: [Double]

    public init(itemCount: Int, weights: [Double], rowStarts: [Int], rowItems: [Int32], rowValues: [Double]) {
        precondition(weights.count == itemCount * itemCount && rowItems.count == rowValues.count)
        self.itemCount = itemCount
        self.weights = weights
        self.rowStarts = rowStarts
        self.rowItems = rowItems
        self.rowValues = rowValues
    }

    /// The state of `weights` with the scoring rows of `rows` (a users x items matrix).
    init(weights: Matrix<Double>, rows: SparseMatrix<Double>) {
        self.init(itemCount: weights.rows, weights: weights.elements, rowStarts: rows.rowStarts,
                  rowItems: rows.columnIndices, rowValues: rows.values)
    }

    var userCount: Int { rowStarts.count - 1 }

    /// A training user's scores (zeros for an index outside the training set).
    func scores(forUser user: Int) -> [Double] {
        guard user >= 0 && user < userCount else { return [Double](repeating: 0, count: itemCount) }
        let range = rowStarts[user]..<rowStarts[user + 1]
        return scores(items: rowItems[range], values: rowValues[range])
    }

    /// Σ values[j] · weights[items[j], :], in the given order.
    func scores<I: Collection, V: Collection>(items: I, values: V) -> [Double] where I.Element == Int32, V.Element == Double {
        var out = [Double](repeating: 0, count: itemCount)
        let n = itemCount
        weights.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { o in
                for (item, value) in zip(items, values) where Int(item) < n {
                    let row = Int(item) * n
                    for j in 0..<n { o[j] += value * w[row + j] }
                }
            }
        }
        return out
    }

    /// Keeps the `keep` largest entries of each row of a row-major n x n matrix (ties to the smaller
    /// column) and zeroes the rest; `keep >= n` keeps everything. Zeroes the diagonal first, so an
    /// item never counts as its own neighbour.
    static func keepNeighbours(_ dense: inout [Double], n: Int, keep: Int) {
        for i in 0..<n { dense[i * n + i] = 0 }
        guard keep < n else { return }
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let row = i * n
            for j in 0..<n { order[j] = j }
            // Descending by value, ties to the smaller column: the same rule as the ranking.
            order.sort { a, b in dense[row + a] != dense[row + b] ? dense[row + a] > dense[row + b] : a < b }
            for j in order[keep...] { dense[row + j] = 0 }
        }
    }
}

/// Binarised training rows with duplicates summed first (the stored pattern is the training pairs).
func binaryRows(_ set: TrainingSet) throws(RecommenderError) -> SparseMatrix<Double> {
    try set.interactionMatrix().mapValues { _ in 1 }
}
