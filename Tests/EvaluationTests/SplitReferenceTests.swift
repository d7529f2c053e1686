import Foundation
import Testing
@testable import Evaluation

/// Both splits on shared/eval/synth-2000x500 must equal the reference implementation's exactly:
/// the test lists file for file, and every count of the JSON.
@Suite("Splits agree with the reference on synth-2000x500")
struct SplitReferenceTests {
    /// Runs the evaluation with no model, dumping the splits, and returns the report and the folder.
    private func splitsOnly() throws -> (EvaluationReport, String) {
        let directory = try Fixture.temporaryDirectory("splits")
        let report = try Evaluator(.init(dumpDirectory: directory)).run(dataset: Fixture.synth.get(), models: [])
        return (report, directory)
    }

    @Test("protocol 1: split_test.csv is identical, and so are the dataset counts")
    func leaveLastOut() throws {
        let (report, directory) = try splitsOnly()
        #expect(try Fixture.rows(directory + "/split_test.csv") == Fixture.rows(Fixture.referenceLists + "/split_test.csv"))
        let reference = try #require(try Fixture.referenceJSON()["dataset"] as? [String: Any])
        #expect(report.dataset.userCount == reference["n_users"] as? Int)
        #expect(report.dataset.itemCount == reference["n_items"] as? Int)
        #expect(report.dataset.eventCount == reference["n_events"] as? Int)
        #expect(report.dataset.trainingPairCount == reference["n_train_pairs"] as? Int)
        #expect(report.dataset.testUserCount == reference["n_test_users"] as? Int)
        #expect(report.dataset.trainingWeightSum == reference["train_weight_sum"] as? Double)
        #expect(report.dataset.fileDigests == reference["sha256"] as? [String: String])
    }

    @Test("protocol 2: p2_test_sessions.csv is identical, and so is every count of the protocol2 block")
    func sessions() throws {
        let (report, directory) = try splitsOnly()
        #expect(try Fixture.rows(directory + "/p2_test_sessions.csv")
                == Fixture.rows(Fixture.referenceLists + "/p2_test_sessions.csv"))
        let reference = try #require(try Fixture.referenceJSON()["protocol2"] as? [String: Any])
        let ours = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let block = try #require(ours["protocol2"] as? [String: Any])
        #expect(Set(block.keys) == Set(reference.keys))
        for (key, value) in reference {
            #expect(block[key] as? NSObject == value as? NSObject, "\(key)")
        }
    }
}

/// Popularity's scores are integers full of ties, so its lists test the tie rule (smaller item index
/// first), both exclusions and the dump format at once: they must equal the reference's row for row.
@Suite("Lists agree with the reference lists on synth-2000x500")
struct ListReferenceTests {
    @Test("popularity: recs_popularity.csv and p2_recs_popularity.csv identical to the reference")
    func popularityLists() throws {
        let directory = try Fixture.temporaryDirectory("lists")
        _ = try Evaluator(.init(dumpDirectory: directory)).run(dataset: Fixture.synth.get(), models: ["popularity"])
        for file in ["recs_popularity.csv", "p2_recs_popularity.csv"] {
            let ours = try Fixture.rows(directory + "/" + file)
            let reference = try Fixture.rows(Fixture.referenceLists + "/" + file)
            #expect(ours.count == reference.count, "\(file)")
            let differing = zip(ours, reference).filter { $0 != $1 }
            #expect(differing.isEmpty, "\(file): first difference \(String(describing: differing.first))")
        }
    }
}
