import LinearAlgebra

/// `hybrid`: per user, alpha · minmax(svd scores) + (1 − alpha) · minmax(tfidf scores), each
/// min-max normalised to [0, 1] over all items (training items included); imdb for a user with
/// no history.
///
/// Why: svd knows what people buy together, tfidf knows what shoes look alike and still ranks a shoe
/// nobody has touched; normalising first keeps either scale from drowning the other.
public struct HybridModel: SimilarItemsModel {
    public let name = "hybrid"
    public let alpha: Double
    /// 1 − alpha, rounded to 12 decimals so that 1 − 0.7 is the literal 0.3 of the reference.
    let contentWeight: Double
    public let collaborative: PureSVDModel
    public let content: TFIDFModel
    public let fallback: IMDBModel
    let interactions: SparseMatrix<Double>
    public var itemCount: Int { content.itemCount }

    public init(fitting set: TrainingSet, alpha: Double = 0.7, svdFactors: Int = 32) throws(RecommenderError) {
        guard alpha >= 0 && alpha <= 1 else { throw .invalidParameter("hybrid alpha must be in [0, 1], got \(alpha)") }
        self.init(alpha: alpha,
                  collaborative: try PureSVDModel(fitting: set, factors: svdFactors),
                  content: try TFIDFModel(fitting: set),
                  fallback: try IMDBModel(fitting: set),
                  interactions: try set.interactionMatrix())
    }

    init(alpha: Double, collaborative: PureSVDModel, content: TFIDFModel, fallback: IMDBModel,
         interactions: SparseMatrix<Double>) {
        self.alpha = alpha
        contentWeight = ((1 - alpha) * 1e12).rounded() / 1e12
        self.collaborative = collaborative
        self.content = content
        self.fallback = fallback
        self.interactions = interactions
    }

    /// The model with new shoes appended by text: they rank through content (svd scores them 0,
    /// imdb gives them the prior C) until the next full fit.
    public func adding(itemTexts: [String]) -> HybridModel {
        HybridModel(alpha: alpha, collaborative: collaborative, content: content.adding(itemTexts: itemTexts),
                    fallback: fallback, interactions: interactions)
    }

    public func scores(forUser user: Int) -> [Double] {
        let (items, _) = interactions.history(ofUser: user)
        if items.isEmpty { return padded(fallback.scores(forUser: user), with: fallback.globalMean) }
        return blend(collaborative.scores(forUser: user), content.scores(forUser: user))
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        if aggregate(history, itemCount: itemCount).items.isEmpty {
            return padded(fallback.scores(forHistory: []), with: fallback.globalMean)
        }
        return blend(collaborative.scores(forHistory: history), content.scores(forHistory: history))
    }

    /// The serving path: both parts in Float (svd by one SGEMV of stored user factors, content by
    /// a pass over the sparse TF-IDF rows), normalised and blended in one pass, then top-k.
    /// Falls back to the float64 `scores(forUser:)` for users outside training or items added by text.
    public func recommend(user: Int, k: Int, excluding excluded: Set<Int>) -> [ScoredItem] {
        guard user >= 0, user < interactions.rows, interactions.rowStarts[user + 1] > interactions.rowStarts[user],
              let svd = collaborative.floatScores(forUser: user), svd.count == itemCount,
              let text = content.floatScores(forUser: user) else {
            return TopK.select(k, from: scores(forUser: user), excluding: excluded)
        }
        let (svdLow, svdScale) = Self.minAndInverseRange(svd)
        let (textLow, textScale) = Self.minAndInverseRange(text)
        let a = Float(alpha), b = Float(contentWeight)
        let blended = [Float](unsafeUninitializedCapacity: itemCount) { out, initialized in
            for i in 0..<itemCount { out[i] = a * ((svd[i] - svdLow) * svdScale) + b * ((text[i] - textLow) * textScale) }
            initialized = itemCount
        }
        return TopK.select(k, from: blended, excluding: excluded)
    }

    /// min and 1/(max − min) (0 when max = min, which maps every score to 0 as the float64 path does).
    static func minAndInverseRange(_ s: [Float]) -> (Float, Float) {
        var low = Float.infinity, high = -Float.infinity
        for x in s {
            low = Swift.min(low, x)
            high = Swift.max(high, x)
        }
        return high > low ? (low, 1 / (high - low)) : (0, 0)
    }

    /// The score of every item and the two normalised parts it blends, for explaining a
    /// recommendation: `score = alpha * svd + (1 - alpha) * content`, each part in [0, 1].
    /// An empty history has no parts: the caller falls back to popularity.
    public func parts(forHistory history: [ItemWeight]) -> (svd: [Double], content: [Double], score: [Double]) {
        let svd = Self.minMaxNormalised(padded(collaborative.scores(forHistory: history), with: 0))
        let content = Self.minMaxNormalised(content.scores(forHistory: history))
        return (svd, content, (0..<itemCount).map { alpha * svd[$0] + contentWeight * content[$0] })
    }

    /// Nearest shoes by content (the part of the model that knows every shoe).
    public func similar(item: Int, k: Int) -> [ScoredItem] { content.similar(item: item, k: k) }

    func blend(_ svd: [Double], _ tfidf: [Double]) -> [Double] {
        let a = Self.minMaxNormalised(padded(svd, with: 0))
        let b = Self.minMaxNormalised(tfidf)
        return (0..<itemCount).map { alpha * a[$0] + contentWeight * b[$0] }
    }

    func padded(_ scores: [Double], with value: Double) -> [Double] {
        scores.count >= itemCount ? scores : scores + [Double](repeating: value, count: itemCount - scores.count)
    }

    /// (s − min) / (max − min), all zero when max = min.
    public static func minMaxNormalised(_ s: [Double]) -> [Double] {
        guard let low = s.min(), let high = s.max(), high > low else { return [Double](repeating: 0, count: s.count) }
        let range = high - low
        return s.map { ($0 - low) / range }
    }
}
