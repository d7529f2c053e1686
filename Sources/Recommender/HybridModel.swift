import LinearAlgebra

/// `hybrid`: per user, alpha · minmax(svd scores) + (1 − alpha) · minmax(tfidf scores), each
/// min-max normalised to [0, 1] over all items (training items included); imdb for a user with
/// no history.
///
/// Why: svd knows what people buy together, tfidf knows what shoes look alike and still ranks a shoe
/// nobody has touched; normalising first keeps either scale from drowning the other. It is built from
/// fitted parts (`init(alpha:collaborative:content:fallback:)`), so a training that also serves svd,
/// content and imdb on their own fits each of them once.
public struct HybridModel: SimilarItemsModel, ItemAddingModel {
    public let name = "hybrid"
    public let alpha: Double
    /// 1 − alpha, rounded to 12 decimals so that 1 − 0.7 is the literal 0.3 of the reference.
    let contentWeight: Double
    public let collaborative: PureSVDModel
    public let content: TFIDFModel
    public let fallback: IMDBModel
    public var itemCount: Int { content.itemCount }

    /// Fits the three parts, then blends them: what the evaluation's `hybrid` is.
    public init(fitting set: TrainingSet, alpha: Double = 0.7, svdFactors: Int = 32) throws(RecommenderError) {
        try self.init(alpha: alpha,
                      collaborative: try PureSVDModel(fitting: set, factors: svdFactors),
                      content: try TFIDFModel(fitting: set),
                      fallback: try IMDBModel(fitting: set))
    }

    /// The blend of parts already fitted on one training set (no fit here: parts are shared, not refitted).
    public init(alpha: Double, collaborative: PureSVDModel, content: TFIDFModel, fallback: IMDBModel) throws(RecommenderError) {
        guard alpha >= 0 && alpha <= 1 else { throw .invalidParameter("hybrid alpha must be in [0, 1], got \(alpha)") }
        guard collaborative.itemCount <= content.itemCount, fallback.itemCount <= content.itemCount else {
            throw .invalidParameter("hybrid parts disagree on items: svd \(collaborative.itemCount), content \(content.itemCount), imdb \(fallback.itemCount)")
        }
        self.alpha = alpha
        contentWeight = ((1 - alpha) * 1e12).rounded() / 1e12
        self.collaborative = collaborative
        self.content = content
        self.fallback = fallback
    }

    /// The model with new shoes appended by text: they rank through content (svd scores them 0,
    /// imdb gives them the prior C) until the next full fit.
    public func adding(_ items: inout AddedItems) -> HybridModel {
        // The parts were valid together and content only grew, so the init cannot throw here.
        (try? HybridModel(alpha: alpha, collaborative: collaborative, content: items.grown(content), fallback: fallback)) ?? self
    }

    public func scores(forUser user: Int) -> [Double] {
        let (items, _) = collaborative.interactions.history(ofUser: user)
        if items.isEmpty { return padded(fallback.scores(forUser: user), with: fallback.globalMean) }
        return blend(collaborative.scores(forUser: user), content.scores(forUser: user))
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        if aggregate(history, itemCount: itemCount).items.isEmpty {
            return padded(fallback.scores(forHistory: []), with: fallback.globalMean)
        }
        return blend(collaborative.scores(forHistory: history), content.scores(forHistory: history))
    }

