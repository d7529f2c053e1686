import Foundation
import PostgresClient
import ShoeData

/// Ranks shoes to replace a worn one: shoe ids, best first.
///
/// The models live outside this target's concern, so the service takes the ranking as a function.
/// The app plugs in "content similarity to the worn shoe, excluding `owned`, the user's hybrid
/// score as tie-breaker"; tests pass something simple and deterministic. It runs while no database
/// connection is held.
/// - Parameters: the user, the worn shoe, how many to return, the shoes the user has bought, and
///   the storefront's filter the suggestions must pass (applied before the k are cut).
public typealias ReplacementSuggester =
    @Sendable (_ userID: Int, _ wornShoeID: Int, _ k: Int, _ owned: Set<Int>, _ filter: RecommendationFilter) -> [Int]

/// Pairs near or past their estimated end of life, with suggestions for the next pair.
///
/// Schedule, in UTC calendar days (``Day``):
/// - estimated end of life = purchase day (UTC date of the purchase) + the shoe's `lifespan_days`.
/// - At `as_of` with a window of `within_days`, a purchase is due iff its end of life is on or
///   before `as_of + within_days` — past ones included, however long ago — and `user_shoe_care`
///   holds no (purchase, `replacement`, end-of-life day) row. `days_left` = end of life − `as_of`,
///   negative once past. A recorded replacement notification is never due again: a pair has one end
///   of life.
/// - Each purchase is its own pair: a user who bought the same shoe again still gets the earlier
///   pair's reminder (the two pairs wear out on their own schedules).
/// - Suggestions: the ``ReplacementSuggester``'s ids, then, whatever it returned, without the worn
///   shoe, shoes the user has ever bought, repeats and ids not in the catalogue, at most `k`.
///
/// Scale: one page is an index range scan over `interactions_purchases_by_date` (or
/// `interactions_one_event` for one user), from the cursor up to the last purchase day that can
/// reach its end of life within the window with the shortest lifespan in the catalogue, checking
/// each purchase against `user_shoe_care_once`, stopped by `LIMIT`. Old purchases whose reminder was
/// sent are skipped on every scan from the start; if that prefix grows large, a look-back bound on
/// the purchase day is the next step.
public struct ReplacementSuggestions: Sendable {
    /// `within_days` accepted: today only, up to ten years ahead.
    public static let windows = 0...3650
    public static let defaultWindow = 14
    /// Suggestions per item (`k`).
    public static let suggestionCounts = 1...50
    public static let defaultSuggestionCount = 5

    private let pool: PostgresPool
    private let suggest: ReplacementSuggester

    /// - Parameters:
    ///   - pool: the service's database; connections are borrowed per call.
    ///   - suggest: ranks replacement candidates for one worn shoe.
    public init(pool: PostgresPool, suggest: @escaping ReplacementSuggester) {
        self.pool = pool
        self.suggest = suggest
    }

    /// Due replacements across all users, oldest purchase first (`GET /replacement`).
    /// - Parameters:
    ///   - asOf: the day the window starts (the caller passes today, UTC, by default).
    ///   - withinDays: how far ahead to look, in ``windows``.
    ///   - k: suggestions per item, in ``suggestionCounts``.
    ///   - limit: page size, in ``NotificationPaging/limits``.
    ///   - cursor: `next_cursor` of the previous page; nil for the first.
    ///   - filter: what the suggestions must pass (type, brand, price band, ...).
    /// - Throws: ``NotificationError`` for bad input, ``RecommendationError`` for a filter out of
    ///   range, `PostgresError` when the database fails.
    public func due(
        asOf: Day, withinDays: Int = defaultWindow, k: Int = defaultSuggestionCount,
        limit: Int = NotificationPaging.defaultLimit, cursor: String? = nil, filter: RecommendationFilter = .none
    ) throws -> NotificationPage<DueReplacement> {
        try page(userID: nil, asOf: asOf, withinDays: withinDays, k: k, limit: limit, cursor: cursor, filter: filter)
    }

    /// One user's due replacements (`GET /users/{id}/replacement`), paged like the list for all.
    /// - Throws: ``NotificationError/unknownUser(_:)`` when there is no such user.
    public func due(
        forUser userID: Int, asOf: Day, withinDays: Int = defaultWindow, k: Int = defaultSuggestionCount,
        limit: Int = NotificationPaging.defaultLimit, cursor: String? = nil, filter: RecommendationFilter = .none
    ) throws -> NotificationPage<DueReplacement> {
        try page(userID: userID, asOf: asOf, withinDays: withinDays, k: k, limit: limit, cursor: cursor, filter: filter)
    }

    /// Records sent replacement notifications (`POST /replacement/sent`) so they are not due again.
    ///
    /// A record's `due_on` must be the purchase's estimated end of life, which is also the default.
    /// All records or none are written; a record already written is not an error and not counted.
    /// - Throws: ``NotificationError/unknownPurchases(_:)``, ``NotificationError/notDueOn(_:)``.
    public func markSent(_ records: [SentNotification]) throws -> SentReport {
        try NotificationSentLog.record(records, kind: .replacement, pool: pool) { record, purchase in
            let endOfLife = purchase.purchaseDay.adding(days: purchase.lifespanDays)
            return record.dueOn == nil || record.dueOn == endOfLife ? endOfLife : nil
        }
    }

