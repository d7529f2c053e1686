import HTTPServer
import ShoeServices

/// `POST /interactions`: one event or a batch, written in one transaction and counted at once in
/// the user's recommendations.
struct IngestionRoutes: RouteGroup {
    let ingest: InteractionIngest
    let metrics: ServiceMetrics
    let blocking: BlockingWork

    func register(on router: inout Router) {
        router.post("/interactions") { request in
            let events = try request.decodeOneOrMany(IngestionWire.EventBody.self).map(\.event)
            let result = try await blocking.run { try ingest.ingest(events) }
            metrics.interactionsIngested(result.inserted)
            return .json(IngestionWire.created(ids: result.ids, inserted: result.inserted), status: .created)
        }
    }
}
