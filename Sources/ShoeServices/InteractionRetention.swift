import Foundation
import Logging
import PostgresClient
import UTCTime

/// Drops whole months of `interactions` that fall out of the retention: DETACH and DROP of the
/// month's partition, no DELETE of events and nothing left for vacuum (`solemate retention`).
///
/// The notifications recorded for the month's purchases go first, in the same transaction: their
/// foreign key would refuse the DETACH. Each month is its own short transaction, so a month that
/// cannot be dropped (a lock not granted within `lockTimeoutSeconds`) leaves the others dropped
/// and the table intact; the command can simply be run again.
public struct InteractionRetention: Sendable {
    /// One month dropped (or, in a dry run, that would be).
    public struct Dropped: Sendable, Equatable, CustomStringConvertible {
        public var month: InteractionPartitions.Month
        /// Rows the month held, as PostgreSQL's statistics estimate them (a count of a month of
        /// hundreds of millions of rows would cost more than the drop).
        public var estimatedRows: Int64
        /// Notifications of the month's purchases deleted with it.
        public var notifications: Int

        public var description: String {
            "\(month.tableName) (~\(estimatedRows) events, \(notifications) notifications)"
        }
    }

    /// How long a month's drop waits for the locks it needs before giving up on that month.
    public var lockTimeoutSeconds = 10
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, logger: Logger = Logger(label: "solemate.retention")) {
        self.pool = pool
        self.logger = logger
    }

    /// The months before the latest `keepMonths` (the month of `now` counts as one), oldest first.
    public func expiredMonths(keepMonths: Int, now: Date = Date()) throws -> [InteractionPartitions.Month] {
        precondition(keepMonths >= 1, "retention keeps at least the current month")
        let oldestKept = InteractionPartitions.Month(containing: now).back(keepMonths - 1)
        return try pool.withConnection { try InteractionPartitions.list($0) }.filter { $0 < oldestKept }
    }

    /// Drops every month before the latest `keepMonths`; with `dryRun`, only says which.
    /// - Returns: the months dropped, oldest first.
    @discardableResult
    public func run(keepMonths: Int, now: Date = Date(), dryRun: Bool = false) throws -> [Dropped] {
        var dropped: [Dropped] = []
        for month in try expiredMonths(keepMonths: keepMonths, now: now) {
            let result = try pool.withTransaction { connection -> Dropped in
                try connection.execute("SET LOCAL lock_timeout = '\(lockTimeoutSeconds)s'")
                let rows = try connection.query(
                    "SELECT greatest(reltuples, 0)::int8 FROM pg_class WHERE oid = $1::regclass", [month.tableName])
                let estimate = try rows.first?.decode(Int64.self, at: 0) ?? 0
                let start = UTCTimestampBounds(month)
                if dryRun {
                    let notifications = try connection.query("""
                        SELECT count(*) FROM user_shoe_care WHERE purchased_at >= $1::timestamptz AND purchased_at < $2::timestamptz
                        """, [start.from, start.to])[0].decode(Int.self, at: 0)
                    return Dropped(month: month, estimatedRows: estimate, notifications: notifications)
                }
                let notifications = try connection.execute("""
                    DELETE FROM user_shoe_care WHERE purchased_at >= $1::timestamptz AND purchased_at < $2::timestamptz
                    """, [start.from, start.to])
                // The name is made of digits here, never of a client's text.
                try connection.execute("ALTER TABLE interactions DETACH PARTITION \(month.tableName)")
                try connection.execute("DROP TABLE \(month.tableName)")
                return Dropped(month: month, estimatedRows: estimate, notifications: notifications)
            }
            logger.info(dryRun ? "month would be dropped by retention" : "month dropped by retention", metadata: [
                "partition": "\(result.month.tableName)", "estimated_events": "\(result.estimatedRows)",
                "notifications": "\(result.notifications)", "keep_months": "\(keepMonths)",
            ])
            dropped.append(result)
        }
        if dropped.isEmpty { logger.info("no month older than the retention", metadata: ["keep_months": "\(keepMonths)"]) }
        return dropped
    }
}

/// A month's bounds as timestamps PostgreSQL reads the same in any session time zone.
private struct UTCTimestampBounds {
    let from: String
    let to: String

    init(_ month: InteractionPartitions.Month) {
        from = UTCTimestamp.format(epochMicroseconds: month.startMicros)
        to = UTCTimestamp.format(epochMicroseconds: month.next.startMicros)
    }
}