    /// A due purchase as the scan finds it, before suggestions.
    private struct Worn {
        var item: DueReplacement
        var micros: Int64
    }

    private func page(
        userID: Int?, asOf: Day, withinDays: Int, k: Int, limit: Int, cursor: String?, filter: RecommendationFilter
    ) throws -> NotificationPage<DueReplacement> {
        guard Self.windows.contains(withinDays) else { throw NotificationError.invalidWindow(withinDays) }
        try filter.validate()
        guard Self.suggestionCounts.contains(k) else { throw NotificationError.invalidSuggestionCount(k) }
        try NotificationPaging.validate(limit: limit)
        let position = try cursor.map { text throws(NotificationError) in
            try NotificationCursor(text, list: .replacement)
        }
        let (sql, parameters) = Self.scan(userID: userID, asOf: asOf, withinDays: withinDays, limit: limit, after: position)
        let (worn, owned, more) = try pool.withConnection { connection in
            if let userID { try NotificationUsers.requireUser(userID, connection) }
            let rows = try connection.query(sql, parameters)
            var worn: [Worn] = []
            for row in rows.prefix(limit) {
                let micros = try row.decode("occurred_micros", as: Int64.self)
                let end = Day(daysSinceEpoch: try row.decode("end_of_life"))
                worn.append(Worn(item: DueReplacement(
                    purchase: try PurchasedPair(row: row), estimatedEndOfLife: end, daysLeft: end.days(since: asOf), suggestions: []), micros: micros))
            }
            let owned = try ownedShoes(of: Set(worn.map(\.item.userID)), connection)
            return (worn, owned, rows.count > limit)
        }

        // The models run without a connection held.
        let ranked = worn.map { worn -> [Int] in
            let item = worn.item
            let mine = owned[item.userID, default: []].union([item.shoeID])
            var seen = Set<Int>()
            return suggest(item.userID, item.shoeID, k, mine, filter)
                .filter { !mine.contains($0) && seen.insert($0).inserted }
        }
        let catalogue = try shoeSummaries(Set(ranked.joined()))
        let items = zip(worn, ranked).map { worn, ids in
            var item = worn.item
            item.suggestions = Array(ids.compactMap { catalogue[$0] }.prefix(k))
            return item
        }
        let next = more ? worn.last.map {
            NotificationCursor(list: .replacement, occurredMicros: $0.micros, purchaseID: $0.item.purchaseID).text
        } : nil
        return NotificationPage(items: items, nextCursor: next)
    }


    /// The page's statement: due purchases after `position`, at most `limit` + 1 (the extra row
    /// says whether another page follows). Internal so a test can EXPLAIN it.
    static func scan(
        userID: Int?, asOf: Day, withinDays: Int, limit: Int, after position: NotificationCursor?
    ) -> (sql: String, parameters: [any PostgresEncodable]) {
        let horizon = asOf.adding(days: withinDays)

        // $1 the last end-of-life day in the window, $2 the end of that day, $3 limit + 1.
        var parameters: [any PostgresEncodable] = [horizon.description, horizon.adding(days: 1).start, limit + 1]
        let conditions = NotificationCursor.conditions(userID: userID, after: position, parameters: &parameters)
        let endOfLife = "(i.occurred_at AT TIME ZONE 'UTC')::date + s.lifespan_days"
        // The index bound: no purchase after (end of the horizon day − shortest lifespan) can be due.
        // Whole hours, not days, so the session's TimeZone cannot shift it across a DST change.
        let sql = """
            SELECT i.id, i.user_id, i.shoe_id, s.brand, s.model,
                   (extract(epoch FROM i.occurred_at) * 1000000)::bigint AS occurred_micros,
                   \(endOfLife) - DATE '1970-01-01' AS end_of_life
            FROM interactions i
            JOIN shoes s ON s.id = i.shoe_id
            WHERE i.kind = 'purchase'
              AND i.occurred_at < $2::timestamptz - (SELECT min(lifespan_days) FROM shoes) * INTERVAL '24 hours'
              AND \(endOfLife) <= $1::date
            \(NotificationCursor.scanTail(conditions: conditions, unsent: "replacement", dueOn: endOfLife, limit: "$3"))
            """
        return (sql, parameters)
    }

    /// Every shoe each user has bought, at any time: a suggestion never repeats one.
    private func ownedShoes(of users: Set<Int>, _ connection: PostgresConnection) throws -> [Int: Set<Int>] {
        guard !users.isEmpty else { return [:] }
        var owned: [Int: Set<Int>] = [:]
        let rows = try connection.query("""
            SELECT DISTINCT user_id, shoe_id FROM interactions
            WHERE user_id = ANY($1::integer[]) AND kind = 'purchase'
            """, [users.sorted()])
        for row in rows {
            owned[try row.decode(Int.self, at: 0), default: []].insert(try row.decode(Int.self, at: 1))
        }
        return owned
    }

    /// The catalogue's summaries of `ids`; ids not in the catalogue are simply absent.
    private func shoeSummaries(_ ids: Set<Int>) throws -> [Int: ShoeSummary] {
        guard !ids.isEmpty else { return [:] }
        return try pool.withConnection { connection in
            try ShoeCatalog.loadShoes(ids, connection).mapValues(ShoeSummary.init)
        }
    }
}
