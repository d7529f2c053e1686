import Foundation
import JSON
import HTTPServer
import PostgresClient
import ShoeServices

/// What operators and their tools read: liveness, readiness, Prometheus metrics and the API
/// document. (`/` is the demo page's, with the API index for clients that do not ask for HTML.)
struct OpsRoutes: RouteGroup {
    let pool: PostgresPool
    let engine: RecommendationEngine
    let training: TrainingCoordinator
    let metrics: ServiceMetrics
    let openAPIPath: String

    func register(on router: inout Router) {
        router.addHealthRoute()
        router.get("/ready") { _ in await readiness() }
        router.get("/metrics") { _ in
            let statistics = pool.statistics
            metrics.sample(poolInUse: statistics.inUse, poolOpen: statistics.open, modelLoaded: engine.version != nil)
            return Response(headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: metrics.exposition())
        }
        router.get("/openapi.yaml") { _ in
            guard let document = FileManager.default.contents(atPath: openAPIPath) else {
                throw HTTPError(.notFound, detail: "The OpenAPI document is not installed with this service.")
            }
            return Response(headers: ["Content-Type": "application/yaml"], body: Array(document))
        }
    }

    /// Ready when the database answers and a model is loaded; otherwise 503 saying which is missing.
    private func readiness() async -> Response {
        let databaseUp: Bool
        do {
            databaseUp = try await pool.withConnection { try $0.query("SELECT 1").count == 1 }
        } catch {
            databaseUp = false
        }
        let version = engine.version
        let ready = databaseUp && version != nil
        var body: [(String, JSONValue)] = [
            ("status", .string(ready ? "ready" : "not ready")),
            ("database", .string(databaseUp ? "reachable" : "unreachable")),
            ("model", .string(version == nil ? "not loaded" : "loaded")),
        ]
        if let id = version?.id { body.append(("model_version", .string(id))) }
        if training.current.lastError != nil {
            body.append(("last_training_error", .string("the last training failed; see the log")))
        }
        return .json(.object(body), status: ready ? .ok : .serviceUnavailable)
    }
}
