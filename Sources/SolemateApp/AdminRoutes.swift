import Foundation
import HTTPServer
import ShoeServices

/// `/admin/*`: start a retraining and list the model versions. The bearer token is checked by
/// `BearerTokenMiddleware` around this group, not here.
struct AdminRoutes: RouteGroup {
    let training: TrainingCoordinator
    let engine: RecommendationEngine

    func register(on router: inout Router) {
        router.post("/admin/train") { _ in
            try training.startRetraining()
            struct Accepted: Encodable { var status = "training started" }
            return try .wire(Accepted(), status: .accepted)
        }
        router.get("/admin/models") { _ in
            let state = training.current
            return try .wire(Models(
                current: engine.snapshot?.version, trainingInProgress: state.inProgress,
                lastTrainingError: state.lastError, items: state.history.reversed()))
        }
    }

    /// The wire form of /admin/models.
    struct Models: Encodable {
        var current: String?
        var trainingInProgress: Bool
        var lastTrainingError: String?
        var items: [ModelVersionRecord]

        enum CodingKeys: String, CodingKey {
            case current
            case trainingInProgress = "training_in_progress"
            case lastTrainingError = "last_training_error"
            case items
        }
    }
}

/// One trained model version, as /admin/models lists it.
struct ModelVersionRecord: Sendable, Encodable {
    var version: String
    var trainedAt: Date
    var trainingSeconds: Double
    var events: Int
    var users: Int
    var models: [String]
    var evaluation: [String: ModelSnapshot.ModelFigures]

    init(_ snapshot: ModelSnapshot) {
        version = snapshot.version
        trainedAt = snapshot.trainedAt
        trainingSeconds = snapshot.trainingSeconds
        events = snapshot.eventCount
        users = snapshot.userCount
        models = snapshot.modelNames
        evaluation = snapshot.evaluation
    }

    enum CodingKeys: String, CodingKey {
        case version
        case trainedAt = "trained_at"
        case trainingSeconds = "training_seconds"
        case events, users, models, evaluation
    }
}
