/// A trained model: immutable, so one instance can serve every request thread at once.
///
/// `scores(forUser:)` is what offline evaluation ranks (every item, higher is better, float64 in the
/// computation order of shared/eval/PROTOCOL.md); `recommend` is what the service calls, and never
/// returns an excluded item or the same item twice. Some models answer `recommend` from a faster
/// Float path (see each model), so for exact evaluation rank `scores(forUser:)` with `TopK`.
public protocol RecommendationModel: Sendable {
    /// The model's name as the evaluation and the service spell it (`svd`, `hybrid`, ...).
    var name: String { get }
    /// Number of items scored (the training set's itemCount, plus items added later by text).
    var itemCount: Int { get }
    /// A score for every item of the training set, in item-index order.
    func scores(forUser user: Int) -> [Double]
    /// Fold-in: a score for every item for a user known only by their history, without a refit.
    ///
    /// This is how the service serves users who arrived (or acted) after training. Duplicates of one
    /// item add up, as in training. For a training user with the same history it equals
    /// `scores(forUser:)` up to rounding. An empty history gives the model's answer for a user
    /// with no interactions (popularity for `hybrid`).
    func scores(forHistory history: [ItemWeight]) -> [Double]
    /// The k best items for a user, best first; ties go to the smaller item index.
    func recommend(user: Int, k: Int, excluding excluded: Set<Int>) -> [ScoredItem]
}

extension RecommendationModel {
    /// Default: rank `scores(forUser:)`. A user index outside the training set has no history.
    public func recommend(user: Int, k: Int, excluding excluded: Set<Int>) -> [ScoredItem] {
        TopK.select(k, from: scores(forUser: user), excluding: excluded)
    }

    /// The k best items for a history (fold-in), best first, never an excluded item.
    public func recommend(history: [ItemWeight], k: Int, excluding excluded: Set<Int>) -> [ScoredItem] {
        TopK.select(k, from: scores(forHistory: history), excluding: excluded)
    }
}

/// A model that can say which items are alike (`tfidf`/`content`, `svd`, `hybrid`).
public protocol SimilarItemsModel: RecommendationModel {
    /// The k items most similar to `item`, best first, never `item` itself; ties to the smaller index.
    func similar(item: Int, k: Int) -> [ScoredItem]
}

/// One recommended item and its score.
public struct ScoredItem: Sendable, Hashable {
    public var item: Int
    public var score: Double

    public init(item: Int, score: Double) {
        self.item = item
        self.score = score
    }
}

/// One (item, weight) of a user's history, as fold-in takes it (view 1, wishlist 3, purchase 5).
public struct ItemWeight: Sendable, Hashable {
    public var item: Int
    public var weight: Double

    public init(item: Int, weight: Double) {
        self.item = item
        self.weight = weight
    }
}
