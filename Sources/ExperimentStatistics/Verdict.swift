import Foundation

/// The report's verdict in words, decided on the confidence sequences so that it is safe to read at
/// any time: a fixed-horizon "significant" at the tenth look would be a false alarm far more often
/// than 5 %.
enum Verdict {
    /// The order metrics are reported in: the business outcome first.
    static let metricOrder: [MetricName] = [.conversion, .revenuePerUser, .ctr]

    /// - A flagged SRM overrides everything: with a broken split no difference can be trusted.
    /// - Otherwise one clause per (arm, metric) whose cs95 excludes 0, e.g. "treatment leads on
    ///   conversion (+12.3 %, p = 0.004)", with the relative difference against control and the
    ///   always-valid p-value; "control leads on CTR over treatment (−8.1 %, p < 0.001)" when the arm
    ///   is worse.
    /// - With no such clause: "no evidence yet of a difference".
    static func sentence(arms: [ArmReport], srm: SampleRatioMismatchCheck) -> String {
        if srm.flagged, let p = srm.pValue {
            return "sample ratio mismatch (p \(format(pValue: p))): the split is broken, so no difference can be trusted"
        }
        guard let control = arms.first else { return "no evidence yet of a difference" }
        var clauses: [String] = []
        for arm in arms.dropFirst() {
            for name in metricOrder {
                let metric = arm.metrics[name]
                guard let cs95 = metric.cs95, cs95.excludesZero, let difference = metric.difference,
                    let p = metric.sequentialPValue
                else { continue }
                let size = metric.relativeDifference.map { format(percent: $0) } ?? format(signed: difference)
                if difference > 0 {
                    clauses.append("\(arm.name) leads on \(name.phrase) (\(size), p \(format(pValue: p)))")
                } else {
                    clauses.append(
                        "\(control.name) leads on \(name.phrase) over \(arm.name) (\(size), p \(format(pValue: p)))")
                }
            }
        }
        return clauses.isEmpty ? "no evidence yet of a difference" : clauses.joined(separator: "; ")
    }

    /// "= 0.004" or "< 0.001".
    static func format(pValue p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + String(format: "%.3f", p)
    }

    /// "+12.3 %" or "−8.1 %" (a true minus sign).
    static func format(percent fraction: Double) -> String {
        sign(fraction) + String(format: "%.1f %%", abs(fraction) * 100)
    }

    /// An absolute difference, when control's value is 0 and a percentage is meaningless.
    static func format(signed value: Double) -> String {
        sign(value) + String(format: "%.4g", abs(value))
    }

    private static func sign(_ value: Double) -> String { value < 0 ? "−" : "+" }
}
