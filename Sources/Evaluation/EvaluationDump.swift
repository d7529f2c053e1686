import CSV
import Foundation

/// Writes the split and each model's lists in the reference's CSV format (PROTOCOL.md section 5),
/// so a disagreement with `reference-lists/` can be traced to the user and the list.
struct EvaluationDump {
    let directory: String
    let dataset: Dataset

    init(directory: String, dataset: Dataset) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EvaluationError.dumpFailed(path: directory, reason: "\(error)")
        }
        self.directory = directory
        self.dataset = dataset
    }

    /// `split_test.csv`: `user_id,item_id`, one row a test user.
    func writeSplit(_ split: LeaveLastOutSplit) throws {
        try write("split_test.csv", header: ["user_id", "item_id"]) { writer in
            for (user, item) in zip(split.testUsers, split.testItems) {
                try writer.writeRow([dataset.userIDs[Int(user)], dataset.itemIDs[Int(item)]])
            }
        }
    }

    /// `recs_<model>.csv`: `user_id,test_item_id,rank,top_items` (rank 0 = miss).
    func writeRecommendations(model: String, split: LeaveLastOutSplit, lists: [[Int]]) throws {
        try write("recs_\(model).csv", header: ["user_id", "test_item_id", "rank", "top_items"]) { writer in
            for ((user, item), list) in zip(zip(split.testUsers, split.testItems), lists) {
                let rank = list.firstIndex(of: Int(item)).map { $0 + 1 } ?? 0
                try writer.writeRow([dataset.userIDs[Int(user)], dataset.itemIDs[Int(item)], String(rank), ids(list)])
            }
        }
    }

    /// `p2_test_sessions.csv`: `user_id,session_start,n_events,items`, in test-session order.
    func writeSessions(_ split: SessionSplit) throws {
        try write("p2_test_sessions.csv", header: ["user_id", "session_start", "n_events", "items"]) { writer in
            for session in split.testSessions {
                try writer.writeRow([
                    dataset.userIDs[Int(session.user)], Timestamp.isoString(session.start),
                    String(session.eventCount), ids(session.items.map(Int.init)),
                ])
            }
        }
    }

    /// `p2_recs_<model>.csv`: `user_id,n_sessions,n_hits,top_items`, one row a test user.
    func writeSessionRecommendations(model: String, split: SessionSplit, lists: [[Int]]) throws {
        var sessionsByUser: [Int32: [SessionSplit.TestSession]] = [:]
        for session in split.testSessions { sessionsByUser[session.user, default: []].append(session) }
        try write("p2_recs_\(model).csv", header: ["user_id", "n_sessions", "n_hits", "top_items"]) { writer in
            for (user, list) in zip(split.testUsers, lists) {
                let sessions = sessionsByUser[user] ?? []
                let listed = Set(list)
                let hits = sessions.count { $0.items.contains { listed.contains(Int($0)) } }
                try writer.writeRow([dataset.userIDs[Int(user)], String(sessions.count), String(hits), ids(list)])
            }
        }
    }

    private func ids(_ items: [Int]) -> String {
        items.map { dataset.itemIDs[$0] }.joined(separator: " ")
    }

    private func write(_ name: String, header: [String], rows: (CSVWriter) throws -> Void) throws {
        let path = directory + "/" + name
        do {
            let writer = try CSVWriter(path: path, header: header)
            try rows(writer)
            try writer.close()
        } catch {
            throw EvaluationError.dumpFailed(path: path, reason: "\(error)")
        }
    }
}
