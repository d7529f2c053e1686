import Foundation
import PostgresClient
import ShoeData

/// Due care notifications ("time to clean and condition your shoes"), for the marketing tools.
///
/// Schedule, in UTC calendar days (``Day``):
/// - A purchase's purchase day is the UTC date of its `interactions.occurred_at` (kind `purchase`):
///   a purchase at 2026-01-31T23:30-05:00 belongs to 2026-02-01.
/// - Care recurs every `intervalDays` (default 30): the due days are purchase day + n × interval,
///   n ≥ 1. At `as_of`, the current due day is the latest of them on or before `as_of`; a purchase
///   younger than one interval has none.
/// - A purchase is due iff it has a current due day and `user_shoe_care` holds no (purchase, `care`,
///   that day) row. So once a notification is recorded it is not due again until the next due day
///   ("no care notification in the last interval"), and recording is idempotent.
/// - Each purchase is its own pair of shoes: a user who bought the same shoe twice gets a schedule
///   for each pair. Simple, and right for people who own two pairs; a later purchase does not retire
///   the earlier pair.
///
/// Scale: every purchase at least one interval old can be due on any day (the due day depends on
/// (as_of − purchase day) mod interval), so there is no index that finds only the due ones. Each
/// page is instead an index range scan over `interactions_purchases_by_date` (purchases only, in
/// time order; `interactions_one_event` for one user) starting at the cursor, checking each
/// purchase against `user_shoe_care_once`, and stopping after `limit` due items. `LIMIT` and the
/// keyset cursor are what bound a page's work: about `limit` purchases plus those skipped because
/// they were already notified, never the whole table.
public struct CareNotifications: Sendable {
    /// Care intervals accepted: a day to ten years.
    public static let intervals = 1...3650
    public static let defaultInterval = 30

    private let pool: PostgresPool

    /// - Parameter pool: the service's database; connections are borrowed per call.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Due care notifications across all users, oldest purchase first (`GET /care`).
    /// - Parameters:
    ///   - asOf: the day the schedule is evaluated on (the caller passes today, UTC, by default).
    ///   - intervalDays: `care_interval_days`, in ``intervals``.
    ///   - limit: page size, in ``NotificationPaging/limits``.
    ///   - cursor: `next_cursor` of the previous page; nil for the first.
    /// - Throws: ``NotificationError`` for bad input, `PostgresError` when the database fails.
    public func due(
        asOf: Day, intervalDays: Int = defaultInterval, limit: Int = NotificationPaging.defaultLimit,
        cursor: String? = nil
    ) throws -> NotificationPage<DueCare> {
        try page(userID: nil, asOf: asOf, intervalDays: intervalDays, limit: limit, cursor: cursor)
    }

    /// One user's due care notifications (`GET /users/{id}/care`), paged like ``due(asOf:intervalDays:limit:cursor:)``.
    /// - Throws: ``NotificationError/unknownUser(_:)`` when there is no such user.
    public func due(
        forUser userID: Int, asOf: Day, intervalDays: Int = defaultInterval,
        limit: Int = NotificationPaging.defaultLimit, cursor: String? = nil
    ) throws -> NotificationPage<DueCare> {
        try page(userID: userID, asOf: asOf, intervalDays: intervalDays, limit: limit, cursor: cursor)
    }

    /// Records sent care notifications (`POST /care/sent`) so they are not due again.
    ///
    /// A record's `due_on` must be one of the purchase's due days (purchase day + n × interval,
    /// n ≥ 1); without it, the current due day at `asOf`. All records or none are written; a record
    /// already written is not an error and is not counted as inserted.
    /// - Throws: ``NotificationError/unknownPurchases(_:)`` for ids that are not purchases,
    ///   ``NotificationError/notDueOn(_:)`` for days that are not due days, nothing written.
    public func markSent(
        _ records: [SentNotification], asOf: Day, intervalDays: Int = defaultInterval
    ) throws -> SentReport {
        guard Self.intervals.contains(intervalDays) else { throw NotificationError.invalidInterval(intervalDays) }
        return try NotificationSentLog.record(records, kind: .care, pool: pool) { record, purchase in
            if let day = record.dueOn {
                let elapsed = day.days(since: purchase.purchaseDay)
                return elapsed >= intervalDays && elapsed % intervalDays == 0 ? day : nil
            }
            return Self.currentDueDay(purchaseDay: purchase.purchaseDay, asOf: asOf, intervalDays: intervalDays)
        }
    }

