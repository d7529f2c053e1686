import Foundation
import LinearAlgebra

/// `ials`: implicit-feedback ALS (Hu, Koren, Volinsky 2008) as benfred/implicit 0.7 fits it.
///
/// Minimises Σ c_ui (p_ui − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) with p = 1, c = alpha·weight on training
/// pairs and p = 0, c = 1 elsewhere (confidence = weight, not 1 + alpha·weight, like implicit), λ not
/// scaled by counts. Each iteration updates all users then all items by `cgSteps` conjugate-gradient
/// steps warm-started from the current factors, never forming YᵀC_uY: the solver uses YᵀY once per
/// sweep plus the user's own items, gathered into a small dense block so every product is a GEMV.
public struct IALSModel: RecommendationModel {
    /// The protocol's defaults: 64 factors, λ 0.05, 15 iterations, 3 CG steps, alpha 1.
    public struct Parameters: Sendable, Hashable {
        public var factors: Int
        public var regularization: Double
        public var iterations: Int
        public var cgSteps: Int
        public var alpha: Double
        public var seed: UInt64

        public init(factors: Int = 64, regularization: Double = 0.05, iterations: Int = 15,
                    cgSteps: Int = 3, alpha: Double = 1, seed: UInt64 = 0) {
            self.factors = factors
            self.regularization = regularization
            self.iterations = iterations
            self.cgSteps = cgSteps
            self.alpha = alpha
            self.seed = seed
        }
    }

    public let name = "ials"
    public let parameters: Parameters
    /// users x factors.
    public let userFactors: Matrix<Double>
    /// items x factors.
    public let itemFactors: Matrix<Double>
    /// YᵀY, kept for fold-in so a request does not redo an items x f² product.
    let itemGram: Matrix<Double>
    public var itemCount: Int { itemFactors.rows }

    public init(fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.factors > 0, parameters.iterations >= 0, parameters.cgSteps > 0,
              parameters.regularization >= 0, parameters.alpha > 0 else {
            throw .invalidParameter("ials parameters out of range: \(parameters)")
        }
        let confidence = try set.interactionMatrix().mapValues { parameters.alpha * $0 }
        let confidenceByItem = confidence.transposed()
        var generator = SplitMix64(seed: parameters.seed)
        var users = Matrix<Double>(rows: set.userCount, columns: parameters.factors)
        for i in users.elements.indices { users.elements[i] = generator.nextUniform() * 0.01 }
        var items = Matrix<Double>(rows: set.itemCount, columns: parameters.factors)
        for i in items.elements.indices { items.elements[i] = generator.nextUniform() * 0.01 }
        for _ in 0..<parameters.iterations {
            try algebra { try ConjugateGradientSweep.run(updating: &users, fixed: items, confidence: confidence, parameters: parameters) }
            try algebra { try ConjugateGradientSweep.run(updating: &items, fixed: users, confidence: confidenceByItem, parameters: parameters) }
        }
        self.parameters = parameters
        userFactors = users
        itemFactors = items
        itemGram = try algebra { try Matrix.product(items, transposed: true, items) }
    }

    public func scores(forUser user: Int) -> [Double] {
        guard user >= 0 && user < userFactors.rows else { return scores(forHistory: []) }
        return (try? itemFactors.multiply(userFactors.row(user))) ?? []
    }

    /// Fold-in: the user's factors by an exact solve of (YᵀY + Yᵀ(C−I)Y + λI) x = YᵀC p with the
    /// item factors fixed (what one ALS half-step would do), then their scores.
    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        let f = parameters.factors
        guard !items.isEmpty else { return [Double](repeating: 0, count: itemCount) }
        var system = itemGram
        // YᵀC p = Σ c_i y_i, and Yᵀ(C − I)Y = Y_uᵀ · ((c − 1) ∘ Y_u) over the history's rows Y_u, by GEMV/GEMM.
        var gathered = Matrix<Double>(rows: items.count, columns: f)
        var scaled = gathered
        let confidences = weights.map { parameters.alpha * $0 }
        for (row, item) in items.enumerated() {
            for a in 0..<f {
                gathered[row, a] = itemFactors[Int(item), a]
                scaled[row, a] = (confidences[row] - 1) * gathered[row, a]
            }
        }
        guard let rightSide = try? gathered.multiply(confidences, transposed: true),
              let correction = try? Matrix.product(gathered, transposed: true, scaled) else {
            return [Double](repeating: 0, count: itemCount)
        }
        for index in system.elements.indices { system.elements[index] += correction.elements[index] }
        for a in 0..<f { system[a, a] += parameters.regularization }
        guard let x = try? system.choleskySolve(rightSide), let s = try? itemFactors.multiply(x) else {
            return [Double](repeating: 0, count: itemCount)
        }
        return s
    }
}
