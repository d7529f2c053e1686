import HTTPServer
import JSON
import Logging
import PostgresClient
import ShoeServices

/// The service's one mapping from the typed errors of its parts to client-facing problems.
///
/// Only these errors say anything specific; everything else is a bare 500 (its text goes to the
/// log, never to the client), so database text cannot leak. The services throw domain errors and
/// know no statuses: which status an error deserves is an HTTP decision, taken here.
enum ServiceErrors {
    static func translation(logger: Logger) -> ProblemMiddleware.Translation {
        { error, request in httpError(for: error, request: request, logger: logger) }
    }

    static func httpError(for error: any Error, request: Request, logger: Logger) -> HTTPError? {
        switch error {
        case let error as RecommendationError:
            let status: HTTPStatus = switch error {
            case .noModel: .serviceUnavailable
            case .invalidK, .unknownModel, .invalidFilter: .badRequest
            case .unknownShoe: .notFound
            }
            return HTTPError(status, detail: error.description)
        case let error as InteractionIngest.IngestError:
            switch error {
            case .emptyBatch: return HTTPError(.badRequest, detail: error.description)
            case .tooManyEvents: return HTTPError(.contentTooLarge, detail: error.description)
            case .invalidEvents(let problems): return invalidEvents(problems)
            }
        case let error as PostgresError where error.isConnectionFailure || error.kind == .poolTimeout:
            logger.warning("database unavailable", metadata: ["request_id": "\(request.requestID)", "error": "\(error)"])
            return HTTPError(.serviceUnavailable, detail: "The database is unavailable; nothing was written. Retry later.")
        case let error as NotificationError:
            let status: HTTPStatus = switch error {
            case .unknownUser: .notFound
            case .tooManyRecords: .contentTooLarge
            case .unknownPurchases, .notDueOn: .unprocessableContent
            default: .badRequest
            }
            return HTTPError(status, detail: error.description)
        case let error as ExperimentError:
            switch error {
            case .invalid(let problems):
                return HTTPError(
                    .unprocessableContent, detail: error.description,
                    members: [("errors", .array(problems.map { .object([("field", .string($0.field)), ("message", .string($0.message))]) }))])
            case .duplicateName, .surfaceBusy, .alreadyStopped: return HTTPError(.conflict, detail: error.description)
            case .notFound: return HTTPError(.notFound, detail: error.description)
            }
        case is TrainingCoordinator.Busy:
            return HTTPError(.conflict, detail: "A training is already running.")
        case is ExportJobs.Busy:
            return HTTPError(.conflict, detail: "An export is already running; follow it at GET /admin/exports/{id}.")
        default:
            return nil
        }
    }

    /// 422 with every bad event listed, as an RFC 9457 extension member `errors`.
    static func invalidEvents(_ problems: [InteractionIngest.Problem]) -> HTTPError {
        HTTPError(
            .unprocessableContent, detail: "\(problems.count) invalid event(s); nothing was written.",
            members: [("errors", .array(problems.map(IngestionWire.problem)))])
    }
}
