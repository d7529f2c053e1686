extension EvaluationReport {
    /// The printed table: the counts above, then one row a model with HR@K, NDCG@K, coverage@K,
    /// accuracy@K and the training and scoring seconds of each protocol ("-" where a protocol did
    /// not run).
    public func table() -> String {
        var lines: [String] = []
        lines.append("data: \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.eventCount) events")
        if protocols.contains(.leaveLastOut) {
            lines.append("protocol 1 (leave-last-out): \(dataset.testUserCount) test users, "
                         + "\(dataset.trainingPairCount) training pairs")
        }
        if let sessions {
            lines.append("protocol 2 (sessions, cut \(sessions.cutISO)): \(sessions.testSessionCount) test sessions "
                         + "of \(sessions.testUserCount) test users, \(sessions.trainingPairCount) training pairs")
        }
        let headers = ["model", "HR@\(k)", "NDCG@\(k)", "cov@\(k)", "acc@\(k)", "train s", "score s", "p2 train s", "p2 score s"]
        var rows = [headers]
        for result in results {
            let p1 = result.leaveLastOut, p2 = result.sessions
            rows.append([
                result.model,
                format(p1?.hitRate), format(p1?.ndcg), format(p1?.coverage), format(p2?.accuracy),
                format(p1?.trainSeconds, digits: 3), format(p1?.scoreSeconds, digits: 3),
                format(p2?.trainSeconds, digits: 3), format(p2?.scoreSeconds, digits: 3),
            ])
        }
        let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ value: Double?, digits: Int = 4) -> String {
        guard let value else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        let fractionText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
