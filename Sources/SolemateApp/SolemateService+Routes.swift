import Foundation
import HTTPServer
import PostgresClient
import Recommender
import ShoeServices

extension SolemateService {
    /// Every route of the service. Each handler is wrapped so that its errors become problem
    /// responses (never an internal message) and its request is counted and timed per route.
    public func router() -> Router {
        var router = Router()
        router.addHealthRoute()
        add(&router, .get, "/ready") { _ in try await self.readiness() }
        add(&router, .get, "/metrics") { _ in self.metricsResponse() }
        add(&router, .get, "/openapi.yaml") { _ in try self.openAPIDocument() }

        add(&router, .get, "/users/:id/recommendations") { request in
            let user = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10, in: 1...100)
            let model = request.query["model"] ?? "hybrid"
            return RecommendationJSON.response(try self.engine.recommend(userID: user, k: k, modelName: model))
        }
        add(&router, .get, "/shoes/:id/similar") { request in
            let shoe = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10, in: 1...100)
            return RecommendationJSON.list(try self.engine.similar(shoeID: shoe, k: k))
        }
        add(&router, .get, "/popular") { request in
            let k = try request.integerQuery("k", default: 10, in: 1...100)
            return RecommendationJSON.list(try self.engine.popular(k: k, type: request.query["type"]))
        }
        add(&router, .get, "/users/:id") { request in
            let id = try request.integerParameter("id")
            guard let profile = try await Self.onBlockingThread({ try self.directory.user(id) }) else {
                throw HTTPError(.notFound, detail: "No user with id \(id).")
            }
            return try .json(profile, encoder: Self.encoder)
        }
        add(&router, .get, "/shoes/:id") { request in
            let id = try request.integerParameter("id")
            guard self.engine.snapshot != nil else { throw RecommendationError.noModel }
            guard let shoe = self.engine.catalog.shoe(id) else { throw HTTPError(.notFound, detail: "No shoe with id \(id).") }
            return try .json(ShoeDetails(shoe), encoder: Self.encoder)
        }
        add(&router, .post, "/interactions") { request in try await self.postInteractions(request) }
        add(&router, .post, "/shoes") { request in try await self.postShoe(request) }
        add(&router, .post, "/admin/train") { request in try await self.adminTrain(request) }
        add(&router, .get, "/admin/models") { request in try self.adminModels(request) }
        addNotificationRoutes(&router)
        return router
    }

    func add(_ router: inout Router, _ method: HTTPMethod, _ pattern: String,
             _ handler: @escaping @Sendable (Request) async throws -> Response) {
        router.on(method, pattern) { request in
            let started = ContinuousClock.now
            let response: Response
            do {
                response = try await handler(request)
            } catch {
                response = self.problem(for: error, request: request)
            }
            self.metrics.recordRequest(
                method: method.rawValue, route: pattern, status: response.status.code, duration: ContinuousClock.now - started)
            return response
        }
    }

    /// The problem response for an error; only `HTTPError` and the services' own typed errors
    /// say anything specific, everything else is a bare 500 (the details go to the log).
    func problem(for error: any Error, request: Request) -> Response {
        switch error {
        case let error as HTTPError:
            return .problem(error)
        case let error as RecommendationError:
            let status: HTTPStatus = switch error {
            case .noModel: .serviceUnavailable
            case .invalidK, .unknownModel: .badRequest
            case .unknownShoe: .notFound
            }
            return .problem(status: status, detail: error.description)
        case let error as InteractionIngest.IngestError:
            switch error {
            case .emptyBatch: return .problem(status: .badRequest, detail: error.description)
            case .tooManyEvents: return .problem(status: .contentTooLarge, detail: error.description)
            case .invalidEvents(let problems): return Self.invalidEvents(problems)
            }
        case let error as PostgresError where error.isConnectionFailure || error.kind == .poolTimeout:
            logger.warning("database unavailable", metadata: ["request_id": "\(request.requestID)", "error": "\(error)"])
            return .problem(status: .serviceUnavailable, detail: "The database is unavailable; nothing was written. Retry later.")
        case let error as NotificationError:
            if case .unknownUser = error { return .problem(status: .notFound, detail: error.description) }
            if case .tooManyRecords = error { return .problem(status: .contentTooLarge, detail: error.description) }
            if case .unknownPurchases = error { return .problem(status: .unprocessableContent, detail: error.description) }
            if case .notDueOn = error { return .problem(status: .unprocessableContent, detail: error.description) }
            return .problem(status: .badRequest, detail: error.description)
        case is Unauthorized:
            var response = Response.problem(status: .unauthorized, detail: "A valid bearer token is required.")
            response.headers.add(name: "WWW-Authenticate", value: "Bearer")
            return response
        case is TrainingBusy:
            return .problem(status: .conflict, detail: "A training is already running.")
        default:
            logger.error("request failed", metadata: [
                "request_id": "\(request.requestID)", "path": "\(request.path)",
                "error": "\((error as? PostgresError)?.debugDescription ?? String(describing: error))",
            ])
            return .problem(status: .internalServerError, detail: "The request failed; its id is \(request.requestID).")
        }
    }

    /// 422 with every bad event listed, as an RFC 9457 extension member `errors`.
    static func invalidEvents(_ problems: [InteractionIngest.Problem]) -> Response {
        struct Document: Encodable {
            let type = "about:blank", title = "Unprocessable Content", status = 422
            let detail: String
            let errors: [InteractionIngest.Problem]
        }
        let document = Document(detail: "\(problems.count) invalid event(s); nothing was written.", errors: problems)
        let body = (try? JSONEncoder().encode(document)) ?? Data()
        return Response(status: HTTPStatus(code: 422), headers: ["Content-Type": "application/problem+json"], body: Array(body))
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension Request {
    /// A path parameter that must be a positive integer id.
    func integerParameter(_ name: String) throws(HTTPError) -> Int {
        guard let text = pathParameters[name], let value = Int(text), value > 0, value <= Int(Int32.max) else {
            throw HTTPError(.badRequest, detail: "The \(name) in the path must be a positive integer.")
        }
        return value
    }

    /// A query parameter that must be an integer in `range`, or `fallback` when absent.
    func integerQuery(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(HTTPError) -> Int {
        guard let text = query[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(.badRequest, detail: "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
