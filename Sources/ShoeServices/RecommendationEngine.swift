import Foundation
import Recommender
import ShoeData
import Synchronization

/// Answers recommendations, similar shoes and popular shoes from memory: the published model
/// snapshot, the catalogue and the live user histories. No database round trip on this path,
/// so it keeps answering while PostgreSQL is away.
public final class RecommendationEngine: Sendable {
    public let catalog: ShoeCatalog
    public let histories: UserHistories
    private let current: Mutex<State>

    private struct State {
        var snapshot: ModelSnapshot?
        /// Shoes `add` stored that no training has read yet, kept by `publish(_:catalog:)`.
        var addedShoes: [Shoe] = []
    }

    public init(catalog: ShoeCatalog = ShoeCatalog(), histories: UserHistories = UserHistories()) {
        self.catalog = catalog
        self.histories = histories
        current = Mutex(State())
    }

    /// The snapshot requests use now; nil until the first training finished.
    public var snapshot: ModelSnapshot? { current.withLock { $0.snapshot } }

    /// Makes `snapshot` the one every new request uses. Requests in flight finish on the old one.
    public func publish(_ snapshot: ModelSnapshot) {
        current.withLock { $0.snapshot = snapshot }
    }

    /// Publishes a training's snapshot with the catalogue that training read, keeping the shoes
    /// added since that read: the training never saw them, and without this they would vanish
    /// from the catalogue and the models until the next training.
    public func publish(_ snapshot: ModelSnapshot, catalog shoes: [Shoe]) {
        current.withLock { state in
            let trained = Set(shoes.map(\.id))
            state.addedShoes.removeAll { trained.contains($0.id) }
            var snapshot = snapshot
            for shoe in state.addedShoes where snapshot.itemIndex[shoe.id] == nil {
                snapshot = snapshot.adding(shoeID: shoe.id, text: shoe.text)
            }
            catalog.replace(with: shoes + state.addedShoes)
            state.snapshot = snapshot
        }
    }

    /// Adds a new shoe to the catalogue and makes it reachable through content at once.
    public func add(_ shoe: Shoe) {
        current.withLock { state in
            catalog.add(shoe)
            state.addedShoes.append(shoe)
            guard let model = state.snapshot, model.itemIndex[shoe.id] == nil else { return }
            state.snapshot = model.adding(shoeID: shoe.id, text: shoe.text)
        }
    }

    /// The top `k` shoes for a user from `modelName`, purchased shoes excluded, each with why.
    public func recommend(userID: Int, k: Int, modelName: String = "hybrid") throws(RecommendationError) -> Recommendation {
        let snapshot = try ready()
        guard (1...100).contains(k) else { throw .invalidK(k) }
        guard let model = snapshot.models[modelName] else { throw .unknownModel(modelName, known: snapshot.modelNames) }
        let history = histories.history(of: userID)
        let weights = history.weights.compactMap { shoe, weight in
            snapshot.itemIndex[shoe].map { ItemWeight(item: $0, weight: weight) }
        }.sorted { $0.item < $1.item }
        let excluded = Set(history.purchased.compactMap { snapshot.itemIndex[$0] })

        if weights.isEmpty {
            let popular = TopK.select(k, from: snapshot.hybrid.fallback.scores(forHistory: []))
            return Recommendation(
                userID: userID, model: "popularity", modelVersion: snapshot.version, coldStart: true,
                items: popular.compactMap { item($0, snapshot, explanation: Explanation(reason: .popular)) })
        }

        if modelName == "hybrid" {
            let parts = snapshot.hybrid.parts(forHistory: weights)
            let purchased = excluded.sorted()
            let top = TopK.select(k, from: parts.score, excluding: excluded)
            return Recommendation(
                userID: userID, model: modelName, modelVersion: snapshot.version, coldStart: false,
                items: top.compactMap { scored in
                    let explanation = Explanation(
                        reason: .personalised, svd: parts.svd[scored.item], content: parts.content[scored.item],
                        becauseYouBought: becauseYouBought(scored.item, purchased: purchased, snapshot))
                    return item(scored, snapshot, explanation: explanation)
                })
        }
        let top = TopK.select(k, from: model.scores(forHistory: weights), excluding: excluded)
        let reason: Explanation.Reason = modelName == "popularity" ? .popular : .personalised
        return Recommendation(
            userID: userID, model: modelName, modelVersion: snapshot.version, coldStart: false,
            items: top.compactMap { item($0, snapshot, explanation: Explanation(reason: reason)) })
    }

