import Foundation
import HTTPServer
import PostgresClient
import ShoeServices

extension SolemateService {
    /// Ready when the database answers and a model is loaded; otherwise 503 saying which is missing.
    func readiness() async throws -> Response {
        struct Readiness: Encodable {
            var status: String
            var database: String
            var model: String
            var modelVersion: String?
            var lastTrainingError: String?

            enum CodingKeys: String, CodingKey {
                case status, database, model
                case modelVersion = "model_version"
                case lastTrainingError = "last_training_error"
            }
        }
        let databaseUp: Bool
        do {
            databaseUp = try await pool.withConnection { try $0.query("SELECT 1").count == 1 }
        } catch {
            databaseUp = false
        }
        let snapshot = engine.snapshot
        let ready = databaseUp && snapshot != nil
        let body = Readiness(
            status: ready ? "ready" : "not ready", database: databaseUp ? "reachable" : "unreachable",
            model: snapshot == nil ? "not loaded" : "loaded", modelVersion: snapshot?.version,
            lastTrainingError: training.withLock { $0.lastError == nil ? nil : "the last training failed; see the log" })
        return try .json(body, status: ready ? .ok : .serviceUnavailable, encoder: Self.encoder)
    }

    func metricsResponse() -> Response {
        let statistics = pool.statistics
        metrics.sample(poolInUse: statistics.inUse, poolOpen: statistics.open, modelLoaded: engine.snapshot != nil)
        return Response(headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: metrics.exposition())
    }

    func openAPIDocument() throws -> Response {
        guard let document = FileManager.default.contents(atPath: configuration.openAPIPath) else {
            throw HTTPError(.notFound, detail: "The OpenAPI document is not installed with this service.")
        }
        return Response(headers: ["Content-Type": "application/yaml"], body: Array(document))
    }

    /// One event or an array of them; 201 with their ids.
    func postInteractions(_ request: Request) async throws -> Response {
        let events: [InteractionIngest.Event]
        if request.body.first(where: { !$0.isWhitespace }) == UInt8(ascii: "[") {
            events = try request.decode([InteractionIngest.Event].self)
        } else {
            events = [try request.decode(InteractionIngest.Event.self)]
        }
        let result = try await Self.onBlockingThread { [ingest] in try ingest.ingest(events) }
        metrics.interactionsIngested(result.inserted)
        struct Created: Encodable { var ids: [Int64]; var inserted: Int }
        return try .json(Created(ids: result.ids, inserted: result.inserted), status: .created, encoder: Self.encoder)
    }

    /// A new shoe, stored and recommendable through content at once.
    func postShoe(_ request: Request) async throws -> Response {
        let shoe = try request.decode(ShopDirectory.NewShoe.self)
        let problems = shoe.problems()
        guard problems.isEmpty else {
            let detail = problems.keys.sorted().map { "\($0) \(problems[$0]!)" }.joined(separator: "; ")
            throw HTTPError(.unprocessableContent, detail: detail)
        }
        let stored = try await Self.onBlockingThread { [directory] in try directory.add(shoe) }
        engine.add(stored)
        return try .json(ShoeDetails(stored), status: .created, encoder: Self.encoder)
    }

    /// Starts a retraining in the background; 202 at once, 409 when one is already running.
    func adminTrain(_ request: Request) async throws -> Response {
        try authorize(request)
        let busy = training.withLock { $0.inProgress }
        guard !busy else { throw TrainingBusy() }
        Task { try? await self.retrain() }
        struct Accepted: Encodable { var status = "training started" }
        return try .json(Accepted(), status: .accepted, encoder: Self.encoder)
    }

    func adminModels(_ request: Request) throws -> Response {
        try authorize(request)
        let state = training.withLock { $0 }
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
        return try .json(
            Models(current: engine.snapshot?.version, trainingInProgress: state.inProgress,
                   lastTrainingError: state.lastError, items: state.history.reversed()),
            encoder: Self.encoder)
    }

    /// Admin endpoints need `Authorization: Bearer <ADMIN_TOKEN>`; with no token configured they
    /// do not exist (404). The comparison takes the same time wherever the tokens differ.
    func authorize(_ request: Request) throws {
        guard let expected = configuration.adminToken else {
            throw HTTPError(.notFound, detail: "Admin endpoints are off: no ADMIN_TOKEN is configured.")
        }
        let header = request.headers["Authorization"] ?? ""
        let prefix = "Bearer "
        let given = header.hasPrefix(prefix) ? Array(header.utf8.dropFirst(prefix.utf8.count)) : []
        guard Self.constantTimeEquals(given, Array(expected.utf8)) else {
            throw Unauthorized()
        }
    }

    /// A 401, answered with `WWW-Authenticate: Bearer` as RFC 9110 requires.
    struct Unauthorized: Error {}

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = a.count ^ b.count
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= Int(x ^ y)
        }
        return difference == 0
    }
}

extension UInt8 {
    var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
