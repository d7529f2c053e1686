import HTTPServer
import JSON
import ShoeServices

/// `/admin/experiments`: create, list, read and stop experiments, and their report. The bearer
/// token is checked by `BearerTokenMiddleware` around `/admin/`. Creation checks everything before
/// writing (the body, the rules, the models and versions in memory), so a refused request writes
/// nothing; the database decides the rules that concern other experiments (409).
struct ExperimentRoutes: RouteGroup {
    let store: ExperimentStore
    let experiments: ExperimentServing
    let engine: RecommendationEngine
    let reporter: ExperimentReporter
    let blocking: BlockingWork

    func register(on router: inout Router) {
        router.post("/admin/experiments") { request in
            let (new, wireProblems) = try request.decode(ExperimentWire.NewExperimentBody.self).experiment
            var problems = wireProblems + new.problems
            guard let current = engine.version else { throw RecommendationError.noModel }
            if problems.isEmpty { problems = experiments.problems(in: new, current: current) }
            guard problems.isEmpty else { throw ExperimentError.invalid(problems) }
            let created = try await blocking.run { try store.create(new) }
            experiments.start(created)
            return .json(wire(created), status: .created)
        }
        router.get("/admin/experiments") { _ in
            let all = try await blocking.run { try store.all() }
            return .json(.object([("experiments", .array(all.map(wire)))]))
        }
        router.get("/admin/experiments/:name") { request in
            let name = request.pathParameters["name"] ?? ""
            guard let experiment = try await blocking.run({ try store.named(name) }) else { throw ExperimentError.notFound(name) }
            return .json(wire(experiment))
        }
        router.post("/admin/experiments/:name/stop") { request in
            let name = request.pathParameters["name"] ?? ""
            let stopped = try await blocking.run { try store.stop(name) }
            experiments.stop(name)
            return .json(wire(stopped))
        }
        router.get("/admin/experiments/:name/report") { request in
            let name = request.pathParameters["name"] ?? ""
            let report = try await blocking.run { try reporter.report(named: name) }
            return .json(ExperimentWire.report(report))
        }
    }

    private func wire(_ experiment: Experiment) -> JSONValue {
        ExperimentWire.experiment(
            experiment, unavailable: experiment.status == .running ? experiments.unavailability(of: experiment.name) : nil)
    }
}
