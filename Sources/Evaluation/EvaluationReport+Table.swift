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
        let headers = ["model", "HR@\(k)", "HR 95 %", "NDCG@\(k)", "NDCG 95 %", "cov@\(k)", "acc@\(k)", "acc 95 %",
                       "train s", "score s", "p2 train s", "p2 score s"]
        var rows = [headers]
        for result in results {
            let p1 = result.leaveLastOut, p2 = result.sessions
            rows.append([
                result.model,
                format(p1?.hitRate), format(p1?.hitRateInterval), format(p1?.ndcg), format(p1?.ndcgInterval),
                format(p1?.coverage), format(p2?.accuracy), format(p2?.accuracyInterval),
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
        lines += tuningLines()
        return lines.joined(separator: "\n") + "\n"
    }

    /// What `--tune` chose in each protocol: per family its choice and validation NDCG@k/HR@k,
    /// untuned default → chosen, and the winner served as `tuned`.
    private func tuningLines() -> [String] {
        var lines: [String] = []
        for (protocolRun, search) in tuning.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            lines.append("tuning, protocol \(protocolRun.rawValue): \(search.validationUsers) validation users, "
                         + "\(format(search.seconds, digits: 1)) s; winner \(search.winner.family) = \(search.winner.chosen.configuration.summary)")
            for choice in search.choices {
                lines.append("  \(choice.family): \(choice.trials) fits, validation NDCG@\(k) \(format(choice.untuned.ndcg)) -> "
                             + "\(format(choice.chosen.ndcg)), HR@\(k) \(format(choice.untuned.hitRate)) -> \(format(choice.chosen.hitRate)); "
                             + choice.chosen.configuration.summary)
            }
        }
        return lines
    }

    private func format(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "-" }
        return "[\(format(interval.low)), \(format(interval.high))]"
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
