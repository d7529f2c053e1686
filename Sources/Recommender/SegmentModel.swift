import Foundation
import LinearAlgebra

/// `segment`: users clustered by interests, each cluster with its most popular items; a user gets
/// their cluster's list.
///
/// Interests = the user's L2-normalised history projected on its top `components` right singular
/// vectors (a low-rank view, so that two users who bought different but related shoes are close);
/// clusters = k-means (k-means++ init with scikit-learn's greedy local trials, Lloyd iterations),
/// seeded. A cluster's score of an item is the sum of its members' weights for it.
public struct SegmentModel: RecommendationModel {
    /// The protocol's defaults: 32 components, 8 clusters, Lloyd up to 300 iterations, tol 1e-4.
    public struct Parameters: Sendable, Hashable {
        public var clusters: Int
        public var components: Int
        public var maxIterations: Int
        public var tolerance: Double
        public var seed: UInt64

        public init(clusters: Int = 8, components: Int = 32, maxIterations: Int = 300,
                    tolerance: Double = 1e-4, seed: UInt64 = 0) {
            self.clusters = clusters
            self.components = components
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.seed = seed
        }
    }

    public let name = "segment"
    public let parameters: Parameters
    /// The cluster of each training user.
    public let assignments: [Int]
    /// clusters x items: Σ over members of X[u, i].
    public let clusterScores: Matrix<Double>
    /// Centroids in the low-rank space (clusters x components).
    let centroids: Matrix<Double>
    /// Right singular vectors of the normalised history (items x components).
    let basis: Matrix<Double>
    public var itemCount: Int { clusterScores.columns }
    /// Members per cluster.
    public var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: clusterScores.rows)
        for c in assignments { sizes[c] += 1 }
        return sizes
    }

    public init(fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.clusters > 0, parameters.components > 0, parameters.maxIterations > 0 else {
            throw .invalidParameter("segment needs clusters, components and maxIterations > 0")
        }
        let x = try set.interactionMatrix()
        let normalised = Self.rowNormalised(x)
        let rank = max(1, min(parameters.components, min(x.rows, x.columns) - 1))
        let svd = try algebra {
            try TruncatedSVD(of: normalised, rank: rank, method: .automatic(columns: x.columns, seed: parameters.seed))
        }
        let z = try algebra { try normalised.multiply(svd.rightVectors) }
        let k = min(parameters.clusters, x.rows)
        var kMeans = KMeans(points: z, clusters: k, seed: parameters.seed)
        let labels = try algebra { try kMeans.run(maxIterations: parameters.maxIterations, tolerance: parameters.tolerance) }
        var scores = Matrix<Double>(rows: k, columns: x.columns)
        for u in 0..<x.rows {
            let (items, weights) = x.row(u)
            for (item, weight) in zip(items, weights) { scores[labels[u], Int(item)] += weight }
        }
        self.parameters = parameters
        assignments = labels
        clusterScores = scores
        centroids = kMeans.centroids
        basis = svd.rightVectors
    }

    public func scores(forUser user: Int) -> [Double] {
        guard user >= 0 && user < assignments.count else { return scores(forHistory: []) }
        return clusterScores.row(assignments[user])
    }

    /// A new history joins the cluster whose centroid is nearest to its projection.
    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        let norm = Vector.norm(weights)
        let point = SparseMatrix.combineRows(of: basis, indices: items, weights: weights.map { norm > 0 ? $0 / norm : 0 })
        let cluster = KMeans.nearest(Matrix(rows: 1, columns: point.count, elements: point), centroids)[0]
        return clusterScores.row(cluster)
    }

    static func rowNormalised(_ x: SparseMatrix<Double>) -> SparseMatrix<Double> {
        var values = x.values
        for u in 0..<x.rows {
            let range = x.rowStarts[u]..<x.rowStarts[u + 1]
            let norm = values[range].reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for p in range { values[p] /= norm } }
        }
        return SparseMatrix(rows: x.rows, columns: x.columns, rowStarts: x.rowStarts,
                            columnIndices: x.columnIndices, values: values)
    }
}
