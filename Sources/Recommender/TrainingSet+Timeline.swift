import Foundation
import LinearAlgebra

extension TrainingSet {
    /// For each stored pair of `matrix` (this set's `interactionMatrix()`), the latest second of its
    /// cells and whether any was a purchase, parallel to `matrix.values`.
    func pairTimes(_ matrix: SparseMatrix<Double>) throws(RecommenderError) -> (seconds: [Int64], purchased: [Bool]) {
        guard let timeline, timeline.seconds.count == cells.count, timeline.purchases.count == cells.count else {
            throw .invalidParameter("this model needs the time of every cell (TrainingSet.timeline)")
        }
        var seconds = [Int64](repeating: .min, count: matrix.values.count)
        var purchased = [Bool](repeating: false, count: matrix.values.count)
        for (index, cell) in cells.enumerated() {
            let row = Int(cell.user)
            let columns = matrix.columnIndices[matrix.rowStarts[row]..<matrix.rowStarts[row + 1]]
            // Columns of a row are sorted: a binary search finds the pair.
            var low = columns.startIndex, high = columns.endIndex
            while low < high {
                let middle = (low + high) / 2
                if columns[middle] < cell.item { low = middle + 1 } else { high = middle }
            }
            guard low < columns.endIndex, columns[low] == cell.item else { continue }
            seconds[low] = max(seconds[low], timeline.seconds[index])
            purchased[low] = purchased[low] || timeline.purchases[index]
        }
        return (seconds, purchased)
    }
}

/// 0.5^(age / halfLife); 1 for an infinite half-life (no decay), and never above 1.
func decay(ageSeconds: Int64, halfLifeDays: Double) -> Double {
    guard halfLifeDays.isFinite else { return 1 }
    return pow(0.5, Double(max(ageSeconds, 0)) / 86_400 / halfLifeDays)
}
