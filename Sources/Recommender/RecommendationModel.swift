/// A trained model: immutable, so one instance can serve every request thread at once.
///
/// `scores(forUser:)` is what offline evaluation ranks (every item, higher is better); `recommend`
/// is what the service calls, and never returns an excluded item or the same item twice.
public protocol RecommendationModel: Sendable {
    /// The model's name as the evaluation and the service spell it (`svd`, `hybrid`, ...).
    var name: String { get }
    /// A score for every item of the training set, in item-index order.
    func scores(forUser user: Int) -> [Double]
    /// The k best items for a user, best first; ties go to the smaller item index.
    func recommend(user: Int, k: Int, excluding excluded: Set<Int>) -> [ScoredItem]
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
