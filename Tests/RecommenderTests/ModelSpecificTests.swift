import Foundation
import Testing
@testable import LinearAlgebra
@testable import Recommender

extension RecommenderSpecification {
    @Suite("Model specifics")
    struct ModelSpecificTests {
        @Test("tf-idf tokens follow scikit-learn: lower-case, runs of 2+ word characters")
        func tokenisation() {
            #expect(TFIDFTokenizer.tokens("Children's") == ["children"])
            #expect(TFIDFTokenizer.tokens("Sci-Fi") == ["sci", "fi"])
            #expect(TFIDFTokenizer.tokens("a Trail_Runner 356, x Épée") == ["trail_runner", "356", "épée"])
        }

        @Test("tf-idf weights equal the hand computation: smooth idf, raw tf, L2 rows")
        func tfidfValues() throws {
            let set = TrainingSet(userCount: 1, itemCount: 3, cells: [.init(user: 0, item: 0, weight: 1)],
                                  itemTexts: ["red boot", "red sneaker", "blue boot boot"])
            let model = try TFIDFModel(fitting: set)
            #expect(model.vocabulary == ["blue", "boot", "red", "sneaker"])
            let idfShared = log(4.0 / 3.0) + 1, idfSingle = log(2.0) + 1   // df 2 and df 1 of n = 3
            #expect(model.inverseDocumentFrequencies == [idfSingle, idfShared, idfShared, idfSingle])
            let norm = (idfSingle * idfSingle + 4 * idfShared * idfShared).squareRoot()
            let row = model.itemVectors.row(2)
            #expect(Array(row.columns) == [0, 1])
            #expect(abs(row.values.first! - idfSingle / norm) < 1e-15 && abs(row.values.last! - 2 * idfShared / norm) < 1e-15)
            // Item 0's own score is 1; item 2 shares only "boot".
            let scores = model.scores(forUser: 0)
            #expect(abs(scores[0] - 1) < 1e-12)
            #expect(abs(scores[2] - (idfShared / (2 * idfShared * idfShared).squareRoot()) * (2 * idfShared / norm)) < 1e-12)
        }

        @Test("similarity of two items is the cosine of their rows, the score similar() ranks by")
        func pairwiseSimilarity() throws {
            let set = TrainingSet(userCount: 1, itemCount: 4, cells: [.init(user: 0, item: 0, weight: 1)],
                                  itemTexts: ["red boot", "red sneaker", "blue boot boot", ""])
            let model = try TFIDFModel(fitting: set)
            #expect(abs(model.similarity(2, 2) - 1) < 1e-12)
            #expect(model.similarity(1, 2) == 0)
            #expect(model.similarity(0, 3) == 0 && model.similarity(0, 99) == 0)
            for neighbour in model.similar(item: 0, k: 3) {
                #expect(abs(neighbour.score - model.similarity(0, neighbour.item)) < 1e-12)
                #expect(model.similarity(0, neighbour.item) == model.similarity(neighbour.item, 0))
            }
        }

        @Test("a new shoe with text only ranks through content, and similar() finds its twin")
        func newItemThroughContent() throws {
            let set = checkerboard(size: 10)
            let content = try TFIDFModel(fitting: set).adding(itemTexts: ["Beach sandal canvas"])
            #expect(content.itemCount == 11)
            let top = content.recommend(history: trainingHistory(set, user: 1), k: 1, excluding: trainingItems(set, user: 1).union([1]))
            #expect(top.first?.item == 10)
            #expect(content.similar(item: 10, k: 1).first.map { $0.item % 2 } == 1)
            let hybrid = try HybridModel(fitting: set, svdFactors: 2).adding(itemTexts: ["Beach sandal canvas"])
            #expect(hybrid.scores(forUser: 1).count == 11)
        }

