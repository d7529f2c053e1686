import CSV
import Foundation
@testable import Evaluation

/// The shared evaluation material: `shared/eval` beside the repository root (here and in CI).
enum Fixture {
    static let sharedEval: String = {
        var url = URL(fileURLWithPath: #filePath)  // <root>/Tests/EvaluationTests/Fixture.swift
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/eval").path
    }()

    static var synthDirectory: String { sharedEval + "/synth-2000x500" }
    static var referenceLists: String { sharedEval + "/reference-lists" }

    /// The reference implementation's JSON, read at test time (never copied into code).
    static func referenceJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: sharedEval + "/reference-synth-2000x500.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The reference's results, by model name.
    static func referenceResults() throws -> [String: [String: Any]] {
        let results = try referenceJSON()["results"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: results.map { ($0["model"] as? String ?? "", $0) })
    }

    /// The fixture loaded once for all tests.
    static let synth: Result<Dataset, DatasetError> = Result { () throws(DatasetError) in
        try Dataset.load(directory: synthDirectory)
    }

    /// A CSV file's rows as strings, header included.
    static func rows(_ path: String) throws -> [[String]] {
        var reader = try CSVReader(contentsOfFile: path)
        var rows = [reader.header]
        while let record = try reader.next() { rows.append((0..<record.count).map { record.string($0) }) }
        return rows
    }

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "solemate-eval-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes files (name → contents) into a fresh directory and returns its path.
    static func directory(_ files: [String: String]) throws -> String {
        let path = try temporaryDirectory("data")
        for (name, contents) in files {
            try contents.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }
}
