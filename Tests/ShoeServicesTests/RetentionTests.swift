import Foundation
import PostgresClient
import ShoeData
import Testing
@testable import ShoeServices

/// `solemate retention --keep-months N`: whole months go, with their notifications; the rest stays.
@Suite("Retention of interactions by month")
struct RetentionTests {
    /// 2026-06-15, inside the month the retention counts as current.
    static let now = Date(timeIntervalSince1970: 1_781_481_600)

    @Test("keeping 3 months drops every older month and its notifications, and nothing else")
    func dropsOldMonths() throws {
        try CareFixture.with { fixture in
            var purchases: [String: Int64] = [:]
            for month in ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"] {
                purchases[month] = try fixture.purchase(at: "\(month)-10T12:00:00Z")
                try fixture.interaction(user: 1, shoe: 10, at: "\(month)-11T12:00:00Z", kind: "view")
            }
            // A notification about a purchase of a month that goes, and one of a month that stays.
            _ = try fixture.care.markSent(
                [SentNotification(purchaseID: purchases["2026-01"]!), SentNotification(purchaseID: purchases["2026-04"]!)],
                asOf: day("2026-05-20"))
            try fixture.connection.execute("ANALYZE interactions")
            let retention = InteractionRetention(pool: fixture.pool)

            let planned = try retention.run(keepMonths: 3, now: Self.now, dryRun: true)
            #expect(planned.map(\.month.tableName) == ["interactions_2025_12", "interactions_2026_01", "interactions_2026_02", "interactions_2026_03"])
            #expect(try fixture.count("interactions") == 14, "a dry run drops nothing")

            let dropped = try retention.run(keepMonths: 3, now: Self.now)
            #expect(dropped == planned)
            #expect(dropped.map(\.estimatedRows) == [2, 2, 2, 2])
            #expect(dropped.map(\.notifications) == [0, 1, 0, 0])
            #expect(try InteractionPartitions.list(fixture.connection).map(\.tableName)
                == ["interactions_2026_04", "interactions_2026_05", "interactions_2026_06"])
            #expect(try fixture.count("interactions") == 6)
            #expect(try fixture.sentRows().count == 1)

            #expect(try retention.run(keepMonths: 3, now: Self.now).isEmpty, "running it again changes nothing")
            // A dropped month comes back empty when an event for it is written again.
            try fixture.interaction(user: 1, shoe: 10, at: "2026-01-12T12:00:00Z", kind: "view")
            #expect(try fixture.count("interactions") == 7)
        }
    }

    @Test("keeping 1 month keeps only the current one; future months always stay")
    func currentMonthOnly() throws {
        try CareFixture.with { fixture in
            for time in ["2026-05-31T23:59:59Z", "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"] {
                try fixture.purchase(at: time)
            }
            let dropped = try InteractionRetention(pool: fixture.pool).run(keepMonths: 1, now: Self.now)
            #expect(dropped.map(\.month.tableName) == ["interactions_2026_05"])
            #expect(try InteractionPartitions.list(fixture.connection).map(\.tableName) == ["interactions_2026_06", "interactions_2026_07"])
        }
    }
}

extension CareFixture {
    /// Rows of a table of this file's literals.
    func count(_ table: String) throws -> Int {
        try connection.query("SELECT count(*) FROM \(table)")[0].decode(Int.self, at: 0)
    }
}
