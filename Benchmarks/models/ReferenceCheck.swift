import Foundation
import Recommender

/// `models-bench reference DIR`: fits every evaluation model on DIR/train.tsv + DIR/texts.json
/// (written by check_reference.py) and writes DIR/recs_<model>.tsv: "user test item1 ... item10",
/// ranking `scores(forUser:)` with the user's training items excluded, as PROTOCOL.md section 3 does.
func runReferenceCheck(directory: String) throws {
    let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/texts.json"))) as! [String: Any]
    let texts = meta["texts"] as! [String]
    let userCount = meta["users"] as! Int
    var cells: [TrainingSet.Cell] = []
    for line in try String(contentsOfFile: directory + "/train.tsv", encoding: .utf8).split(separator: "\n") {
        let f = line.split(separator: "\t")
        cells.append(.init(user: Int32(f[0])!, item: Int32(f[1])!, weight: Double(f[2])!))
    }
    let tests = try String(contentsOfFile: directory + "/test.tsv", encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: "\t").map { Int($0)! }
    }
    var seen = [Set<Int>](repeating: [], count: userCount)
    let exclusions = directory + "/exclude.tsv"
    if FileManager.default.fileExists(atPath: exclusions) {   // protocol 2: purchased pairs only
        for line in try String(contentsOfFile: exclusions, encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: "\t").map { Int($0)! }
            seen[f[0]].insert(f[1])
        }
    } else {
        for cell in cells { seen[Int(cell.user)].insert(Int(cell.item)) }
    }
    let set = TrainingSet(userCount: userCount, itemCount: texts.count, cells: cells, itemTexts: texts)
    for name in ModelConfiguration.evaluationNames {
        let configuration = try ModelConfiguration(name: name)
        var model: (any RecommendationModel)!
        let fitSeconds = try seconds { model = try configuration.fit(set) }
        var lines: [String] = []
        let scoreSeconds = seconds {
            for test in tests {
                let top = TopK.select(10, from: model.scores(forUser: test[0]), excluding: seen[test[0]])
                lines.append(([test[0], test[1]] + top.map(\.item)).map(String.init).joined(separator: " "))
            }
        }
        if let imdb = model as? IMDBModel { print("imdb m \(imdb.m) C \(imdb.globalMean)") }
        if let segment = model as? SegmentModel { print("segment cluster sizes \(segment.clusterSizes)") }
        print("\(name): fit \(format(fitSeconds)) s, scoring \(format(scoreSeconds)) s")
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/recs_\(name).tsv", atomically: true, encoding: .utf8)
    }
}
