/// A trained model: immutable, so one instance can serve every request thread at once.
///
/// Two uses, two kinds of call. Offline evaluation ranks `scores(forUser:)` and `scores(forHistory:)`:
/// every item, float64, in the computation order of shared/eval/PROTOCOL.md, so the reference figures
/// are reproduced exactly. Serving calls `recommend(history:k:filter:)` and nothing else: the same
/// call answers a training user, a user who acted since training (fold-in) and a user never seen, so a
/// request, a benchmark and a test all time and check the one path that is served (as in
/// benfred/implicit, whose one `recommend` serves every user). A caller never needs to know which
/// model it holds.
public protocol RecommendationModel: Sendable {
    /// The model's name as the evaluation spells it (`svd`, `hybrid`, ...).
    var name: String { get }
    /// Number of items scored (the training set's itemCount, plus items added later by text).
    var itemCount: Int { get }
    /// False for a model that ranks every user alike (popularity, imdb): a list from it is "popular",
    /// not "for you", and says so in its explanation.
    var isPersonalised: Bool { get }
    /// A score for every item of the training set, in item-index order, for a training user.
    func scores(forUser user: Int) -> [Double]
    /// Fold-in: a score for every item for a user known only by their history, without a refit.
    ///
    /// Duplicates of one item add up, as in training. For a training user with the same history it
    /// equals `scores(forUser:)` up to rounding. An empty history gives the model's answer for a user
    /// with no interactions (popularity for `hybrid`).
    func scores(forHistory history: [ItemWeight]) -> [Double]
    /// The serving call: the k best items for a history among those `filter` allows (at most its
    /// cap of one group), best first, never one item twice, ties to the smaller index, each with the
    /// parts its score is made of. The filter is applied before the k are cut, so the list is full
    /// whenever k allowed items exist; scores are those of the unfiltered ranking.
    func recommend(history: [ItemWeight], k: Int, filter: ItemFilter) -> [ScoredItem]
    /// The serving call for a block of users at once (a batch export): the same lists as one
    /// `recommend(history:k:filter:)` per history, scored with one GEMM where the model allows.
    func recommend(histories: [[ItemWeight]], k: Int, filters: [ItemFilter]) -> [[ScoredItem]]
}

extension RecommendationModel {
    public var isPersonalised: Bool { true }

    /// Default serving: rank the fold-in scores. A model overrides it only to give explanation parts
    /// or to score faster, never to rank differently.
    public func recommend(history: [ItemWeight], k: Int, filter: ItemFilter) -> [ScoredItem] {
        TopK.select(k, from: scores(forHistory: history), filter: filter)
    }

    /// Default batch: one serving call per history.
    public func recommend(histories: [[ItemWeight]], k: Int, filters: [ItemFilter]) -> [[ScoredItem]] {
        zip(histories, filters).map { recommend(history: $0, k: k, filter: $1) }
    }

    /// The serving call with every item allowed but `excluded`.
    public func recommend(history: [ItemWeight], k: Int, excluding excluded: Set<Int>) -> [ScoredItem] {
        recommend(history: history, k: k, filter: ItemFilter(itemCount: itemCount, excluding: excluded))
    }
}

/// A model that can say which items are alike (`tfidf`/`content`, `svd`, `hybrid`): "shoes like this
/// one", replacements for a worn shoe, and "because you bought" all need it, whichever model serves.
public protocol SimilarItemsModel: RecommendationModel {
    /// The k items most similar to `item` among those `filter` allows, best first, never `item`
    /// itself; ties to the smaller index.
    func similar(item: Int, k: Int, filter: ItemFilter) -> [ScoredItem]
    /// The similarity of two items, the score `similar` ranks by (0 for an index out of range).
    func similarity(_ a: Int, _ b: Int) -> Double
}

extension SimilarItemsModel {
    /// The k items most similar to `item`, any item allowed.
    public func similar(item: Int, k: Int) -> [ScoredItem] {
        similar(item: item, k: k, filter: ItemFilter(allowed: ItemMask(all: itemCount)))
    }
}

/// A model that can take new items known only by their text, without a refit: a shoe added to the
/// catalogue is recommendable at once (through content) until the next training.
public protocol ItemAddingModel: RecommendationModel {
    /// The same model with `items.texts` appended as items itemCount..<itemCount+texts.count. A part
    /// that several models of one version share (the hybrid's content is also `content`) grows once,
    /// through `items`, and stays shared.
    func adding(_ items: inout AddedItems) -> Self
}

extension ItemAddingModel {
    /// The same model with items appended by text (nothing shared with other models).
    public func adding(itemTexts: [String]) -> Self {
        var items = AddedItems(texts: itemTexts)
        return adding(&items)
    }
}

/// New items by text, and the parts already grown for them, so that growing every model of a
/// version grows each shared part once.
public struct AddedItems: Sendable {
    public let texts: [String]
    /// Grown TF-IDF models by the fit they grew from (`TFIDFModel.fitID`).
    var grownContent: [UInt64: TFIDFModel] = [:]

    public init(texts: [String]) {
        self.texts = texts
    }

    /// `content` with the texts appended, re-fitted once however many models share it.
    mutating func grown(_ content: TFIDFModel) -> TFIDFModel {
        if let done = grownContent[content.fitID] { return done }
        let grown = content.appending(itemTexts: texts)
        grownContent[content.fitID] = grown
        return grown
    }
}

/// One recommended item, its score and, for a blended model, the parts of that score.
public struct ScoredItem: Sendable, Hashable {
    public var item: Int
    public var score: Double
    /// What the score blends (hybrid: both parts); `.none` for a model that is one part.
    public var parts: ScoreParts

    public init(item: Int, score: Double, parts: ScoreParts = .none) {
        self.item = item
        self.score = score
        self.parts = parts
    }
}

/// The parts a blended score is made of, each min-max normalised to [0, 1], so a client can say why
/// an item is there ("people like you bought it" against "it looks like what you bought").
public struct ScoreParts: Sendable, Hashable {
    /// The collaborative part (what people who bought alike also bought).
    public var collaborative: Double?
    /// The content part (how much the item's text resembles the history's).
    public var content: Double?

    public static let none = ScoreParts()

    public init(collaborative: Double? = nil, content: Double? = nil) {
        self.collaborative = collaborative
        self.content = content
    }
}

/// One (item, weight) of a user's history, as fold-in takes it (view 1, wishlist 3, purchase 5).
///
/// The time and purchase flag are optional: only the time-aware models read them (`ease-decay`
/// decays by age, the recency re-ranking looks for the latest purchase); without them those models
/// treat the history as all equally recent and without purchases.
public struct ItemWeight: Sendable, Hashable {
    public var item: Int
    public var weight: Double
    /// Seconds since 1970 of the latest event with the item; nil when unknown.
    public var seconds: Int64?
    /// True if the user bought the item.
    public var purchased: Bool

    public init(item: Int, weight: Double, seconds: Int64? = nil, purchased: Bool = false) {
        self.item = item
        self.weight = weight
        self.seconds = seconds
        self.purchased = purchased
    }
}
