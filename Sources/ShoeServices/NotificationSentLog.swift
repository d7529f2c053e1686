import PostgresClient
import ShoeData

/// One notification the marketing tools sent.
///
/// `dueOn` says which occurrence was sent; without it the service takes the one due at the
/// request's `as_of` (care) or the estimated end of life (replacement).
public struct SentNotification: Sendable, Hashable {
    public var purchaseID: Int64
    public var dueOn: Day?

    /// - Parameters:
    ///   - purchaseID: `interactions.id` of the purchase the notification was about.
    ///   - dueOn: the due day that was notified; nil for the one due now.
    public init(purchaseID: Int64, dueOn: Day? = nil) {
        self.purchaseID = purchaseID
        self.dueOn = dueOn
    }
}

/// What recording sent notifications did.
public struct SentReport: Sendable, Hashable {
    /// Records in the request.
    public var received: Int
    /// Records that were new; the others (repeats, or duplicates within the request) were already
    /// recorded and changed nothing.
    public var inserted: Int
}

/// Writes sent notifications to `user_shoe_care`, shared by care and replacement.
///
/// All or nothing, in one transaction: every id must be a purchase and every day one of its due
/// days, or nothing is written and the error lists the offending ids. A record is keyed by
/// (purchase, kind, due day) — the `user_shoe_care_once` constraint — and inserted with
/// `ON CONFLICT DO NOTHING`, so sending the same record twice is harmless and counted as not new.
enum NotificationSentLog {
    /// Records per request: one round trip of arrays, bounded so a request stays a short transaction.
    static let maxRecords = 10_000

    /// What the schedules need to know about a purchase.
    struct Purchase {
        var purchaseDay: Day
        var lifespanDays: Int
        /// The purchase's occurred_at as PostgreSQL's text (exact, unlike a Date's double): with
        /// its id, the key user_shoe_care refers to the purchase by.
        var purchasedAt: String
    }

    /// Validates and records `records` of `kind` ("care" or "replacement").
    /// - Parameter dueDay: the record's due day given the purchase, or nil when the record's
    ///   `due_on` (or its default) is not a due day of that purchase.
    static func record(
        _ records: [SentNotification], kind: NotificationCursor.List, pool: PostgresPool,
        dueDay: (SentNotification, Purchase) -> Day?
    ) throws -> SentReport {
        guard records.count <= maxRecords else { throw NotificationError.tooManyRecords(records.count) }
        guard !records.isEmpty else { return SentReport(received: 0, inserted: 0) }
        let ids = Array(Set(records.map(\.purchaseID))).sorted()
        return try pool.withTransaction { connection in
            // FOR KEY SHARE: a purchase validated here cannot be deleted before the insert commits.
            let rows = try connection.query("""
                SELECT i.id, (i.occurred_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS purchase_day,
                       s.lifespan_days, i.occurred_at::text
                FROM interactions i JOIN shoes s ON s.id = i.shoe_id
                WHERE i.id = ANY($1::bigint[]) AND i.kind = 'purchase'
                FOR KEY SHARE OF i
                """, [ids])
            var purchases: [Int64: Purchase] = [:]
            for row in rows {
                purchases[try row.decode(Int64.self, at: 0)] = Purchase(
                    purchaseDay: Day(daysSinceEpoch: try row.decode(Int64.self, at: 1)),
                    lifespanDays: try row.decode(Int.self, at: 2), purchasedAt: try row.decode(String.self, at: 3))
            }
            let unknown = ids.filter { purchases[$0] == nil }
            guard unknown.isEmpty else { throw NotificationError.unknownPurchases(unknown) }

            var purchaseIDs: [Int64] = [], purchaseTimes: [String] = [], days: [String] = [], notDue: Set<Int64> = []
            for record in records {
                guard let day = dueDay(record, purchases[record.purchaseID]!) else {
                    notDue.insert(record.purchaseID)
                    continue
                }
                purchaseIDs.append(record.purchaseID)
                purchaseTimes.append(purchases[record.purchaseID]!.purchasedAt)
                days.append(day.description)
            }
            guard notDue.isEmpty else { throw NotificationError.notDueOn(notDue.sorted()) }
            let inserted = try connection.execute("""
                INSERT INTO user_shoe_care (purchase_id, purchased_at, kind, due_on)
                SELECT purchase_id, purchased_at, $3::notification_kind, due_on
                FROM unnest($1::bigint[], $4::timestamptz[], $2::date[]) AS sent (purchase_id, purchased_at, due_on)
                ON CONFLICT ON CONSTRAINT user_shoe_care_once DO NOTHING
                """, [purchaseIDs, days, kind.rawValue, purchaseTimes])
            return SentReport(received: records.count, inserted: inserted)
        }
    }
}
