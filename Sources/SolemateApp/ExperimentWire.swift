import ExperimentStatistics
import Foundation
import JSON
import ShoeServices
import UTCTime

/// The JSON of `/admin/experiments`: the body that creates one, the experiment object, the report.
enum ExperimentWire {
    /// `POST /admin/experiments`: `{"name", "traffic"?, "salt"?, "arms": [{"name", "model", "weight", "params"?, "version"?}]}`.
    struct NewExperimentBody: Decodable {
        var name: String
        /// A percentage; 100 when absent.
        var traffic: Double?
        /// The assignment salt; a fresh random one when absent.
        var salt: String?
        var arms: [ArmBody]

        struct ArmBody: Decodable {
            var name: String
            var model: String
            var weight: Double
            var params: [String: Double]?
            var version: String?
        }

        /// The experiment asked for, and what is wrong with the parts only the wire can see
        /// (a fractional traffic, params other than alpha).
        var experiment: (NewExperiment, [ExperimentError.Problem]) {
            var problems: [ExperimentError.Problem] = []
            let traffic = traffic ?? 100
            if traffic.rounded() != traffic || !traffic.isFinite {
                problems.append(.init(field: "traffic", message: "must be a whole percentage in 1...100, got \(traffic)"))
            }
            for (index, arm) in arms.enumerated() {
                for key in (arm.params ?? [:]).keys.sorted() where key != "alpha" {
                    problems.append(.init(field: "arms[\(index)].params.\(key)", message: "unknown parameter; the hybrid takes alpha"))
                }
            }
            let new = NewExperiment(
                name: name, trafficPercent: traffic.isFinite && abs(traffic) < 1e9 ? Int(traffic.rounded(.down)) : 0,
                arms: arms.map { Experiment.Arm(name: $0.name, model: $0.model, weight: $0.weight,
                                                alpha: $0.params?["alpha"], version: $0.version) },
                salt: salt)
            return (new, problems)
        }
    }

    /// The experiment object; `unavailable` says why a running experiment cannot serve.
    static func experiment(_ experiment: Experiment, unavailable: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(experiment.name)), ("status", .string(experiment.status.rawValue)),
            ("surface", .string(experiment.surface)), ("traffic", .integer(experiment.trafficPercent)),
            ("salt", .string(experiment.salt)), ("created_at", .string(UTCTimestamp.format(experiment.createdAt))),
        ]
        if let stopped = experiment.stoppedAt { members.append(("stopped_at", .string(UTCTimestamp.format(stopped)))) }
        if let unavailable { members.append(("unavailable", .string(unavailable))) }
        members.append(("arms", .array(experiment.arms.map(arm))))
        return .object(members)
    }

    static func arm(_ arm: Experiment.Arm) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(arm.name)), ("model", .string(arm.model)), ("weight", number(arm.weight))]
        if let alpha = arm.alpha { members.append(("params", .object([("alpha", .number(alpha))]))) }
        if let version = arm.version { members.append(("version", .string(version))) }
        return .object(members)
    }

    /// The report: per arm its counts, latency and metrics, then the SRM check and the verdict.
    static func report(_ report: ExperimentReporter.Report) -> JSONValue {
        let statistics = report.statistics
        let arms = zip(report.experiment.arms, zip(statistics.arms, report.latency)).map { config, pair -> JSONValue in
            let (arm, latency) = pair
            var members: [(String, JSONValue)] = [("name", .string(arm.name)), ("model", .string(config.model))]
            if let alpha = config.alpha { members.append(("params", .object([("alpha", .number(alpha))]))) }
            if let version = config.version { members.append(("version", .string(version))) }
            members += [
                ("weight", number(arm.weight)), ("users_assigned", .integer(arm.usersAssigned)),
                ("users_exposed", .integer(arm.usersExposed)), ("lists", .integer(arm.lists)), ("views", .integer(arm.views)),
                ("wishlists", .integer(arm.wishlists)), ("purchases", .integer(arm.purchases)), ("revenue", .number(arm.revenue)),
                ("latency_ms", .object([("p50", optional(latency.p50)), ("p99", optional(latency.p99))])),
                ("metrics", .object(MetricName.allCases.map { ($0.rawValue, metric(arm.metrics[$0])) })),
            ]
            return .object(members)
        }
        return .object([
            ("name", .string(report.experiment.name)), ("status", .string(report.experiment.status.rawValue)),
            ("arms", .array(arms)),
            ("srm", .object([
                ("p_value", optional(statistics.srm.pValue)), ("flagged", .bool(statistics.srm.flagged)),
                ("assigned_p_value", optional(statistics.srm.assigned?.pValue)),
                ("exposed_p_value", optional(statistics.srm.exposed?.pValue)),
            ])),
            ("verdict", .string(statistics.verdict)),
        ])
    }

    static func metric(_ metric: MetricResult) -> JSONValue {
        .object([
            ("value", optional(metric.value)), ("difference", optional(metric.difference)),
            ("relative_difference", optional(metric.relativeDifference)),
            ("ci95", interval(metric.ci95)), ("cs95", interval(metric.cs95)),
            ("p_value", optional(metric.pValue)), ("sequential_p_value", optional(metric.sequentialPValue)),
        ])
    }

    private static func interval(_ interval: Interval?) -> JSONValue {
        guard let interval else { return .null }
        return .array([.number(interval.lower), .number(interval.upper)])
    }

    private static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

    /// A weight as clients wrote it: 50, not 50.0.
    private static func number(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 1e15 ? .integer(Int(value)) : .number(value)
    }
}
