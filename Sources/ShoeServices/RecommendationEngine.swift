import Foundation
import Recommender
import ShoeData
import Synchronization

/// Answers recommendations, similar shoes and popular shoes from memory: the published model
/// version, the catalogue and the live user histories. No database round trip on this path,
/// so it keeps answering while PostgreSQL is away.
///
/// Every model is served the same way, through `RecommendationModel.recommend(history:k:filter:)`
/// (the call Benchmarks/models times); which model answers a cold start, the popular list, similar shoes or a
/// replacement is `serving`'s choice, never a name written here.
public final class RecommendationEngine: Sendable {
    public let catalog: ShoeCatalog
    public let histories: UserHistories
    /// Which model answers each kind of request; fixed for the engine's life.
    public let serving: ServingConfiguration
    private let current: Mutex<State>

    private struct State {
        var version: ModelVersion?
        /// Shoes `add` stored that no training has read yet, kept by `publish(_:catalog:)`.
        var addedShoes: [Shoe] = []
    }

    public init(catalog: ShoeCatalog = ShoeCatalog(), histories: UserHistories = UserHistories(),
                serving: ServingConfiguration = ServingConfiguration()) {
        self.catalog = catalog
        self.histories = histories
        self.serving = serving
        current = Mutex(State())
    }

    /// The version requests use now; nil until the first training finished.
    public var version: ModelVersion? { current.withLock { $0.version } }

    /// Makes a training's version the one every new request uses (requests in flight finish on the
    /// old one), with the catalogue that training read, keeping the shoes
    /// added since that read: the training never saw them, and without this they would vanish
    /// from the catalogue and the models until the next training.
    public func publish(_ version: ModelVersion, catalog shoes: [Shoe]) {
        current.withLock { state in
            let trained = Set(shoes.map(\.id))
            state.addedShoes.removeAll { trained.contains($0.id) }
            var version = version.indexing(shoes)
            for shoe in state.addedShoes where version.itemIndex[shoe.id] == nil {
                version = version.adding(shoe)
            }
            catalog.replace(with: shoes + state.addedShoes)
            state.version = version
        }
    }

    /// Adds a new shoe to the catalogue and makes it reachable through content at once.
    public func add(_ shoe: Shoe) {
        current.withLock { state in
            catalog.add(shoe)
            // A replica hears of a shoe from the catalogue too: one that is already kept stays once.
            if !state.addedShoes.contains(where: { $0.id == shoe.id }) { state.addedShoes.append(shoe) }
            guard let model = state.version, model.itemIndex[shoe.id] == nil else { return }
            state.version = model.adding(shoe)
        }
    }

    /// The top `k` shoes for a user from `modelName` (default: `serving.defaultModel`) among those
    /// `filter` allows, purchased shoes excluded, each with why; a user without known history gets
    /// `serving.coldStartModel`, filtered alike. `pinned` serves from another version than the
    /// current one (an experiment's arm).
    public func recommend(
        userID: Int, k: Int, modelName: String? = nil, filter: RecommendationFilter = .none,
        version pinned: ModelVersion? = nil
    ) throws(RecommendationError) -> Recommendation {
        let version = if let pinned { pinned } else { try ready() }
        guard (1...100).contains(k) else { throw .invalidK(k) }
        try filter.validate()
        let name = modelName ?? serving.defaultModel
        let model = try version.model(named: name)
        let history = histories.history(of: userID)
        let weights = Self.weights(history, version).sorted { $0.item < $1.item }
        let allowed = itemFilter(filter, version, history: history)

        if weights.isEmpty {
            let popular = try version.model(named: serving.coldStartModel).recommend(history: [], k: k, filter: allowed)
            return Recommendation(
                userID: userID, model: serving.coldStartModel, modelVersion: version.id, coldStart: true,
                items: popular.compactMap { item($0, version, explanation: Explanation(reason: .popular)) })
        }
        let purchased = history.purchased.compactMap { version.itemIndex[$0] }.sorted()
        let reason: Explanation.Reason = model.isPersonalised ? .personalised : .popular
        let top = model.recommend(history: weights, k: k, filter: allowed)
        return Recommendation(
            userID: userID, model: name, modelVersion: version.id, coldStart: false,
            items: top.compactMap { scored in
                // "Because you bought" says which bought shoe a content part comes from.
                let resemblance = scored.parts.content == nil ? nil : becauseYouBought(scored.item, purchased: purchased, version)
                let explanation = Explanation(
                    reason: reason, svd: scored.parts.collaborative, content: scored.parts.content, becauseYouBought: resemblance)
                return item(scored, version, explanation: explanation)
            })
    }

    /// The shoes nearest to `shoeID` by `serving.similarModel` among those `filter` allows (it has
    /// no user, so `excludedInteractions` is not its to apply).
    public func similar(shoeID: Int, k: Int, filter: RecommendationFilter = .none) throws(RecommendationError) -> [RecommendedShoe] {
        let version = try ready()
        guard (1...100).contains(k) else { throw .invalidK(k) }
        try filter.validate()
        guard let index = version.itemIndex[shoeID] else { throw .unknownShoe(shoeID) }
        return try similarity(version).similar(item: index, k: k, filter: itemFilter(filter, version, history: nil)).compactMap {
            item($0, version, explanation: Explanation(reason: .similarContent))
        }
    }

    /// The most popular shoes by `serving.popularModel` (IMDB weighted rating) among those `filter`
    /// allows (`type=` is how the popular list of one type was always asked for).
    public func popular(k: Int, filter: RecommendationFilter = .none) throws(RecommendationError) -> [RecommendedShoe] {
        let version = try ready()
        guard (1...100).contains(k) else { throw .invalidK(k) }
        try filter.validate()
        let model = try version.model(named: serving.popularModel)
        return model.recommend(history: [], k: k, filter: itemFilter(filter, version, history: nil)).compactMap {
            item($0, version, explanation: Explanation(reason: .popular))
        }
    }

