import Foundation
import PostgresClient
import ShoeData

/// The day partitions of `exposures`: `exposures_YYYYMMDD` holds [day 00:00 UTC, next day 00:00 UTC).
/// Made ahead by the exposure log's writer; retention drops whole partitions (no DELETE, nothing to
/// vacuum). Partitions are found through pg_inherits, so they follow the session's search_path.
public enum ExposurePartitions {
    /// The partition's name for a day, e.g. `exposures_20261203`.
    public static func name(of day: Day) -> String {
        "exposures_" + day.description.replacingOccurrences(of: "-", with: "")
    }

    /// Creates the day's partition unless it exists (another replica may create it at the same time).
    public static func create(day: Day, _ connection: PostgresConnection) throws {
        let next = Day(daysSinceEpoch: day.daysSinceEpoch + 1)
        // The name and the bounds are made of digits here, never of a client's text.
        do {
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS \(name(of: day)) PARTITION OF exposures
                FOR VALUES FROM ('\(day) 00:00:00+00') TO ('\(next) 00:00:00+00')
                """)
        } catch let error as PostgresError where error.sqlState == SQLState("42P07") || error.sqlState == .uniqueViolation {
            // Created by someone else between our check and our CREATE.
        }
    }

    /// Drops the partitions whose day ended more than `days` days ago; answers their names.
    @discardableResult
    public static func dropOlder(than days: Int, now: Date = Date(), _ connection: PostgresConnection) throws -> [String] {
        let oldestKept = Day(daysSinceEpoch: Day(containing: now).daysSinceEpoch - Int64(days))
        let partitions = try connection.query("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'exposures'::regclass
            """).map { try $0.decode(String.self, at: 0) }
        var dropped: [String] = []
        for partition in partitions.sorted() where partition.range(of: "^exposures_[0-9]{8}$", options: .regularExpression) != nil {
            guard partition < name(of: oldestKept) else { continue }
            try connection.execute("DROP TABLE IF EXISTS \(partition)")
            dropped.append(partition)
        }
        return dropped
    }
}
