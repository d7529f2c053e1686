import Foundation
import Recommender
import Testing
@testable import Evaluation

/// A model whose scores the test chooses, to pin the evaluator's own rules down.
private struct FixedScores: RecommendationModel {
    let name = "fixed"
    let itemCount: Int
    let score: @Sendable (Int, Int) -> Double

    func scores(forUser user: Int) -> [Double] { (0..<itemCount).map { score(user, $0) } }
    func scores(forHistory history: [ItemWeight]) -> [Double] { scores(forUser: -1) }
}

@Suite("Evaluator: ranking, metrics and report shape")
struct EvaluatorTests {
    /// Protocol 1: u0 trains on items 0 and 1 and is tested on 2; u1 trains on 3 (a purchase) and 0
    /// and is tested on 4. Protocol 2: the cut is t4 = 6 ns, so u1 trains on the same two items and its
    /// last row, hours later, is the one test session.
    private let data = Dataset(
        userIDs: ["u0", "u1"], itemIDs: ["0", "1", "2", "3", "4", "5"], itemTexts: Array(repeating: "", count: 6),
        events: [
            .init(user: 0, item: 0, timestamp: 1, weight: 1, isPurchase: false),
            .init(user: 0, item: 1, timestamp: 2, weight: 1, isPurchase: false),
            .init(user: 0, item: 2, timestamp: 6, weight: 1, isPurchase: false),
            .init(user: 1, item: 3, timestamp: 3, weight: 5, isPurchase: true),
            .init(user: 1, item: 0, timestamp: 4, weight: 1, isPurchase: false),
            .init(user: 1, item: 4, timestamp: 9_000_000_000_000, weight: 1, isPurchase: false),
        ])

    private func evaluator(_ score: @escaping @Sendable (Int, Int) -> Double) -> Evaluator {
        Evaluator(.init(fit: { _, set in FixedScores(itemCount: set.itemCount, score: score) }))
    }

    @Test("training items never listed; equal scores go to the smaller item index; HR, NDCG, coverage")
    func rankingAndMetrics() throws {
        // Every item scores 1 except item 0 (10, but a training item of both users): ties everywhere.
        let report = try evaluator { _, item in item == 0 ? 10 : 1 }.run(dataset: data, models: ["fixed"], k: 2,
                                                                          protocols: [.leaveLastOut])
        let result = try #require(report.results.first?.leaveLastOut)
        // u0 (trained 0, 1): [2, 3] → hit at rank 1. u1 (trained 3, 0): [1, 2] → miss.
        #expect(result.hits == 1)
        #expect(result.hitRate == 0.5)
        #expect(result.ndcg == 0.5)
        #expect(result.coverage == 3.0 / 6.0)
    }

    @Test("protocol 2 excludes only purchased items: an item viewed before the cut may be listed and hit")
    func purchasesOnlyExcluded() throws {
        // u1's test session now also views item 0 again, which it viewed before the cut.
        var sessions = data
        sessions.events.append(.init(user: 1, item: 0, timestamp: 9_000_000_000_001, weight: 1, isPurchase: false))
        // Item 3 (purchased by u1) scores highest, then item 0; the rest 0.
        let report = try evaluator { _, item in [0: 5.0, 3: 9][item] ?? 0 }
            .run(dataset: sessions, models: ["fixed"], k: 1, protocols: [.sessions])
        let summary = try #require(report.sessions)
        #expect(summary.testSessionCount == 1)
        #expect(summary.excludedPairCount == 1)
        let result = try #require(report.results.first?.sessions)
        #expect(result.hits == 1)  // u1's list is [0]: 3 is excluded, 0 is not (excluding it would list 1)
        #expect(result.accuracy == 1)
    }

    @Test("a NaN score is an error naming the model, not a low score")
    func nanIsAnError() {
        #expect(throws: EvaluationError.nanScore(model: "fixed", user: 0)) {
            try evaluator { _, item in item == 5 ? .nan : 0 }.run(dataset: data, models: ["fixed"], protocols: [.leaveLastOut])
        }
    }

    @Test("JSON keys follow PROTOCOL.md section 5; each protocol's keys only when it ran")
    func jsonShape() throws {
        func keys(_ protocols: Set<EvaluationProtocol>) throws -> (top: Set<String>, model: Set<String>) {
            let report = try evaluator { _, _ in 0 }.run(dataset: data, models: ["fixed"], k: 10, protocols: protocols)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
            let model = try #require((json["results"] as? [[String: Any]])?.first)
            return (Set(json.keys), Set(model.keys))
        }
        let both = try keys([.leaveLastOut, .sessions])
        #expect(both.top == ["protocol", "protocols", "k", "dataset", "protocol2", "versions", "results"])
        #expect(both.model == ["model", "hr@10", "ndcg@10", "coverage@10", "train_s", "score_s", "hr@10_ci95", "ndcg@10_ci95",
                               "accuracy@10", "p2_hits", "p2_train_s", "p2_score_s", "accuracy@10_ci95"])
        let one = try keys([.leaveLastOut])
        #expect(!one.top.contains("protocol2"))
        #expect(one.model == ["model", "hr@10", "ndcg@10", "coverage@10", "train_s", "score_s", "hr@10_ci95", "ndcg@10_ci95"])
        let two = try keys([.sessions])
        #expect(two.top.contains("dataset") && two.top.contains("protocol2"))
        #expect(two.model == ["model", "accuracy@10", "p2_hits", "p2_train_s", "p2_score_s", "accuracy@10_ci95"])
    }

    @Test("the table has a row a model and the counts above it")
    func table() throws {
        let report = try evaluator { _, _ in 0 }.run(dataset: data, models: ["a", "b"], k: 10)
        let lines = report.table().split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("protocol 1 (leave-last-out): 2 test users") })
        #expect(lines.contains { $0.contains("1 test sessions of 1 test users") })
        #expect(lines.filter { $0.hasPrefix("a ") || $0.hasPrefix("b ") }.count == 2)
        #expect(lines.contains { $0.hasPrefix("model") && $0.contains("HR@10") && $0.contains("acc@10") })
    }
}