    /// The most popular shoes of one type (any type when nil).
    public func popular(k: Int, type: String?) throws(RecommendationError) -> [RecommendedShoe] {
        try popular(k: k, filter: RecommendationFilter(types: type.map { [$0] } ?? []))
    }

    /// Replacements for a worn shoe among those `filter` allows: nearest by `serving.similarModel`,
    /// never a shoe the user owns, ties broken by the user's score from `serving.defaultModel`
    /// (`coldStartModel` for a user without history), at most `filter.maxPerBrand` of a brand.
    /// Answers shoe ids, best first.
    public func replacements(userID: Int, wornShoeID: Int, k: Int, owned: Set<Int>, filter: RecommendationFilter = .none) -> [Int] {
        guard let version, let worn = version.itemIndex[wornShoeID], let content = try? similarity(version) else { return [] }
        let history = histories.history(of: userID)
        let weights = Self.weights(history, version)
        let tieBreaker = try? version.model(named: weights.isEmpty ? serving.coldStartModel : serving.defaultModel)
        let tieBreak = tieBreaker?.scores(forHistory: weights) ?? []
        var allowed = itemFilter(filter, version, history: history)
        for item in owned.compactMap({ version.itemIndex[$0] }) + [worn] { allowed.allowed.remove(item) }
        let similarity = (0..<version.shoeIDs.count).map { content.similarity(worn, $0) }
        let ranked = allowed.allowed.members.sorted { a, b in
            if similarity[a] != similarity[b] { return similarity[a] > similarity[b] }
            let (ta, tb) = (a < tieBreak.count ? tieBreak[a] : 0, b < tieBreak.count ? tieBreak[b] : 0)
            return ta != tb ? ta > tb : a < b
        }
        var perBrand: [Int32: Int] = [:]
        var chosen: [Int] = []
        for item in ranked where chosen.count < max(0, k) {
            if let cap = allowed.groupCap, item < cap.labels.count, cap.labels[item] >= 0 {
                guard perBrand[cap.labels[item], default: 0] < cap.cap else { continue }
                perBrand[cap.labels[item], default: 0] += 1
            }
            chosen.append(version.shoeIDs[item])
        }
        return chosen
    }

    /// The items a request may list: the filter's attributes (pre-computed masks of the version),
    /// minus the shoes it excludes, minus the user's purchases and the events it names; with its
    /// brand cap. `history` nil: no user (similar, popular).
    public func itemFilter(_ filter: RecommendationFilter, _ version: ModelVersion, history: UserHistories.History?) -> ItemFilter {
        let count = version.shoeIDs.count
        var mask = filter.restrictsAttributes ? version.catalogue.mask(for: filter) : ItemMask(all: count)
        for shoe in filter.excludedShoes { if let item = version.itemIndex[shoe] { mask.remove(item) } }
        if let history {
            for kind in filter.excludedInteractions.union([.purchase]) {
                for shoe in history.shoes(kind) { if let item = version.itemIndex[shoe] { mask.remove(item) } }
            }
        }
        return ItemFilter(
            allowed: mask,
            groupCap: filter.maxPerBrand.map {
                ItemFilter.GroupCap(labels: version.catalogue.brandLabels, cap: $0, groupCount: version.catalogue.brandCount)
            })
    }

    /// A user's history as model indices (shoes the version does not know are left out).
    static func weights(_ history: UserHistories.History, _ version: ModelVersion) -> [ItemWeight] {
        history.weights.compactMap { shoe, weight in
            version.itemIndex[shoe].map {
                ItemWeight(item: $0, weight: weight, seconds: history.lastSeen[shoe], purchased: history.purchased.contains(shoe))
            }
        }
    }

    /// The model that says which shoes are alike; a configuration naming one that cannot is refused.
    private func similarity(_ version: ModelVersion) throws(RecommendationError) -> any SimilarItemsModel {
        guard let model = try version.model(named: serving.similarModel) as? any SimilarItemsModel else {
            throw .unknownModel(serving.similarModel, known: version.modelNames.filter { version.models[$0] is any SimilarItemsModel })
        }
        return model
    }

    private func ready() throws(RecommendationError) -> ModelVersion {
        guard let version else { throw .noModel }
        return version
    }

    private func becauseYouBought(_ item: Int, purchased: [Int], _ version: ModelVersion) -> Explanation.Resemblance? {
        guard let content = try? similarity(version) else { return nil }
        var best: (item: Int, similarity: Double)?
        for bought in purchased {
            let similarity = content.similarity(item, bought)
            if similarity > (best?.similarity ?? 0) { best = (bought, similarity) }
        }
        guard let best, let shoe = catalog.shoe(version.shoeIDs[best.item]) else { return nil }
        return Explanation.Resemblance(shoeID: shoe.id, brand: shoe.brand, model: shoe.model, similarity: best.similarity)
    }

    private func item(_ scored: ScoredItem, _ version: ModelVersion, explanation: Explanation) -> RecommendedShoe? {
        guard scored.item < version.shoeIDs.count, let shoe = catalog.shoe(version.shoeIDs[scored.item]) else { return nil }
        return RecommendedShoe(
            shoeID: shoe.id, brand: shoe.brand, model: shoe.model, type: shoe.type, price: shoe.price,
            score: scored.score.isFinite ? scored.score : 0, explanation: explanation)
    }
}
