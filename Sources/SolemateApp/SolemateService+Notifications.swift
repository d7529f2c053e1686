import Foundation
import HTTPServer
import ShoeData
import ShoeServices

extension SolemateService {
    /// Care notifications and replacement suggestions for the marketing tools.
    func addNotificationRoutes(_ router: inout Router) {
        add(&router, .get, "/care") { request in
            let (asOf, limit) = try Self.pageParameters(request)
            let care = self.care
            let interval = self.configuration.careIntervalDays
            let page = try await Self.onBlockingThread {
                try care.due(asOf: asOf, intervalDays: interval, limit: limit, cursor: request.query["cursor"])
            }
            return try .json(page, encoder: Self.encoder)
        }
        add(&router, .get, "/users/:id/care") { request in
            let user = try request.integerParameter("id")
            let (asOf, limit) = try Self.pageParameters(request)
            let care = self.care
            let interval = self.configuration.careIntervalDays
            let page = try await Self.onBlockingThread {
                try care.due(forUser: user, asOf: asOf, intervalDays: interval, limit: limit, cursor: request.query["cursor"])
            }
            return try .json(page, encoder: Self.encoder)
        }
        add(&router, .post, "/care/sent") { request in
            let records = try Self.sentRecords(request)
            let asOf = try Self.asOf(request)
            let care = self.care
            let interval = self.configuration.careIntervalDays
            let report = try await Self.onBlockingThread { try care.markSent(records, asOf: asOf, intervalDays: interval) }
            return try .json(report, encoder: Self.encoder)
        }
        add(&router, .get, "/replacement") { request in
            let (asOf, limit) = try Self.pageParameters(request)
            let within = try request.integerQuery("within_days", default: ReplacementSuggestions.defaultWindow, in: ReplacementSuggestions.windows)
            let k = try request.integerQuery("k", default: ReplacementSuggestions.defaultSuggestionCount, in: ReplacementSuggestions.suggestionCounts)
            let replacements = self.replacements
            let page = try await Self.onBlockingThread {
                try replacements.due(asOf: asOf, withinDays: within, k: k, limit: limit, cursor: request.query["cursor"])
            }
            return try .json(page, encoder: Self.encoder)
        }
        add(&router, .get, "/users/:id/replacement") { request in
            let user = try request.integerParameter("id")
            let (asOf, limit) = try Self.pageParameters(request)
            let within = try request.integerQuery("within_days", default: ReplacementSuggestions.defaultWindow, in: ReplacementSuggestions.windows)
            let k = try request.integerQuery("k", default: ReplacementSuggestions.defaultSuggestionCount, in: ReplacementSuggestions.suggestionCounts)
            let replacements = self.replacements
            let page = try await Self.onBlockingThread {
                try replacements.due(forUser: user, asOf: asOf, withinDays: within, k: k, limit: limit, cursor: request.query["cursor"])
            }
            return try .json(page, encoder: Self.encoder)
        }
        add(&router, .post, "/replacement/sent") { request in
            let records = try Self.sentRecords(request)
            let replacements = self.replacements
            let report = try await Self.onBlockingThread { try replacements.markSent(records) }
            return try .json(report, encoder: Self.encoder)
        }
    }

    /// `as_of` (a UTC day, today by default) and `limit` (1...1000, 100 by default).
    static func pageParameters(_ request: Request) throws(HTTPError) -> (Day, Int) {
        (try asOf(request),
         try request.integerQuery("limit", default: NotificationPaging.defaultLimit, in: NotificationPaging.limits))
    }

    static func asOf(_ request: Request) throws(HTTPError) -> Day {
        guard let text = request.query["as_of"] else { return .today }
        guard let day = Day(text) else { throw HTTPError(.badRequest, detail: "as_of must be a date YYYY-MM-DD.") }
        return day
    }

    /// One record or an array of them.
    static func sentRecords(_ request: Request) throws(HTTPError) -> [SentNotification] {
        if request.body.first(where: { !$0.isWhitespace }) == UInt8(ascii: "[") {
            return try request.decode([SentNotification].self)
        }
        return [try request.decode(SentNotification.self)]
    }
}
