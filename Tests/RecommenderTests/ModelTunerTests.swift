import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("Tuning at training time")
    struct ModelTunerTests {
        @Test("the last-item split holds out each user's latest item, every cell of it, and nothing else")
        func lastItemSplit() throws {
            let set = timedShop()
            let split = try ValidationSplit(set, rule: .lastItem, exclusion: .fittingItems)
            for (index, user) in split.users.enumerated() {
                let cells = set.cells.indices.filter { Int(set.cells[$0].user) == user }
                let latest = cells.max { (set.timeline!.seconds[$0], set.cells[$0].item) < (set.timeline!.seconds[$1], set.cells[$1].item) }!
                #expect(split.targets[index] == [Int(set.cells[latest].item)])
                #expect(!split.fitting.cells.contains { Int($0.user) == user && Int($0.item) == split.targets[index][0] })
                #expect(!split.excluded[index].contains(split.targets[index][0]))
            }
            let heldOut = set.cells.count - split.fitting.cells.count
            #expect(heldOut >= split.users.count && split.fitting.timeline!.seconds.count == split.fitting.cells.count)
        }

        @Test("the time cut keeps only earlier cells for fitting; targets are the items after it")
        func timeCut() throws {
            let set = timedShop()
            let split = try ValidationSplit(set, rule: .timeCut(percentile: 80), exclusion: .purchasedItems)
            let cut = split.fitting.timeline!.seconds.max()!
            #expect(!split.users.isEmpty)
            for (index, user) in split.users.enumerated() {
                let later = set.cells.indices.filter { Int(set.cells[$0].user) == user && set.timeline!.seconds[$0] > cut }
                #expect(split.targets[index] == Array(Set(later.map { Int(set.cells[$0].item) })).sorted())
            }
        }

        @Test("the search is deterministic, stays within its budget, keeps the default, and the winner is the best")
        func search() throws {
            let set = timedShop()
            let tuner = ModelTuner(.init(budget: 3, seed: 7, families: ["ease", "rp3beta", "itemknn", "blend", "recency"]))
            let a = try tuner.tune(set), b = try tuner.tune(set)
            #expect(a.choices.map(\.chosen.configuration) == b.choices.map(\.chosen.configuration))
            #expect(a.choices.map(\.chosen.ndcg) == b.choices.map(\.chosen.ndcg))
            #expect(a.choices.allSatisfy { $0.trials <= 3 && $0.chosen.ndcg >= $0.untuned.ndcg })
            #expect(a.choices.first { $0.family == "ease" }?.untuned.configuration == .ease(lambda: 500))
            #expect(a.winner.eligible && a.winner.chosen.ndcg == a.choices.filter(\.eligible).map(\.chosen.ndcg).max())
            #expect(a.choices.map(\.family) == ["ease", "rp3beta", "itemknn", "blend", "recency"])
        }

        @Test("a bad budget or family is refused; candidates are sampled with the default first")
        func refusals() throws {
            #expect(throws: RecommenderError.self) { try ModelTuner(.init(budget: 0)).tune(timedShop()) }
            #expect(throws: RecommenderError.self) { try ModelTuner(.init(families: ["nope"])).tune(timedShop()) }
            let grid = try ModelTuner.grid(family: "ials", itemCount: 500)
            let sample = ModelTuner.sample(grid, budget: 5, seed: 1)
            #expect(sample.count == 5 && sample[0] == .ials(.init()) && Set(sample.map { "\($0)" }).count == 5)
            #expect(ModelTuner.sample(grid, budget: 5, seed: 1) == sample)
        }

        @Test("parameters read back as names and values")
        func summaries() {
            #expect(ModelConfiguration.ease(lambda: 250).summary == "ease(lambda=250)")
            #expect(ModelConfiguration.blend(collaborative: .ease(lambda: 10), alpha: 0.5).summary
                    == "blend(alpha=0.5, collaborative=ease(lambda=10))")
            #expect(ModelConfiguration.itemKNN(.init(neighbours: .max)).parameterValues.first?.value == .infinity)
            #expect((try? ModelConfiguration(name: "ease+recency")) == .recency(base: .ease()))
        }
    }
}
