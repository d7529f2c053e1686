import Foundation
import PostgresClient
import ShoeData
import UTCTime

/// Every interaction of the shop in compact columns: what training reads.
///
/// Parallel arrays instead of an array of structs: 25 bytes an event, no per-row objects,
/// and the columns feed the models' triples directly. Read with one binary COPY, which streams
/// the table without paging through it.
public struct InteractionLog: Sendable {
    /// interactions.id of each event.
    public var ids: [Int64] = []
    public var userIDs: [Int32] = []
    public var shoeIDs: [Int32] = []
    /// ``InteractionKind/code`` of each event (0 view, 1 add_to_wishlist, 2 purchase).
    public var kinds: [UInt8] = []
    /// Microseconds since 1970-01-01 UTC.
    public var occurredAtMicros: [Int64] = []

    public var count: Int { userIDs.count }

    public init() {}

    /// A log of events held in memory (a generated shop in a benchmark or a test), numbered 1...n
    /// in their order, as a fresh table would number them.
    public init(_ interactions: [Interaction]) {
        reserve(interactions.count)
        for (index, event) in interactions.enumerated() {
            ids.append(Int64(index + 1))
            userIDs.append(Int32(event.userID))
            shoeIDs.append(Int32(event.shoeID))
            kinds.append(event.kind.code)
            occurredAtMicros.append(Int64(event.occurredAt.timeIntervalSince1970 * 1_000_000))
        }
    }

    /// The event weights of shared/EVALUATION.md, by `kinds` code (``InteractionKind/weightsByCode``).
    public static let weights = InteractionKind.weightsByCode

    /// Streams the interactions table, month partition by month partition (one binary COPY each),
    /// in storage order (training needs no order, and a sort of billions of rows would cost more
    /// than the read). All months are read in one snapshot, so a month created or dropped meanwhile
    /// cannot make the read inconsistent.
    /// - Parameter since: the oldest time read (the training window); nil reads everything. Months
    ///   that end before it are not touched at all; the month it falls in is read from it on.
    public static func read(_ connection: PostgresConnection, since: Date? = nil) throws -> InteractionLog {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        defer { _ = try? connection.execute("COMMIT") }
        let sinceMicros = since.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded(.down)) }
        let months = try InteractionPartitions.list(connection).filter { month in
            sinceMicros.map { month.next.startMicros > $0 } ?? true
        }
        var log = InteractionLog()
        let estimate = try connection.query("""
            SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::int8 FROM pg_class c WHERE c.oid = ANY($1::regclass[])
            """, [months.map(\.tableName)])
        if let estimate = try estimate.first?.decode(Int64.self, at: 0), estimate > 0 {
            log.reserve(Int(estimate))
        }
        for month in months {
            // The table name and the bound are made of digits here, never of a client's text.
            let bound = sinceMicros.flatMap { $0 > month.startMicros ? $0 : nil }.map {
                " WHERE occurred_at >= '\(UTCTimestamp.format(epochMicroseconds: $0))'"
            } ?? ""
            try connection.copyOut("""
                COPY (SELECT id, user_id, shoe_id, kind::text, occurred_at FROM \(month.tableName)\(bound))
                TO STDOUT (FORMAT binary)
                """) { bytes in
                guard var row = try BinaryCopyRow(bytes) else { return }
                log.ids.append(try row.nextInt64())
                log.userIDs.append(try row.nextInt32())
                log.shoeIDs.append(try row.nextInt32())
                log.kinds.append(try Self.kindCode(row.nextField()))
                log.occurredAtMicros.append(try row.nextInt64() + BinaryCopyRow.unixEpochOffsetMicroseconds)
            }
        }
        return log
    }

    private mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        userIDs.reserveCapacity(count)
        shoeIDs.reserveCapacity(count)
        kinds.reserveCapacity(count)
        occurredAtMicros.reserveCapacity(count)
    }

    /// The enum's label to its code, comparing bytes (no String per row).
    private static func kindCode(_ label: UnsafeRawBufferPointer?) throws -> UInt8 {
        guard let label else {
            throw PostgresError(.decoding, message: "interaction kind is NULL", column: "kind")
        }
        guard let kind = InteractionKind(label: label) else {
            throw PostgresError(.decoding, message: "unknown interaction kind \(String(decoding: label, as: UTF8.self))", column: "kind")
        }
        return kind.code
    }
}
