import Foundation

/// A validation split cut from a training set alone, so tuning never sees what is tested: the model
/// is fitted on `fitting` and ranked against `targets`.
public struct ValidationSplit: Sendable {
    /// How the validation part is chosen.
    public enum Rule: Sendable, Hashable {
        /// Each user with at least two distinct items gives up the item of their latest cell (ties:
        /// the larger item), every cell of it: protocol 1's rule, applied inside training.
        case lastItem
        /// Cells at or after this percentile of the training times are validation; a user's
        /// targets are their items after the cut, if they have cells before it: protocol 2's rule.
        case timeCut(percentile: Int)
    }

    /// Which items a validation user's list may not contain.
    public enum Exclusion: Sendable, Hashable {
        /// Every item of the user's fitting cells (protocol 1).
        case fittingItems
        /// Only the items the user purchased in the fitting cells (protocol 2, the live service).
        case purchasedItems
    }

    public let fitting: TrainingSet
    /// Validation users, ascending.
    public let users: [Int]
    /// Each validation user's target items, sorted, parallel to `users`.
    public let targets: [[Int]]
    /// Each validation user's excluded items, parallel to `users`.
    public let excluded: [Set<Int>]

    /// Splits `set` by `rule`; needs the set's timeline.
    public init(_ set: TrainingSet, rule: Rule, exclusion: Exclusion) throws(RecommenderError) {
        guard let timeline = set.timeline, timeline.seconds.count == set.cells.count else {
            throw .invalidParameter("a validation split needs the time of every cell (TrainingSet.timeline)")
        }
        var byUser = [[Int]](repeating: [], count: set.userCount)
        for index in set.cells.indices { byUser[Int(set.cells[index].user)].append(index) }
        var keep = [Bool](repeating: true, count: set.cells.count)
        var targetsByUser = [[Int]](repeating: [], count: set.userCount)
        switch rule {
        case .lastItem:
            for (user, cells) in byUser.enumerated() where Set(cells.map { set.cells[$0].item }).count >= 2 {
                let last = cells.max { a, b in
                    (timeline.seconds[a], set.cells[a].item) < (timeline.seconds[b], set.cells[b].item)
                }!
                let item = set.cells[last].item
                for cell in cells where set.cells[cell].item == item { keep[cell] = false }
                targetsByUser[user] = [Int(item)]
            }
        case .timeCut(let percentile):
            let sorted = timeline.seconds.sorted()
            guard !sorted.isEmpty else { throw .emptyTrainingSet }
            let cut = sorted[min(sorted.count - 1, max(0, percentile) * (sorted.count - 1) / 100)]
            for (user, cells) in byUser.enumerated() {
                let after = cells.filter { timeline.seconds[$0] >= cut }
                for cell in after { keep[cell] = false }
                if after.count < cells.count { targetsByUser[user] = Array(Set(after.map { Int(set.cells[$0].item) })).sorted() }
            }
        }
        let kept = set.cells.indices.filter { keep[$0] }
        fitting = TrainingSet(
            userCount: set.userCount, itemCount: set.itemCount, cells: kept.map { set.cells[$0] }, itemTexts: set.itemTexts,
            timeline: .init(seconds: kept.map { timeline.seconds[$0] }, purchases: kept.map { timeline.purchases[$0] }),
            itemGroups: set.itemGroups)
        var users: [Int] = [], targets: [[Int]] = [], excluded: [Set<Int>] = []
        for user in 0..<set.userCount where !targetsByUser[user].isEmpty {
            let own = byUser[user].filter { keep[$0] && (exclusion == .fittingItems || timeline.purchases[$0]) }
            users.append(user)
            targets.append(targetsByUser[user])
            excluded.append(Set(own.map { Int(set.cells[$0].item) }))
        }
        self.users = users
        self.targets = targets
        self.excluded = excluded
    }

    /// NDCG@k (binary relevance over the targets, normalised by the ideal list) and HR@k (any target
    /// listed) of a model fitted on `fitting`, each a mean over validation users.
    public func measure(_ model: any RecommendationModel, k: Int) -> (ndcg: Double, hitRate: Double) {
        let (ndcg, hitRate, _) = measurePerUser(model, k: k)
        return (ndcg, hitRate)
    }

    /// The same, with each validation user's NDCG (for a paired comparison of two models).
    func measurePerUser(_ model: any RecommendationModel, k: Int) -> (ndcg: Double, hitRate: Double, perUser: [Double]) {
        guard !users.isEmpty else { return (0, 0, []) }
        var gain = 0.0, hits = 0
        var perUser: [Double] = []
        perUser.reserveCapacity(users.count)
        for (index, user) in users.enumerated() {
            let list = TopK.select(k, from: model.scores(forUser: user), excluding: excluded[index]).map(\.item)
            let relevant = Set(targets[index])
            var dcg = 0.0
            for (position, item) in list.enumerated() where relevant.contains(item) { dcg += 1 / log2(Double(position + 2)) }
            var ideal = 0.0
            for position in 0..<min(k, relevant.count) { ideal += 1 / log2(Double(position + 2)) }
            gain += dcg / ideal
            perUser.append(dcg / ideal)
            if dcg > 0 { hits += 1 }
        }
        return (gain / Double(users.count), Double(hits) / Double(users.count), perUser)
    }
}