    /// The latest due day on or before `asOf`, or nil when the purchase is younger than one interval.
    public static func currentDueDay(purchaseDay: Day, asOf: Day, intervalDays: Int) -> Day? {
        let elapsed = asOf.days(since: purchaseDay)
        guard intervalDays > 0, elapsed >= intervalDays else { return nil }
        return purchaseDay.adding(days: elapsed / intervalDays * intervalDays)
    }

    private func page(
        userID: Int?, asOf: Day, intervalDays: Int, limit: Int, cursor: String?
    ) throws -> NotificationPage<DueCare> {
        guard Self.intervals.contains(intervalDays) else { throw NotificationError.invalidInterval(intervalDays) }
        try NotificationPaging.validate(limit: limit)
        let position = try cursor.map { text throws(NotificationError) in try NotificationCursor(text, list: .care) }

        let (sql, parameters) = Self.scan(
            userID: userID, asOf: asOf, intervalDays: intervalDays, limit: limit, after: position)
        return try pool.withConnection { connection in
            if let userID { try NotificationUsers.requireUser(userID, connection) }
            let rows = try connection.query(sql, parameters)
            var items: [DueCare] = []
            var last: NotificationCursor?
            for row in rows.prefix(limit) {
                let micros = try row.decode("occurred_micros", as: Int64.self)
                let item = DueCare(
                    purchase: try PurchasedPair(row: row), dueOn: Day(daysSinceEpoch: try row.decode("due_day")),
                    careInstructions: try row.decode("care_instructions"))
                items.append(item)
                last = NotificationCursor(list: .care, occurredMicros: micros, purchaseID: item.purchaseID)
            }
            let more = rows.count > limit
            return NotificationPage(items: items, nextCursor: more ? last?.text : nil)
        }
    }

    /// The page's statement: due purchases after `position`, at most `limit` + 1 (the extra row
    /// says whether another page follows). Internal so a test can EXPLAIN it.
    static func scan(
        userID: Int?, asOf: Day, intervalDays: Int, limit: Int, after position: NotificationCursor?
    ) -> (sql: String, parameters: [any PostgresEncodable]) {
        // $1 as_of, $2 interval, $3 the end of the last purchase day that can be due, $4 limit + 1.
        var parameters: [any PostgresEncodable] = [
            asOf.description, intervalDays, asOf.adding(days: -intervalDays + 1).start, limit + 1,
        ]
        let conditions = NotificationCursor.conditions(userID: userID, after: position, parameters: &parameters)
        // The purchase day, in SQL: the UTC date whatever the session's TimeZone.
        let purchaseDay = "(i.occurred_at AT TIME ZONE 'UTC')::date"
        let dueDay = "\(purchaseDay) + ($1::date - \(purchaseDay)) / $2::integer * $2::integer"
        let sql = """
            SELECT i.id, i.user_id, i.shoe_id, s.brand, s.model, s.care_instructions,
                   (extract(epoch FROM i.occurred_at) * 1000000)::bigint AS occurred_micros,
                   \(dueDay) - DATE '1970-01-01' AS due_day
            FROM interactions i
            JOIN shoes s ON s.id = i.shoe_id
            WHERE i.kind = 'purchase' AND i.occurred_at < $3::timestamptz
            \(NotificationCursor.scanTail(conditions: conditions, unsent: "care", dueOn: dueDay, limit: "$4"))
            """
        return (sql, parameters)
    }
}
