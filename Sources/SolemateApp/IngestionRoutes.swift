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
            let events = try request.decodeOneOrMany(InteractionIngest.Event.self)
            let result = try await blocking.run { try ingest.ingest(events) }
            metrics.interactionsIngested(result.inserted)
            struct Created: Encodable { var ids: [Int64]; var inserted: Int }
            return try .wire(Created(ids: result.ids, inserted: result.inserted), status: .created)
        }
    }
}
