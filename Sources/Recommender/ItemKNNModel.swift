import Foundation
import LinearAlgebra

/// `itemknn`: item-based nearest neighbours (Sarwar et al. 2001) with a shrunk cosine,
/// s_ij = x_i·x_j / (‖x_i‖‖x_j‖ + shrink) over the items' user columns, each item's `neighbours`
/// most similar kept; a user's score for j is Σ over their items i of value_i · s_ij.
///
/// Why: the classic baseline the reproducibility studies found hard to beat; shrinkage keeps a pair
/// seen together by two users from looking as alike as a pair seen by two hundred, and the
/// neighbourhood size trades noise against reach — both depend on the shop, so tuning sets them.
public struct ItemKNNModel: RecommendationModel {
    public struct Parameters: Sendable, Hashable {
        /// Neighbours kept per item; `Int.max` keeps all.
        public var neighbours: Int
        /// Added to the cosine's denominator (0 = the plain cosine).
        public var shrink: Double
        /// True: binarised interactions; false: the summed event weights.
        public var binary: Bool

        public init(neighbours: Int = 100, shrink: Double = 10, binary: Bool = true) {
            self.neighbours = neighbours
            self.shrink = shrink
            self.binary = binary
        }
    }

    public let name = "itemknn"
    public let parameters: Parameters
    public let state: ItemItemState
    public var itemCount: Int { state.itemCount }

    public init(fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.neighbours > 0, parameters.shrink >= 0, parameters.shrink.isFinite else {
            throw .invalidParameter("itemknn parameters out of range: \(parameters)")
        }
        let x = parameters.binary ? try binaryRows(set) : try set.interactionMatrix()
        var g = x.gram(threads: BLASThreads.count)
        let n = g.rows
        let norms = (0..<n).map { sqrt(max(g.elements[$0 * n + $0], 0)) }
        for i in 0..<n {
            for j in 0..<n {
                let denominator = norms[i] * norms[j] + parameters.shrink
                g.elements[i * n + j] = denominator > 0 ? g.elements[i * n + j] / denominator : 0
            }
        }
        ItemItemState.keepNeighbours(&g.elements, n: n, keep: parameters.neighbours)
        self.parameters = parameters
        state = ItemItemState(weights: g, rows: x)
    }

    public func scores(forUser user: Int) -> [Double] { state.scores(forUser: user) }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        return state.scores(items: items, values: parameters.binary ? [Double](repeating: 1, count: items.count) : weights)
    }
}
