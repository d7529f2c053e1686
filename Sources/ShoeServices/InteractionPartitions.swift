import Foundation
import PostgresClient
import UTCTime

/// The month partitions of `interactions`: `interactions_YYYY_MM` holds [the month's first
/// instant UTC, the next month's). There is no default partition: every writer creates the months
/// its rows need first, through the schema's `interactions_ensure_months(times)` (schema.sql says
/// why). Partitions are found through pg_inherits, so they follow the session's search_path.
public enum InteractionPartitions {
    /// One month partition.
    public struct Month: Sendable, Hashable, Comparable {
        public var year: Int
        /// 1...12.
        public var month: Int

        public init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        /// The month holding `micros` (microseconds since 1970-01-01 UTC).
        public init(containingMicros micros: Int64) {
            let civil = UTCCalendar.civil(fromDays: Self.floorDiv(micros, 86_400_000_000))
            self.init(year: civil.year, month: civil.month)
        }

        public init(containing date: Date) {
            self.init(containingMicros: Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down)))
        }

        /// `interactions_2026_03`.
        public var tableName: String {
            "interactions_" + String(format: "%04d_%02d", year, month)
        }

        /// Microseconds since 1970 of the month's first instant (UTC).
        public var startMicros: Int64 { UTCCalendar.days(year: year, month: month, day: 1) * 86_400_000_000 }

        /// The month after this one.
        public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

        /// `months` earlier (months ≥ 0).
        public func back(_ months: Int) -> Month {
            let index = year * 12 + (month - 1) - months
            return Month(year: Self.floorDiv(index, 12), month: index - Self.floorDiv(index, 12) * 12 + 1)
        }

        /// Parses a partition's name; nil for any other table.
        init?(tableName name: String) {
            let parts = name.split(separator: "_")
            guard parts.count == 3, parts[0] == "interactions", parts[1].count == 4, parts[2].count == 2,
                  let year = Int(parts[1]), let month = Int(parts[2]), (1...12).contains(month)
            else { return nil }
            self.init(year: year, month: month)
        }

        public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

        static func floorDiv<T: BinaryInteger>(_ value: T, _ divisor: T) -> T {
            let quotient = value / divisor
            return value % divisor < 0 ? quotient - 1 : quotient
        }
    }

    /// Creates the missing partitions that would hold `times` (microseconds since 1970); answers
    /// how many it created. Cheap when they all exist (one query, no lock); creating one takes
    /// SHARE UPDATE EXCLUSIVE on `interactions`, which reads and writes do not wait for.
    @discardableResult
    public static func ensure(micros times: some Sequence<Int64>, _ connection: PostgresConnection) throws -> Int {
        // One time per month is enough, and keeps the parameter small for a batch of millions.
        let firsts = Set(times.map { Month(containingMicros: $0) }).map { Date(timeIntervalSince1970: Double($0.startMicros) / 1e6) }
        guard !firsts.isEmpty else { return 0 }
        return try connection.query("SELECT interactions_ensure_months($1::timestamptz[])", [firsts])[0].decode(Int.self, at: 0)
    }

    /// The same for dates.
    @discardableResult
    public static func ensure(_ dates: [Date], _ connection: PostgresConnection) throws -> Int {
        try ensure(micros: dates.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded(.down)) }, connection)
    }

    /// Every month partition, oldest first.
    public static func list(_ connection: PostgresConnection) throws -> [Month] {
        try connection.query("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'interactions'::regclass
            """).compactMap { Month(tableName: try $0.decode(String.self, at: 0)) }.sorted()
    }
}
