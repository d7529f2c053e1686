import Foundation
import LinearAlgebra

/// Lloyd's k-means with k-means++ seeding as scikit-learn does it (greedy: 2 + ⌊ln k⌋ candidate
/// centres per step, keep the one that lowers the potential most), so cluster shapes are comparable
/// with the reference's even though random streams differ.
struct KMeans {
    let points: Matrix<Double>
    let clusters: Int
    var generator: SplitMix64
    private(set) var centroids: Matrix<Double>

    init(points: Matrix<Double>, clusters: Int, seed: UInt64) {
        self.points = points
        self.clusters = clusters
        generator = SplitMix64(seed: seed)
        centroids = Matrix(rows: clusters, columns: points.columns)
    }

    /// ‖row‖² of every row.
    static func squaredNorms(_ m: Matrix<Double>) -> [Double] {
        m.elements.withUnsafeBufferPointer { e in
            (0..<m.rows).map { i in Double.dot(n: m.columns, x: e.baseAddress! + i * m.columns, y: e.baseAddress! + i * m.columns) }
        }
    }

    /// Squared distance of every point to every centre (points x centres), via one GEMM:
    /// ‖a‖² − 2 a·c + ‖c‖², clamped at 0 against rounding.
    static func squaredDistances(_ a: Matrix<Double>, _ centres: Matrix<Double>, pointNorms: [Double]? = nil) -> Matrix<Double> {
        var d = (try? Matrix.product(a, transposed: false, centres, transposed: true, alpha: -2)) ?? Matrix(rows: a.rows, columns: centres.rows)
        let aNorms = pointNorms ?? squaredNorms(a)
        let cNorms = squaredNorms(centres)
        for i in 0..<a.rows {
            for j in 0..<centres.rows { d[i, j] = max(0, d[i, j] + aNorms[i] + cNorms[j]) }
        }
        return d
    }

    /// Index of the nearest centre of each point (ties: the smaller index).
    static func nearest(_ a: Matrix<Double>, _ centres: Matrix<Double>, pointNorms: [Double]? = nil) -> [Int] {
        let d = squaredDistances(a, centres, pointNorms: pointNorms)
        return (0..<a.rows).map { i in
            var best = 0
            for j in 1..<max(1, centres.rows) where d[i, j] < d[i, best] { best = j }
            return best
        }
    }

    mutating func seedCentres() {
        let n = points.rows
        let trials = 2 + Int(log(Double(clusters)))
        var chosen = [Int(generator.next() % UInt64(n))]
        let norms = Self.squaredNorms(points)
        var closest = Self.squaredDistances(points, Self.rows(points, [chosen[0]]), pointNorms: norms).elements
        while chosen.count < clusters {
            let potential = closest.reduce(0, +)
            let candidates = (0..<trials).map { _ in sample(proportionalTo: closest, total: potential) }
            let distances = Self.squaredDistances(points, Self.rows(points, candidates), pointNorms: norms)
            var bestCandidate = candidates[0], bestPotential = Double.infinity, bestClosest = closest
            for (j, candidate) in candidates.enumerated() {
                let updated = (0..<n).map { min(closest[$0], distances[$0, j]) }
                let total = updated.reduce(0, +)
                if total < bestPotential { bestCandidate = candidate; bestPotential = total; bestClosest = updated }
            }
            chosen.append(bestCandidate)
            closest = bestClosest
        }
        centroids = Self.rows(points, chosen)
    }

    /// Lloyd iterations until the labels stop changing or the centres move less than tolerance ×
    /// the mean per-feature variance (scikit-learn's tol); returns each point's cluster.
    mutating func run(maxIterations: Int, tolerance: Double) throws -> [Int] {
        seedCentres()
        let scaledTolerance = tolerance * meanVariance()
        let norms = Self.squaredNorms(points)
        var labels = Self.nearest(points, centroids, pointNorms: norms)
        for _ in 0..<maxIterations {
            var sums = Matrix<Double>(rows: clusters, columns: points.columns)
            var counts = [Double](repeating: 0, count: clusters)
            let d = points.columns
            points.elements.withUnsafeBufferPointer { p in
                sums.elements.withUnsafeMutableBufferPointer { s in
                    for i in 0..<points.rows {
                        counts[labels[i]] += 1
                        Double.axpy(n: d, alpha: 1, x: p.baseAddress! + i * d, y: s.baseAddress! + labels[i] * d)
                    }
                }
            }
            var shift = 0.0
            for c in 0..<clusters where counts[c] > 0 {   // an empty cluster keeps its centre
                for j in 0..<points.columns {
                    let updated = sums[c, j] / counts[c]
                    shift += (updated - centroids[c, j]) * (updated - centroids[c, j])
                    centroids[c, j] = updated
                }
            }
            let relabelled = Self.nearest(points, centroids, pointNorms: norms)
            let unchanged = relabelled == labels
            labels = relabelled
            if unchanged || shift <= scaledTolerance { break }
        }
        return labels
    }

    func meanVariance() -> Double {
        guard points.rows > 0, points.columns > 0 else { return 0 }
        var total = 0.0
        for j in 0..<points.columns {
            let column = (0..<points.rows).map { points[$0, j] }
            let mean = column.reduce(0, +) / Double(points.rows)
            total += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(points.rows)
        }
        return total / Double(points.columns)
    }

    mutating func sample(proportionalTo weights: [Double], total: Double) -> Int {
        guard total > 0 else { return Int(generator.next() % UInt64(weights.count)) }
        var target = generator.nextUniform() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }

    static func rows(_ m: Matrix<Double>, _ indices: [Int]) -> Matrix<Double> {
        Matrix(rows: indices.count, columns: m.columns, elements: indices.flatMap { m.row($0) })
    }
}
