import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("rp3beta and itemknn")
    struct ItemItemModelTests {
        /// Four users: items 0 and 1 together twice, item 2 with 1 once, item 3 with everyone.
        static let tiny = TrainingSet(userCount: 4, itemCount: 4, cells: [
            .init(user: 3, item: 3, weight: 1),
            .init(user: 0, item: 0, weight: 1), .init(user: 0, item: 1, weight: 1), .init(user: 0, item: 3, weight: 1),
            .init(user: 1, item: 0, weight: 1), .init(user: 1, item: 1, weight: 1), .init(user: 1, item: 3, weight: 1),
            .init(user: 2, item: 1, weight: 1), .init(user: 2, item: 2, weight: 1), .init(user: 2, item: 3, weight: 5),
        ], itemTexts: ["", "", "", ""])

        @Test("itemknn's similarity is the shrunk cosine of the items' user columns, zero on the diagonal")
        func cosine() throws {
            let plain = try ItemKNNModel(fitting: Self.tiny, parameters: .init(neighbours: .max, shrink: 0))
            let n = 4
            // items 0 and 1: 2 common users, |0| = √2, |1| = √3.
            #expect(abs(plain.state.weights[0 * n + 1] - 2 / (2.0.squareRoot() * 3.0.squareRoot())) < 1e-12)
            #expect((0..<n).allSatisfy { plain.state.weights[$0 * n + $0] == 0 })
            let shrunk = try ItemKNNModel(fitting: Self.tiny, parameters: .init(neighbours: .max, shrink: 10))
            #expect(abs(shrunk.state.weights[1] - 2 / (6.0.squareRoot() + 10)) < 1e-12)
            let one = try ItemKNNModel(fitting: Self.tiny, parameters: .init(neighbours: 1, shrink: 0))
            #expect((0..<n).allSatisfy { row in (0..<n).count { one.state.weights[row * n + $0] != 0 } <= 1 })
        }

        @Test("rp3beta's popularity penalty moves a best seller down, beta 0 leaves the plain walk")
        func popularityPenalty() throws {
            // From item 2, the walk reaches 1 and 3 alike; 3 has more users (4 against 3), so beta damps it.
            let walk = try RP3betaModel(fitting: Self.tiny, parameters: .init(alpha: 1, beta: 0, neighbours: .max))
            let penalised = try RP3betaModel(fitting: Self.tiny, parameters: .init(alpha: 1, beta: 1, neighbours: .max))
            let history = [ItemWeight(item: 2, weight: 1)]
            let plain = walk.scores(forHistory: history), damped = penalised.scores(forHistory: history)
            #expect(abs(plain[3] - plain[1]) < 1e-12)
            #expect(damped[3] < damped[1])
            // The walk's first step: (1/deg_i)·Σ_u (x_uj/deg_u), deg(2) = 1, user 2 has 3 items.
            #expect(abs(plain[1] - 1.0 / 3) < 1e-12)
        }

        @Test("fold-in of a training user's history reproduces their scores",
              arguments: [ModelConfiguration.rp3beta(), .itemKNN(), .itemKNN(.init(binary: false))])
        func foldIn(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            for user in [0, 11, 23] {
                let folded = model.scores(forHistory: trainingHistory(set, user: user)), trained = model.scores(forUser: user)
                #expect(zip(folded, trained).allSatisfy { abs($0 - $1) < 1e-9 })
            }
        }
    }
}
