import ExperimentStatistics
import Foundation
import PostgresClient
import ShoeServices

/// `solemate experiment report NAME`: the same report as `GET /admin/experiments/{name}/report`
/// (one builder, `ExperimentReporter`, straight from the database), as a table for the terminal.
public enum ExperimentReportTable {
    /// Reads the report of `name` and renders it; attribution windows from `configuration`.
    public static func report(databaseURL: String, name: String, configuration: AppConfiguration) throws -> String {
        let pool = PostgresPool(configuration: .init(url: databaseURL, maxConnections: 1))
        defer { pool.shutdown() }
        let reporter = ExperimentReporter(pool: pool, windows: .init(
            viewHours: configuration.attributionViewHours, purchaseDays: configuration.attributionPurchaseDays))
        return render(try reporter.report(named: name))
    }

    /// The arms' counts and latency, then each metric per arm against control, the SRM check and the verdict.
    public static func render(_ report: ExperimentReporter.Report) -> String {
        let arms = report.statistics.arms
        var lines = ["experiment \(report.experiment.name) (\(report.experiment.status.rawValue), traffic \(report.experiment.trafficPercent) %)", ""]
        lines += table([["arm", "model", "weight", "assigned", "exposed", "lists", "views", "wishlists", "purchases", "revenue", "p50 ms", "p99 ms"]]
            + zip(report.experiment.arms, zip(arms, report.latency)).map { config, pair in
                let (arm, latency) = pair
                let model = config.model + (config.alpha.map { " α=\($0)" } ?? "") + (config.version.map { " @\($0)" } ?? "")
                return [arm.name, model, format(arm.weight, digits: 0), "\(arm.usersAssigned)", "\(arm.usersExposed)", "\(arm.lists)",
                        "\(arm.views)", "\(arm.wishlists)", "\(arm.purchases)", format(arm.revenue, digits: 2),
                        latency.p50.map { format($0, digits: 2) } ?? "-", latency.p99.map { format($0, digits: 2) } ?? "-"]
            })
        lines.append("")
        var metricRows = [["metric", "arm", "value", "difference", "ci95", "cs95 (always valid)", "p", "p (sequential)"]]
        for name in MetricName.allCases {
            for arm in arms {
                let metric = arm.metrics[name]
                metricRows.append([
                    name.rawValue, arm.name, metric.value.map { format($0, digits: 4) } ?? "-",
                    metric.difference.map { signed($0) } ?? "-", interval(metric.ci95), interval(metric.cs95),
                    metric.pValue.map { format($0, digits: 4) } ?? "-", metric.sequentialPValue.map { format($0, digits: 4) } ?? "-",
                ])
            }
        }
        lines += table(metricRows)
        let srm = report.statistics.srm
        lines.append("")
        lines.append("SRM: p = \(srm.pValue.map { format($0, digits: 4) } ?? "-") (assigned \(srm.assigned.map { format($0.pValue, digits: 4) } ?? "-"), "
            + "exposed \(srm.exposed.map { format($0.pValue, digits: 4) } ?? "-")): \(srm.flagged ? "FLAGGED" : "not flagged")")
        lines.append("verdict: \(report.statistics.verdict)")
        return lines.joined(separator: "\n")
    }

    /// Left-aligned columns, two spaces apart.
    private static func table(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }

    private static func format(_ value: Double, digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + format(value, digits: 4) }
    private static func interval(_ interval: Interval?) -> String {
        interval.map { "[\(format($0.lower, digits: 4)), \(format($0.upper, digits: 4))]" } ?? "-"
    }
}
