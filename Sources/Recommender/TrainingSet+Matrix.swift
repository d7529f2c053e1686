import LinearAlgebra

extension TrainingSet {
    /// Checks the set, so each fit can trust its input.
    func validate(requireCells: Bool = true) throws(RecommenderError) {
        if itemCount <= 0 || userCount < 0 || (requireCells && (userCount == 0 || cells.isEmpty)) {
            throw .emptyTrainingSet
        }
        if itemTexts.count != itemCount {
            throw .itemTextCountMismatch(expected: itemCount, actual: itemTexts.count)
        }
        for cell in cells {
            if cell.user < 0 || Int(cell.user) >= userCount || cell.item < 0 || Int(cell.item) >= itemCount {
                throw .cellOutOfRange(user: cell.user, item: cell.item)
            }
            if !cell.weight.isFinite { throw .nonFiniteWeight(user: cell.user, item: cell.item) }
        }
    }

    /// X: users x items, duplicates summed in cell order. Every pair with at least one cell is stored,
    /// even if its weights sum to zero: the stored pattern is the protocol's "training pairs".
    func interactionMatrix() throws(RecommenderError) -> SparseMatrix<Double> {
        try validate()
        let triples = cells.map {
            SparseMatrix<Double>.Triple(row: Int($0.user), column: Int($0.item), value: $0.weight)
        }
        return try algebra { try SparseMatrix(rows: userCount, columns: itemCount, triples: triples) }
    }
}

/// A fold-in history as sorted unique item indices with summed weights (items outside 0..<itemCount
/// are ignored: a model cannot score what it has never seen).
func aggregate(_ history: [ItemWeight], itemCount: Int) -> (items: [Int32], weights: [Double]) {
    // The engine hands a history over already summed and in item order: then there is nothing to
    // sum, and skipping the dictionary saves a request several microseconds (same result: 0 + w = w).
    var previous = -1
    let ordered = history.allSatisfy { entry in
        defer { previous = entry.item }
        return entry.item > previous && entry.item < itemCount && entry.weight.isFinite
    }
    if ordered { return (history.map { Int32($0.item) }, history.map(\.weight)) }
    var sums: [Int: Double] = [:]
    for entry in history where entry.item >= 0 && entry.item < itemCount && entry.weight.isFinite {
        sums[entry.item, default: 0] += entry.weight
    }
    let items = sums.keys.sorted()
    return (items.map { Int32($0) }, items.map { sums[$0]! })
}

/// The row of a training user, or an empty history for an index outside the training set.
extension SparseMatrix where Scalar == Double {
    func history(ofUser user: Int) -> (items: [Int32], weights: [Double]) {
        guard user >= 0 && user < rows else { return ([], []) }
        let (columns, values) = row(user)
        return (Array(columns), Array(values))
    }
}