        @Test("imdb: m is numpy's interpolated 90th percentile over all items, WR shrinks to C")
        func imdb() throws {
            #expect(abs(IMDBModel.percentile([10, 0, 3, 1, 2], 0.9) - 7.2) < 1e-12)  // p = 3.6: 3 + 0.6 (10 - 3)
            #expect(IMDBModel.percentile([4, 4], 0.9) == 4)
            // Item 0: two pairs of weight 5 and 1; item 1: one pair of weight 3; item 2: none.
            let set = TrainingSet(userCount: 2, itemCount: 3, cells: [
                .init(user: 0, item: 0, weight: 5), .init(user: 1, item: 0, weight: 1), .init(user: 0, item: 1, weight: 3),
            ], itemTexts: ["", "", ""])
            let model = try IMDBModel(fitting: set)
            #expect(abs(model.m - 1.8) < 1e-12)          // v = [0, 1, 2], p = 1.8
            #expect(model.globalMean == 3)               // (5 + 1 + 3) / 3
            #expect(abs(model.ratings[0] - (2 / 3.8 * 3 + 1.8 / 3.8 * 3)) < 1e-12)
            #expect(model.ratings[2] == 3)
            #expect(try PopularityModel(fitting: set).userCounts == [2, 1, 0])
        }

        @Test("hybrid falls back to imdb for a user with no history")
        func hybridFallback() throws {
            var set = smallShop()
            set.userCount += 1   // user 30 has no cells
            let hybrid = try HybridModel(fitting: set)
            let imdb = try IMDBModel(fitting: set)
            #expect(hybrid.scores(forUser: 30) == imdb.ratings)
            #expect(hybrid.scores(forHistory: []) == imdb.ratings)
        }

        @Test("svd: a new purchase changes a user's recommendations without a refit (fold-in)")
        func svdFoldIn() throws {
            let set = checkerboard()
            let model = try PureSVDModel(fitting: set, factors: 2)
            let even = model.recommend(history: [ItemWeight(item: 0, weight: 5)], k: 3, excluding: [0])
            let odd = model.recommend(history: [ItemWeight(item: 1, weight: 5)], k: 3, excluding: [1])
            #expect(even.allSatisfy { $0.item % 2 == 0 } && odd.allSatisfy { $0.item % 2 == 1 })
            #expect(model.similar(item: 0, k: 3).allSatisfy { $0.item % 2 == 0 })
        }

        @Test("ials: folding in a checkerboard user's history as a new user still ranks the held-out item first")
    func ialsFoldIn() throws {
        let set = checkerboard()
        let model = try IALSModel(fitting: set, parameters: .init(factors: 4, regularization: 0.01))
        for user in [0, 1, 10, 25] {
            let history = trainingItems(set, user: user).map { ItemWeight(item: $0, weight: 1) }
            let top = model.recommend(history: history, k: 1, excluding: trainingItems(set, user: user))
            #expect(top.map(\.item) == [user])
        }
    }

    @Test("svd: the randomized route gives the exact route's scores")
        func svdRoutesAgree() throws {
            let set = smallShop()
            let exact = try PureSVDModel(fitting: set, factors: 3, method: .exact)
            let randomized = try PureSVDModel(fitting: set, factors: 3,
                                              method: .randomized(oversampling: 4, maxIterations: 300, tolerance: 1e-12, seed: 3))
            #expect(randomized.iterations > 0)
            for user in [0, 5, 17] {
                #expect(zip(exact.scores(forUser: user), randomized.scores(forUser: user)).allSatisfy { abs($0 - $1) < 1e-6 })
            }
        }

        @Test("ease: B has a zero diagonal and scores are the sum of the user's rows of B")
        func ease() throws {
            let set = smallShop()
            let model = try EASEModel(fitting: set, lambda: 5)
            #expect((0..<set.itemCount).allSatisfy { model.weights[$0, $0] == 0 })
            let items = trainingItems(set, user: 3).sorted()
            let expected = (0..<set.itemCount).map { j in items.reduce(0) { $0 + model.weights[$1, j] } }
            #expect(zip(model.scores(forUser: 3), expected).allSatisfy { abs($0 - $1) < 1e-12 })
        }

