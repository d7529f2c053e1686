import Foundation
import Testing
@testable import Evaluation

/// The issue's acceptance test: every model's figures on synth-2000x500 agree with the reference
/// implementation's, within the tolerances that reference-synth-2000x500.json itself states
/// (its `tolerance` block is parsed here, so the rule and the figures come from the file).
@Suite("Every model's figures agree with the reference on synth-2000x500")
struct ReferenceFiguresTests {
    /// One tolerance rule: per metric, an absolute bound or a count over `n_test_users`/`n_test_sessions`.
    struct Rule {
        var bounds: [String: Double]

        /// Parses `|HR@10 - ref| <= 3/n_test_users, ...` into metric → bound.
        init(_ text: String, counts: [String: Int]) throws {
            var bounds: [String: Double] = [:]
            let pattern = try NSRegularExpression(pattern: #"\|([A-Za-z]+)@(\d+) - ref\| <= ([0-9.]+)(?:/([a-z_]+))?"#)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let group = { (i: Int) in Range(match.range(at: i), in: text).map { String(text[$0]) } }
                guard let metric = group(1), let k = group(2), let number = group(3).flatMap(Double.init) else { continue }
                let divisor = group(4).map { Double(counts[$0] ?? 0) } ?? 1
                bounds[metric.lowercased() + "@" + k] = number / divisor
            }
            self.bounds = bounds
        }
    }

    @Test("exact and statistical models within the reference's stated tolerances, both protocols")
    func figures() throws {
        let reference = try Fixture.referenceJSON()
        let tolerance = try #require(reference["tolerance"] as? [String: Any])
        let exactModels = try #require(tolerance["exact_models"] as? [String])
        let statisticalModels = try #require(tolerance["statistical_models"] as? [String])
        let dataset = try #require(reference["dataset"] as? [String: Any])
        let protocol2 = try #require(reference["protocol2"] as? [String: Any])
        let counts = ["n_test_users": try #require(dataset["n_test_users"] as? Int),
                      "n_test_sessions": try #require(protocol2["n_test_sessions"] as? Int)]
        let exactRule = try Rule(try #require(tolerance["exact_rule"] as? String), counts: counts)
        let statisticalRule = try Rule(try #require(tolerance["statistical_rule"] as? String), counts: counts)
        #expect(Set(exactRule.bounds.keys) == ["hr@10", "ndcg@10", "accuracy@10"])
        #expect(Set(statisticalRule.bounds.keys) == ["hr@10", "ndcg@10", "accuracy@10"])

        let models = exactModels + statisticalModels
        let report = try Evaluator().run(dataset: Fixture.synth.get(), models: models, k: 10)
        let ours = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let ourResults = try #require(ours["results"] as? [[String: Any]])
        let referenceResults = try Fixture.referenceResults()
        for result in ourResults {
            let model = try #require(result["model"] as? String)
            let expected = try #require(referenceResults[model], "no reference figures for \(model)")
            let rule = exactModels.contains(model) ? exactRule : statisticalRule
            for (metric, bound) in rule.bounds {
                let ourValue = try #require(result[metric] as? Double, "\(model) lacks \(metric)")
                let referenceValue = try #require(expected[metric] as? Double)
                #expect(abs(ourValue - referenceValue) <= bound + 1e-12,
                        "\(model) \(metric): \(ourValue) vs reference \(referenceValue), allowed ±\(bound)")
            }
        }
        #expect(ourResults.count == models.count)
    }
}