    /// Serving: both parts in Float (svd by one SGEMV of the folded-in history, content by a pass over
    /// the sparse TF-IDF rows), normalised and blended in one pass, then top-k, each item with its two
    /// normalised parts. An empty history gets imdb, without parts.
    public func recommend(history: [ItemWeight], k: Int, filter: ItemFilter) -> [ScoredItem] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        if items.isEmpty { return TopK.select(k, from: scores(forHistory: []), filter: filter) }
        var svd = collaborative.servingScores(items: items, weights: weights)
        if svd.count < itemCount { svd += [Float](repeating: 0, count: itemCount - svd.count) }
        let text = content.servingScores(items: items, weights: weights)
        return svd.withUnsafeBufferPointer { blendAndSelect(svd: $0, text: text, k: k, filter: filter) }
    }

    /// Batch serving (exports): the same lists as one `recommend(history:k:filter:)` per history,
    /// up to float rounding; blocks of users with a history and no group cap are scored item-major
    /// (`itemMajorBlock`), the others one by one.
    public func recommend(histories: [[ItemWeight]], k: Int, filters: [ItemFilter]) -> [[ScoredItem]] {
        let aggregated = histories.map { aggregate($0, itemCount: itemCount) }
        let batched = aggregated.indices.filter { !aggregated[$0].items.isEmpty && filters[$0].groupCap == nil }
        var lists = [[ScoredItem]](repeating: [], count: histories.count)
        for start in stride(from: 0, to: batched.count, by: Self.blockUsers) {
            let rows = Array(batched[start..<min(batched.count, start + Self.blockUsers)])
            for (row, list) in zip(rows, itemMajorBlock(rows.map { aggregated[$0] }, k: k, filters: rows.map { filters[$0] })) {
                lists[row] = list
            }
        }
        let single = Set(aggregated.indices).subtracting(batched)
        for row in single { lists[row] = recommend(history: histories[row], k: k, filter: filters[row]) }
        return lists
    }

    /// Min-max normalises both parts (over every item, whatever the filter), blends them and keeps
    /// the best k the filter allows, each with its two parts. `svd` and `text` hold itemCount scores.
    func blendAndSelect(svd: UnsafeBufferPointer<Float>, text: [Float], k: Int, filter: ItemFilter) -> [ScoredItem] {
        let (svdLow, svdScale) = Self.minAndInverseRange(svd)
        let (textLow, textScale) = text.withUnsafeBufferPointer { Self.minAndInverseRange($0) }
        // score = a·(s − sLow)·sScale + b·(t − tLow)·tScale, as one multiply-add per part over raw buffers.
        let svdWeight = Float(alpha) * svdScale, textWeight = Float(contentWeight) * textScale
        let offset = -(svdWeight * svdLow + textWeight * textLow)
        let n = itemCount
        let blended = [Float](unsafeUninitializedCapacity: n) { out, initialized in
            text.withUnsafeBufferPointer { t in
                for i in 0..<n { out[i] = svdWeight * svd[i] + (textWeight * t[i] + offset) }
            }
            initialized = n
        }
        return TopK.select(k, from: blended, filter: filter).map { top in
            let parts = ScoreParts(collaborative: Self.unit((svd[top.item] - svdLow) * svdScale),
                                   content: Self.unit((text[top.item] - textLow) * textScale))
            return ScoredItem(item: top.item, score: top.score, parts: parts)
        }
    }

    /// A Float part as a Double in [0, 1] (Float rounding can step an ulp past either end).
    static func unit(_ x: Float) -> Double { Swift.min(1, Swift.max(0, Double(x))) }

    /// min and 1/(max − min) (0 when max = min, which maps every score to 0 as the float64 path does).
    /// Eight lanes at a time: a scalar min/max is one long chain of dependent compares (the compiler
    /// may not reorder it without fast-math), which cost the hybrid more than its SGEMV.
    static func minAndInverseRange(_ s: UnsafeBufferPointer<Float>) -> (Float, Float) {
        var lows = SIMD8<Float>(repeating: .infinity), highs = SIMD8<Float>(repeating: -.infinity)
        var low = Float.infinity, high = -Float.infinity
        do {
            let raw = UnsafeRawPointer(s.baseAddress!)
            let blocks = s.count / 8
            for block in 0..<blocks {
                let x = raw.loadUnaligned(fromByteOffset: block * 32, as: SIMD8<Float>.self)
                lows = lows.replacing(with: x, where: x .< lows)  // one blend; pointwiseMin is a call per vector
                highs = highs.replacing(with: x, where: x .> highs)
            }
            for x in s[(blocks * 8)...] {
                low = Swift.min(low, x)
                high = Swift.max(high, x)
            }
        }
        low = Swift.min(low, lows.min())
        high = Swift.max(high, highs.max())
        return high > low ? (low, 1 / (high - low)) : (0, 0)
    }

    /// Nearest shoes by content (the part of the model that knows every shoe).
    public func similar(item: Int, k: Int, filter: ItemFilter) -> [ScoredItem] { content.similar(item: item, k: k, filter: filter) }

    public func similarity(_ a: Int, _ b: Int) -> Double { content.similarity(a, b) }

    func blend(_ svd: [Double], _ tfidf: [Double]) -> [Double] {
        let a = Self.minMaxNormalised(padded(svd, with: 0))
        let b = Self.minMaxNormalised(tfidf)
        return (0..<itemCount).map { alpha * a[$0] + contentWeight * b[$0] }
    }

    func padded(_ scores: [Double], with value: Double) -> [Double] {
        scores.count >= itemCount ? scores : scores + [Double](repeating: value, count: itemCount - scores.count)
    }

    /// (s − min) / (max − min), all zero when max = min.
    static func minMaxNormalised(_ s: [Double]) -> [Double] {
        guard let low = s.min(), let high = s.max(), high > low else { return [Double](repeating: 0, count: s.count) }
        let range = high - low
        return s.map { ($0 - low) / range }
    }
}