        @Test("segment: every user has a cluster and gets its summed weights")
        func segment() throws {
            let set = checkerboard()
            let model = try SegmentModel(fitting: set, parameters: .init(clusters: 2, components: 2))
            #expect(model.clusterSizes.sorted() == [20, 20])
            #expect(model.assignments[0] != model.assignments[1])
            #expect(model.scores(forUser: 0)[0] == 19)   // the 19 other even users all have item 0
        }
    }
}

extension RecommenderSpecification {
    @Suite("Serving paths")
    struct ServingPathTests {
        /// svd, tfidf and hybrid serve from Float; their lists must be the float64 ranking's up to Float
        /// rounding: every returned item scores within 1e-5 of the k-th best.
        @Test("Float recommend agrees with ranking the float64 scores",
              arguments: [ModelConfiguration.svd(factors: 4), .tfidf, .hybrid(alpha: 0.7, svdFactors: 4)])
        func floatPathAgrees(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            for user in 0..<set.userCount {
                let excluded = trainingItems(set, user: user)
                let exact = model.scores(forUser: user)
                let reference = TopK.select(5, from: exact, excluding: excluded)
                let served = model.recommend(history: trainingHistory(set, user: user), k: 5, excluding: excluded)
                #expect(served.count == reference.count)
                for item in served {
                    #expect(abs(item.score - exact[item.item]) < 1e-5)
                    #expect(exact[item.item] >= reference.last!.score - 1e-5)
                }
            }
        }

        @Test("the hybrid serves each item with its two normalised parts, and its score is their blend; one-part models give none")
        func hybridParts() throws {
            let set = smallShop()
            let hybrid = try HybridModel(fitting: set, alpha: 0.7, svdFactors: 4)
            let svd = try PureSVDModel(fitting: set, factors: 4)
            for user in [0, 9, 21] {
                let history = trainingHistory(set, user: user)
                for item in hybrid.recommend(history: history, k: 5, excluding: []) {
                    let collaborative = try #require(item.parts.collaborative), content = try #require(item.parts.content)
                    #expect((0...1).contains(collaborative) && (0...1).contains(content))
                    #expect(abs(item.score - (0.7 * collaborative + 0.3 * content)) < 1e-5)
                }
                #expect(svd.recommend(history: history, k: 5, excluding: []).allSatisfy { $0.parts == .none })
            }
            // No history: imdb's list, which has no parts.
            #expect(hybrid.recommend(history: [], k: 3, excluding: []).map(\.item) == TopK.select(3, from: hybrid.fallback.ratings).map(\.item))
        }

        @Test("fitted together, the hybrid is built from the very svd, tfidf and imdb fitted beside it; a failed fit fails only what needs it")
        func sharedParts() throws {
            let set = smallShop()
            let results = ModelConfiguration.fitSharingParts(
                [.svd(factors: 4), .hybrid(alpha: 0.7, svdFactors: 4), .tfidf, .imdb, .hybrid(alpha: 2, svdFactors: 4)], on: set, threads: 1)
            let svd = try #require(try results[0].get() as? PureSVDModel)
            let hybrid = try #require(try results[1].get() as? HybridModel)
            #expect(hybrid.collaborative.itemFactors == svd.itemFactors && hybrid.collaborative.singularValues == svd.singularValues)
            #expect(hybrid.content.fitID == (try #require(try results[2].get() as? TFIDFModel)).fitID)
            #expect(hybrid.fallback.ratings == (try #require(try results[3].get() as? IMDBModel)).ratings)
            // One thread-count region, so no other fit changes the global count between the two fits.
            try BLASThreads.withCount(1) {
                let together = try ModelConfiguration.fitSharingParts([.hybrid(alpha: 0.7, svdFactors: 4)], on: set, threads: 1)[0].get()
                let alone = try HybridModel(fitting: set, alpha: 0.7, svdFactors: 4)
                for user in [0, 13] { #expect(together.scores(forUser: user) == alone.scores(forUser: user)) }
            }
            #expect(throws: RecommenderError.self) { try results[4].get() }
        }
    }
}
