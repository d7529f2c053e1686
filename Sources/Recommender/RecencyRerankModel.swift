/// A recency-aware re-ranking of any model: shoes of a type the user bought shortly before their
/// latest event are pushed down their list.
///
/// Why: shoes are replaced, not bought twice in a week. Someone who just bought running shoes has
/// shown interest in running shoes — every collaborative model will rank more of them first — but
/// is the shopper least likely to buy another pair now. The penalty is a share of the list's score
/// range, so it means the same for every model's scale: 0 leaves the list alone, 1 puts every shoe
/// of a just-bought type below every other.
public struct RecencyRerankModel: RecommendationModel {
    public struct Parameters: Sendable, Hashable {
        /// Share of the score range (max − min over all items) taken off a just-bought type's shoes (0...1).
        public var penalty: Double
        /// A purchase within this many days of the user's latest event counts as just bought.
        public var windowDays: Double

        public init(penalty: Double = 0.5, windowDays: Double = 14) {
            self.penalty = penalty
            self.windowDays = windowDays
        }
    }

    public let parameters: Parameters
    public let base: any RecommendationModel
    /// Each item's group (type), -1 for none.
    public let itemGroups: [Int32]
    /// Training user u's just-bought groups are `recentGroups[recentStarts[u]..<recentStarts[u + 1]]`.
    public let recentStarts: [Int]
    public let recentGroups: [Int32]

    public var name: String { base.name + "+recency" }
    public var itemCount: Int { base.itemCount }
    public var isPersonalised: Bool { base.isPersonalised }

    /// Wraps `base` (fitted on `set`), reading each user's purchases from `set.timeline`.
    public init(base: any RecommendationModel, fitting set: TrainingSet, parameters: Parameters = .init()) throws(RecommenderError) {
        guard parameters.penalty >= 0, parameters.penalty <= 1, parameters.windowDays >= 0 else {
            throw .invalidParameter("recency parameters out of range: \(parameters)")
        }
        guard let groups = set.itemGroups, groups.count == set.itemCount else {
            throw .invalidParameter("the recency re-ranking needs every item's group (TrainingSet.itemGroups)")
        }
        guard let timeline = set.timeline, timeline.seconds.count == set.cells.count else {
            throw .invalidParameter("the recency re-ranking needs the time of every cell (TrainingSet.timeline)")
        }
        var byUser = [[ItemWeight]](repeating: [], count: set.userCount)
        for (index, cell) in set.cells.enumerated() {
            byUser[Int(cell.user)].append(ItemWeight(item: Int(cell.item), weight: cell.weight,
                                                     seconds: timeline.seconds[index], purchased: timeline.purchases[index]))
        }
        var starts = [0], recent: [Int32] = []
        for history in byUser {
            recent += Self.recentGroups(history, groups: groups, windowDays: parameters.windowDays)
            starts.append(recent.count)
        }
        self.parameters = parameters
        self.base = base
        itemGroups = groups
        recentStarts = starts
        recentGroups = recent
    }

    /// The groups of the purchases within `windowDays` of the history's latest event, sorted, unique.
    static func recentGroups(_ history: [ItemWeight], groups: [Int32], windowDays: Double) -> [Int32] {
        guard let latest = history.compactMap(\.seconds).max() else { return [] }
        let window = Int64(windowDays * 86_400)
        let found = history.compactMap { entry -> Int32? in
            guard entry.purchased, let s = entry.seconds, latest - s <= window,
                  entry.item >= 0, entry.item < groups.count, groups[entry.item] >= 0 else { return nil }
            return groups[entry.item]
        }
        return Array(Set(found)).sorted()
    }

    public func scores(forUser user: Int) -> [Double] {
        let recent = user >= 0 && user + 1 < recentStarts.count ? Array(recentGroups[recentStarts[user]..<recentStarts[user + 1]]) : []
        return reranked(base.scores(forUser: user), recent: recent)
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        reranked(base.scores(forHistory: history),
                 recent: Self.recentGroups(history, groups: itemGroups, windowDays: parameters.windowDays))
    }

    func reranked(_ scores: [Double], recent: [Int32]) -> [Double] {
        guard !recent.isEmpty, parameters.penalty > 0, let low = scores.min(), let high = scores.max(), high > low else { return scores }
        let cut = parameters.penalty * (high - low)
        let just = Set(recent)
        var out = scores
        for item in out.indices where item < itemGroups.count && just.contains(itemGroups[item]) { out[item] -= cut }
        return out
    }
}
