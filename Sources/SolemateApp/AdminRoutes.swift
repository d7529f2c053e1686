import UTCTime
import Foundation
import HTTPServer
import JSON
import ShoeData
import ShoeServices

/// `/admin/*`: start a retraining, list the model versions, start and follow a campaign export.
/// The bearer token is checked by `BearerTokenMiddleware` around this group, not here.
struct AdminRoutes: RouteGroup {
    /// nil on a replica, which never trains.
    let training: TrainingCoordinator?
    let engine: RecommendationEngine
    let exports: ExportJobs

    /// What a replica answers to `POST /admin/train`.
    static let trainsElsewhere = """
        This replica serves published model versions and never trains (it was started with `solemate serve --no-train`). \
        Training happens in `solemate train`, or in a `solemate serve` started without --no-train; either publishes \
        the new version through PostgreSQL, and every replica loads it within seconds.
        """

    func register(on router: inout Router) {
        router.post("/admin/train") { _ in
            guard let training else { throw HTTPError(.conflict, detail: Self.trainsElsewhere) }
            try training.startRetraining()
            return .json(.object([("status", .string("training started"))]), status: .accepted)
        }
        router.get("/admin/models") { _ in
            let state = training?.current ?? TrainingCoordinator.State()
            var members: [(String, JSONValue)] = []
            if let version = engine.version?.id { members.append(("current", .string(version))) }
            members.append(("training_in_progress", .bool(state.inProgress)))
            if let error = state.lastError { members.append(("last_training_error", .string(error))) }
            members.append(("items", .array(state.history.reversed().map(\.json))))
            return .json(.object(members))
        }
        router.post("/admin/exports") { request in
            let options = try ExportBody.options(request)
            // The service's rules first, so a bad model, k or filter is a 400 now, not a failed job later.
            _ = try engine.recommend(userID: 0, k: options.k, modelName: options.model, filter: options.filter)
            let id = try exports.start(options)
            return .json(.object([("id", .integer(id)), ("status", .string("running")), ("href", .string("/admin/exports/\(id)"))]),
                         status: .accepted)
        }
        router.get("/admin/exports/:id") { request in
            let id = try request.integerParameter("id")
            guard let job = exports.job(id) else { throw HTTPError(.notFound, detail: "No export with id \(id).") }
            return .json(job.json)
        }
    }
}

/// One trained model version, as /admin/models lists it.
struct ModelVersionRecord: Sendable {
    var version: String
    var trainedAt: Date
    var trainingSeconds: Double
    var events: Int
    var users: Int
    var models: [String]
    var evaluation: [String: ModelVersion.ModelFigures]
    var tuning: TuningRecord?

    init(_ trained: ModelVersion) {
        tuning = trained.tuning
        version = trained.id
        trainedAt = trained.trainedAt
        trainingSeconds = trained.trainingSeconds
        events = trained.eventCount
        users = trained.userCount
        models = trained.modelNames
        evaluation = trained.evaluation
    }

    /// The wire form: figures under the names of PROTOCOL.md (`hr@10`, ...), models sorted by name.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("version", .string(version)), ("trained_at", .string(UTCTimestamp.format(trainedAt))),
            ("training_seconds", .number(trainingSeconds)), ("events", .integer(events)), ("users", .integer(users)),
            ("models", .array(models.map(JSONValue.string))),
            ("evaluation", .object(evaluation.keys.sorted().map { name in
                let figures = evaluation[name]!
                return (name, .object([
                    ("hr@10", .number(figures.hitRate)), ("ndcg@10", .number(figures.ndcg)),
                    ("coverage@10", .number(figures.coverage)),
                ]))
            })),
        ]
        if let tuning { members.append(("tuning", Self.json(tuning))) }
        return .object(members)
    }

    /// The tuning's choices: per served name its parameters and validation figures (chosen and
    /// untuned default), and the winner served as `tuned`.
    static func json(_ tuning: TuningRecord) -> JSONValue {
        .object([
            ("winner", .string(tuning.winner)), ("validation", .string("last item of each user with two or more, K = 10")),
            ("validation_users", .integer(tuning.validationUsers)), ("budget", .integer(tuning.budget)),
            ("seconds", .number(tuning.seconds)),
            ("models", .object(tuning.choices.map { choice in
                (choice.model, .object([
                    ("chosen", .string(choice.summary)),
                    ("parameters", .object(choice.parameters.map { ($0.name, .number($0.value)) })),
                    ("validation", .object([("ndcg@10", .number(choice.validationNDCG)), ("hr@10", .number(choice.validationHitRate))])),
                    ("untuned_validation", .object([("ndcg@10", .number(choice.untunedNDCG)), ("hr@10", .number(choice.untunedHitRate))])),
                    ("fits", .integer(choice.fits)), ("eligible", .bool(choice.eligible)),
                ]))
            })),
        ])
    }
}
