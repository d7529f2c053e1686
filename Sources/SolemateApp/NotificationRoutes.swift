import HTTPServer
import ShoeData
import ShoeServices

/// Care notifications and replacement suggestions for the marketing tools: paged lists of what is
/// due on a day, and the records of what was sent.
struct NotificationRoutes: RouteGroup {
    let care: CareNotifications
    let replacements: ReplacementSuggestions
    let careIntervalDays: Int
    let blocking: BlockingWork

    func register(on router: inout Router) {
        router.get("/care") { request in
            let page = try Page(request)
            let due = try await blocking.run {
                try care.due(asOf: page.asOf, intervalDays: careIntervalDays, limit: page.limit, cursor: page.cursor)
            }
            return .json(NotificationWire.page(due, item: NotificationWire.care))
        }
        router.get("/users/:id/care") { request in
            let user = try request.integerParameter("id")
            let page = try Page(request)
            let due = try await blocking.run {
                try care.due(forUser: user, asOf: page.asOf, intervalDays: careIntervalDays, limit: page.limit, cursor: page.cursor)
            }
            return .json(NotificationWire.page(due, item: NotificationWire.care))
        }
        router.post("/care/sent") { request in
            let records = try request.decodeOneOrMany(NotificationWire.SentRecord.self).map(\.notification)
            let asOf = try request.asOf()
            let report = try await blocking.run { try care.markSent(records, asOf: asOf, intervalDays: careIntervalDays) }
            return .json(NotificationWire.report(report))
        }
        router.get("/replacement") { request in
            let page = try Page(request)
            let (within, k) = try Self.horizon(request)
            let filter = try RecommendationFilterWire.filter(request, hasUser: true)
            let due = try await blocking.run {
                try replacements.due(asOf: page.asOf, withinDays: within, k: k, limit: page.limit, cursor: page.cursor, filter: filter)
            }
            return .json(NotificationWire.page(due, item: NotificationWire.replacement))
        }
        router.get("/users/:id/replacement") { request in
            let user = try request.integerParameter("id")
            let page = try Page(request)
            let (within, k) = try Self.horizon(request)
            let filter = try RecommendationFilterWire.filter(request, hasUser: true)
            let due = try await blocking.run {
                try replacements.due(
                    forUser: user, asOf: page.asOf, withinDays: within, k: k, limit: page.limit, cursor: page.cursor, filter: filter)
            }
            return .json(NotificationWire.page(due, item: NotificationWire.replacement))
        }
        router.post("/replacement/sent") { request in
            let records = try request.decodeOneOrMany(NotificationWire.SentRecord.self).map(\.notification)
            return .json(NotificationWire.report(try await blocking.run { try replacements.markSent(records) }))
        }
    }

    /// `as_of`, `limit` and `cursor` of a list request.
    private struct Page: Sendable {
        var asOf: Day
        var limit: Int
        var cursor: String?

        init(_ request: Request) throws(HTTPError) {
            asOf = try request.asOf()
            limit = try request.integerQuery("limit", default: NotificationPaging.defaultLimit)
            cursor = request.query["cursor"]
        }
    }

    /// `within_days` and `k` of a replacement list.
    private static func horizon(_ request: Request) throws(HTTPError) -> (withinDays: Int, k: Int) {
        (try request.integerQuery("within_days", default: ReplacementSuggestions.defaultWindow),
         try request.integerQuery("k", default: ReplacementSuggestions.defaultSuggestionCount))
    }
}
