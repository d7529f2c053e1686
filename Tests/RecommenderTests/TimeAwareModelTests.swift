import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("ease-decay and the recency re-ranking")
    struct TimeAwareModelTests {
        @Test("ease-decay with an infinite half-life is binary EASE")
        func noDecayIsEASE() throws {
            let set = timedShop()
            let plain = try EASEModel(fitting: set, lambda: 20)
            let decayed = try TimeDecayedEASEModel(fitting: set, parameters: .init(lambda: 20, halfLifeDays: .infinity))
            for user in [0, 9, 21] {
                #expect(zip(plain.scores(forUser: user), decayed.scores(forUser: user)).allSatisfy { abs($0 - $1) < 1e-9 })
            }
        }

        @Test("ease-decay lets a user's latest item lead, and folds in a timed history as it trained")
        func latestLeads() throws {
            let set = timedShop()
            let model = try TimeDecayedEASEModel(fitting: set, parameters: .init(lambda: 20, halfLifeDays: 1))
            for user in [0, 9, 21] {
                let history = timedHistory(set, user: user)
                let folded = model.scores(forHistory: history), trained = model.scores(forUser: user)
                #expect(zip(folded, trained).allSatisfy { abs($0 - $1) < 1e-9 })
            }
            // Two histories of the same items, opposite orders: the scores follow the later item.
            let a = model.scores(forHistory: [ItemWeight(item: 0, weight: 1, seconds: 0), ItemWeight(item: 10, weight: 1, seconds: 30 * 86_400)])
            let b = model.scores(forHistory: [ItemWeight(item: 0, weight: 1, seconds: 30 * 86_400), ItemWeight(item: 10, weight: 1, seconds: 0)])
            let onlyLatest = model.scores(forHistory: [ItemWeight(item: 10, weight: 1)])
            #expect(zip(a, onlyLatest).allSatisfy { abs($0 - $1) < 1e-6 * max(1, abs($1)) })
            #expect(a != b)
        }

        @Test("ease-decay and the re-ranking refuse a set without times")
        func needTimes() {
            #expect(throws: RecommenderError.self) { try TimeDecayedEASEModel(fitting: smallShop()) }
            #expect(throws: RecommenderError.self) { try ModelConfiguration.recency(base: .popularity).fit(smallShop(), threads: 1) }
        }

        @Test("a type bought within the window goes below every other; an older purchase and penalty 0 change nothing")
        func recency() throws {
            let set = timedShop()
            let base = try PopularityModel(fitting: set)
            let groups = set.itemGroups!
            let rerank = try RecencyRerankModel(base: base, fitting: set, parameters: .init(penalty: 1, windowDays: 3))
            let bought = [ItemWeight(item: 2, weight: 5, seconds: 10 * 86_400, purchased: true),
                          ItemWeight(item: 12, weight: 1, seconds: 11 * 86_400)]
            let list = rerank.recommend(history: bought, k: set.itemCount, excluding: [2, 12])
            let firstOfType = list.firstIndex { groups[$0.item] == groups[2] }!
            #expect(list[firstOfType...].allSatisfy { groups[$0.item] == groups[2] })
            let old = [ItemWeight(item: 2, weight: 5, seconds: 0, purchased: true), ItemWeight(item: 12, weight: 1, seconds: 11 * 86_400)]
            #expect(rerank.scores(forHistory: old) == base.scores(forHistory: old))
            let off = try RecencyRerankModel(base: base, fitting: set, parameters: .init(penalty: 0, windowDays: 3))
            #expect(off.scores(forHistory: bought) == base.scores(forHistory: bought))
            #expect(rerank.name == "popularity+recency")
            // A training user's scores are those of their timed history.
            for user in [0, 9, 21] { #expect(rerank.scores(forUser: user) == rerank.scores(forHistory: timedHistory(set, user: user))) }
        }
    }
}

extension RecommenderSpecification {
    @Suite("recent weighting and the add-on stages' significance rule")
    struct RecentWeightingTests {
        @Test("a short half-life makes content follow the latest item; a training user ranks as their timed history")
        func followsLatest() throws {
            let set = timedShop()
            let content = try TFIDFModel(fitting: set)
            let model = try RecentWeightingModel(base: content, fitting: set, halfLifeDays: 0.5)
            // Item 0 (a boot) long ago, item 10 (a sandal) now: the list leans to sandals.
            let history = [ItemWeight(item: 0, weight: 5, seconds: 0), ItemWeight(item: 10, weight: 1, seconds: 20 * 86_400)]
            let top = model.recommend(history: history, k: 3, excluding: [0, 10])
            #expect(top.allSatisfy { set.itemGroups![$0.item] == set.itemGroups![10] })
            for user in [0, 9, 21] { #expect(model.scores(forUser: user) == model.scores(forHistory: timedHistory(set, user: user))) }
            #expect(model.name == "tfidf+recent")
        }

        @Test("the paired test adopts a clear gain and not a tie")
        func pairedTest() {
            let base = (0..<200).map { Double($0 % 2) }
            #expect(ModelTuner.significantlyBetter(base.map { $0 + 0.1 }, than: base))
            #expect(!ModelTuner.significantlyBetter(base, than: base))
            var noisy = base
            noisy[0] += 0.5
            #expect(!ModelTuner.significantlyBetter(noisy, than: base))
        }
    }
}