    /// The shoes nearest to `shoeID` in content.
    public func similar(shoeID: Int, k: Int) throws(RecommendationError) -> [RecommendedShoe] {
        let snapshot = try ready()
        guard (1...100).contains(k) else { throw .invalidK(k) }
        guard let index = snapshot.itemIndex[shoeID] else { throw .unknownShoe(shoeID) }
        return snapshot.hybrid.content.similar(item: index, k: k).compactMap {
            item($0, snapshot, explanation: Explanation(reason: .similarContent))
        }
    }

    /// The most popular shoes (IMDB weighted rating), optionally of one type.
    public func popular(k: Int, type: String? = nil) throws(RecommendationError) -> [RecommendedShoe] {
        let snapshot = try ready()
        guard (1...100).contains(k) else { throw .invalidK(k) }
        let ratings = snapshot.hybrid.fallback.scores(forHistory: [])
        var ranked = TopK.select(ratings.count, from: ratings)
        if let type {
            ranked = ranked.filter { catalog.shoe(snapshot.shoeIDs[$0.item])?.type.rawValue.caseInsensitiveCompare(type) == .orderedSame }
        }
        return ranked.prefix(k).compactMap { item($0, snapshot, explanation: Explanation(reason: .popular)) }
    }

    /// Replacements for a worn shoe: nearest in content, never a shoe the user owns, ties broken
    /// by the user's hybrid score. Answers shoe ids, best first.
    public func replacements(userID: Int, wornShoeID: Int, k: Int, owned: Set<Int>) -> [Int] {
        guard let snapshot, let worn = snapshot.itemIndex[wornShoeID] else { return [] }
        let content = snapshot.hybrid.content
        let weights = histories.history(of: userID).weights.compactMap { shoe, weight in
            snapshot.itemIndex[shoe].map { ItemWeight(item: $0, weight: weight) }
        }
        let tieBreak = weights.isEmpty ? snapshot.hybrid.fallback.scores(forHistory: []) : snapshot.hybrid.parts(forHistory: weights).score
        let ownedItems = Set(owned.compactMap { snapshot.itemIndex[$0] }).union([worn])
        let similarity = (0..<snapshot.shoeIDs.count).map { content.similarity(worn, $0) }
        let ranked = (0..<snapshot.shoeIDs.count).filter { !ownedItems.contains($0) }.sorted { a, b in
            if similarity[a] != similarity[b] { return similarity[a] > similarity[b] }
            let (ta, tb) = (a < tieBreak.count ? tieBreak[a] : 0, b < tieBreak.count ? tieBreak[b] : 0)
            return ta != tb ? ta > tb : a < b
        }
        return ranked.prefix(max(0, k)).map { snapshot.shoeIDs[$0] }
    }

    private func ready() throws(RecommendationError) -> ModelSnapshot {
        guard let snapshot else { throw .noModel }
        return snapshot
    }

    private func becauseYouBought(_ item: Int, purchased: [Int], _ snapshot: ModelSnapshot) -> Explanation.Resemblance? {
        var best: (item: Int, similarity: Double)?
        for bought in purchased {
            let similarity = snapshot.hybrid.content.similarity(item, bought)
            if similarity > (best?.similarity ?? 0) { best = (bought, similarity) }
        }
        guard let best, let shoe = catalog.shoe(snapshot.shoeIDs[best.item]) else { return nil }
        return Explanation.Resemblance(shoeID: shoe.id, brand: shoe.brand, model: shoe.model, similarity: best.similarity)
    }

    private func item(_ scored: ScoredItem, _ snapshot: ModelSnapshot, explanation: Explanation) -> RecommendedShoe? {
        guard scored.item < snapshot.shoeIDs.count, let shoe = catalog.shoe(snapshot.shoeIDs[scored.item]) else { return nil }
        return RecommendedShoe(
            shoeID: shoe.id, brand: shoe.brand, model: shoe.model, type: shoe.type, price: shoe.price,
            score: scored.score.isFinite ? scored.score : 0, explanation: explanation)
    }
}
