import LinearAlgebra
import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("What every model promises")
    struct ModelBehaviourTests {
        @Test("on the checkerboard the held-out item ranks first", arguments: everyPersonalisedModel)
        func checkerboardHeldOutItemRanksFirst(configuration: ModelConfiguration) throws {
            let set = checkerboard()
            let model = try configuration.fit(set, threads: 1)
            for user in 0..<set.userCount {
                let top = model.recommend(history: trainingHistory(set, user: user), k: 1, excluding: trainingItems(set, user: user))
                #expect(top.map(\.item) == [user], "\(model.name) user \(user)")
            }
        }

        @Test("recommend never returns an excluded item or a duplicate, and fills k when it can", arguments: everyModel)
        func recommendRespectsExclusions(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            for user in 0..<set.userCount {
                let excluded = trainingItems(set, user: user)
                let list = model.recommend(history: trainingHistory(set, user: user), k: set.itemCount, excluding: excluded)
                #expect(list.count == set.itemCount - excluded.count)
                #expect(Set(list.map(\.item)).count == list.count)
                #expect(list.allSatisfy { !excluded.contains($0.item) })
                #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score })
                let folded = model.recommend(history: [ItemWeight(item: 0, weight: 5)], k: 5, excluding: [0])
                #expect(!folded.contains { $0.item == 0 } && Set(folded.map(\.item)).count == folded.count)
            }
        }

        /// Bit-identical for one BLAS thread count; OpenBLAS splits sums differently with more threads, so
        /// across thread counts fits agree to rounding only (not tested here: the count is process-wide
        /// and suites run in parallel, so every test fits with 1 thread).
        @Test("fits are deterministic for a fixed seed", arguments: everyModel)
        func deterministic(configuration: ModelConfiguration) throws {
            let set = smallShop()
            // Fits and scoring in one region, so no other test's fit changes the global count between them.
            try BLASThreads.withCount(1) {
                let a = try configuration.fit(set, threads: 1), b = try configuration.fit(set, threads: 1)
                for user in [0, 7, 29] { #expect(a.scores(forUser: user) == b.scores(forUser: user)) }
            }
        }

        @Test("fold-in of a training user's own history reproduces their scores",
              arguments: [ModelConfiguration.svd(factors: 4), .tfidf, .hybrid(alpha: 0.7, svdFactors: 4), .ease(lambda: 5)])
        func foldInMatchesTraining(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            for user in [0, 11, 23] {
                let history = trainingHistory(set, user: user)
                let folded = model.scores(forHistory: history), trained = model.scores(forUser: user)
                #expect(zip(folded, trained).allSatisfy { abs($0 - $1) < 1e-9 })
            }
        }

        @Test("ties go to the smaller item index; NaN and excluded items are skipped")
        func topKTies() {
            let list = TopK.select(3, from: [1, 5, Double.nan, 5, 2, 5] as [Double], excluding: [5])
            #expect(list.map(\.item) == [1, 3, 4])
            #expect(TopK.select(0, from: [1.0]).isEmpty)
            #expect(TopK.select(2, from: [Float(0.5), 0.5, 0.5]).map(\.item) == [0, 1])
        }

        @Test("bad input is refused with a typed error")
        func errors() throws {
            #expect(throws: RecommenderError.emptyTrainingSet) {
                try ModelConfiguration.svd().fit(TrainingSet(userCount: 0, itemCount: 0, cells: [], itemTexts: []), threads: 1)
            }
            let nan = TrainingSet(userCount: 1, itemCount: 1, cells: [.init(user: 0, item: 0, weight: .nan)], itemTexts: [""])
            #expect(throws: RecommenderError.nonFiniteWeight(user: 0, item: 0)) { try ModelConfiguration.ease().fit(nan, threads: 1) }
            let outside = TrainingSet(userCount: 1, itemCount: 1, cells: [.init(user: 0, item: 3, weight: 1)], itemTexts: [""])
            #expect(throws: RecommenderError.cellOutOfRange(user: 0, item: 3)) { try ModelConfiguration.imdb.fit(outside, threads: 1) }
            #expect(throws: RecommenderError.self) { try ModelConfiguration.hybrid(alpha: 2).fit(smallShop(), threads: 1) }
        }

        @Test("model names parse as the protocol spells them")
        func names() throws {
            #expect(try ModelConfiguration(name: "svd") == .svd(factors: 32))
            #expect(try ModelConfiguration(name: "svd64") == .svd(factors: 64))
            #expect(try ModelConfiguration(name: "content") == .tfidf)
            #expect(try ModelConfiguration.evaluationNames.map { try ModelConfiguration(name: $0).name } == ModelConfiguration.evaluationNames)
            #expect(throws: RecommenderError.unknownModel("knn")) { try ModelConfiguration(name: "knn") }
        }
    }
}
