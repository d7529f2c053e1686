import ArgumentParser
import Evaluation
import Foundation
import Recommender

/// `solemate evaluate`: the offline evaluation of shared/EVALUATION.md on a data directory, so the
/// models' figures can be compared with any other implementation run on the same files.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Offline evaluation of the models: HR@K, NDCG@K, coverage@K (protocol 1) and accuracy@K (protocol 2).",
        discussion: """
            Reads interactions.csv and items.csv (neutral form) or interactions.csv and shoes.csv (the shop's form) \
            from --data, fits each model once per protocol and prints one row a model. Figures are deterministic \
            except for segment and ials; see shared/eval/PROTOCOL.md.
            """
    )

    /// Which protocols `--protocol` selects.
    enum ProtocolChoice: String, ExpressibleByArgument, CaseIterable {
        case one = "1", two = "2", both

        var protocols: Set<EvaluationProtocol> {
            switch self {
            case .one: [.leaveLastOut]
            case .two: [.sessions]
            case .both: [.leaveLastOut, .sessions]
            }
        }
    }

    @Option(help: "Data directory: interactions.csv with items.csv, or the shop's interactions.csv with shoes.csv.")
    var data = "data"

    @Option(help: "Comma-separated models (default: all of the protocol: \(Evaluator.modelNames.joined(separator: ","))); content = tfidf.")
    var models: String?

    @Option(help: "Length of each recommendation list.")
    var k = 10

    @Option(help: "Also write the figures as JSON to this file (PROTOCOL.md section 5 keys).")
    var json: String?

    @Option(name: .customLong("protocol"), help: "Which protocol to run: 1, 2 or both.")
    var protocolChoice: ProtocolChoice = .both

    @Option(name: .customLong("dump-dir"), help: "Write split_test.csv, recs_<model>.csv, p2_test_sessions.csv, p2_recs_<model>.csv here.")
    var dumpDir: String?

    @Flag(help: "Also tune every family inside each protocol's training part (validation split from it alone) and report the tuned models and the winner `tuned`.")
    var tune = false

    @Option(name: .customLong("tune-budget"), help: "Fits at most this many candidates per family when tuning.")
    var tuneBudget = 8

    @Option(name: .customLong("tune-seed"), help: "Seed of the tuning's random search.")
    var tuneSeed: UInt64 = 16

    @Option(name: .customLong("tune-families"), help: "Comma-separated families to tune (default: \(ModelTuner.families.joined(separator: ","))).")
    var tuneFamilies: String?

    func validate() throws {
        guard k > 0 else { throw ValidationError("--k must be at least 1") }
        guard tuneBudget > 0 else { throw ValidationError("--tune-budget must be at least 1") }
        if let tuneFamilies, let unknown = modelNames(tuneFamilies).first(where: { !ModelTuner.families.contains($0) }) {
            throw ValidationError("unknown tuning family \"\(unknown)\"; known: \(ModelTuner.families.joined(separator: ", "))")
        }
        if let models {
            let names = modelNames(models)
            if names.isEmpty { throw ValidationError("--models names no model") }
            if let unknown = names.first(where: { !Evaluator.isKnownModel($0) }) {
                let known = (Evaluator.modelNames + ModelConfiguration.extendedNames).joined(separator: ", ")
                throw ValidationError("unknown model \"\(unknown)\"; known: \(known) (content = tfidf; NAME+recency re-ranks any)")
            }
        }
    }

    func run() throws {
        let names = models.map(modelNames) ?? Evaluator.modelNames
        let tuning = tune ? ModelTuner.Configuration(
            budget: tuneBudget, seed: tuneSeed, k: k, families: tuneFamilies.map(modelNames) ?? ModelTuner.families) : nil
        let evaluator = Evaluator(.init(dumpDirectory: dumpDir, tuning: tuning))
        let report = try evaluator.run(dataDirectory: data, models: names, k: k, protocols: protocolChoice.protocols)
        print(report.table(), terminator: "")
        if let json {
            try report.json().write(toFile: json, atomically: true, encoding: .utf8)
        }
    }

    private func modelNames(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
