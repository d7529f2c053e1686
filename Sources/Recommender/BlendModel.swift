/// `blend`: alpha · minmax(any collaborative model) + (1 − alpha) · minmax(tfidf), imdb for a user
/// with no history — the hybrid's rule with its svd part replaced by whichever model tuning found
/// best on the shop (ease, rp3beta, itemknn, ials, ...).
///
/// Why: the hybrid's svd is rarely the shop's best collaborative model, while content stays the one
/// part that knows what a shoe looks like; the tuned blend keeps both and lets validation set alpha.
public struct BlendModel: RecommendationModel {
    public let name = "blend"
    public let alpha: Double
    public let collaborative: any RecommendationModel
    public let content: TFIDFModel
    public let fallback: IMDBModel
    public var itemCount: Int { content.itemCount }

    public init(alpha: Double, collaborative: any RecommendationModel, content: TFIDFModel, fallback: IMDBModel) throws(RecommenderError) {
        guard alpha >= 0 && alpha <= 1 else { throw .invalidParameter("blend alpha must be in [0, 1], got \(alpha)") }
        self.alpha = alpha
        self.collaborative = collaborative
        self.content = content
        self.fallback = fallback
    }

    public func scores(forUser user: Int) -> [Double] {
        let part = collaborative.scores(forUser: user), text = content.scores(forUser: user)
        // No history: both parts are flat zero, and the prior ranks instead.
        if !part.contains(where: { $0 != 0 }) && !text.contains(where: { $0 != 0 }) { return fallback.scores(forUser: user) }
        return blend(part, text)
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        if aggregate(history, itemCount: itemCount).items.isEmpty { return fallback.scores(forHistory: []) }
        return blend(collaborative.scores(forHistory: history), content.scores(forHistory: history))
    }

    func blend(_ part: [Double], _ text: [Double]) -> [Double] {
        let a = HybridModel.minMaxNormalised(part.count >= itemCount ? part : part + [Double](repeating: 0, count: itemCount - part.count))
        let b = HybridModel.minMaxNormalised(text)
        return (0..<itemCount).map { alpha * a[$0] + (1 - alpha) * b[$0] }
    }
}
