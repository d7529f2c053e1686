import Foundation
import PostgresClient
import ShoeData
import ShoeServices
import Testing
import TestSupport
import UTCTime

/// `solemate import` holds events to the same time window as `POST /interactions`, as configured.
@Suite("Import: the events' time window")
struct ImportTimeWindowTests {
    static func importing(_ folder: URL, into database: TestDatabase, window: EventTimeWindow, now: Date) throws {
        let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 2))
        defer { pool.shutdown() }
        _ = try ShopDataImporter(pool: pool, timeWindow: window).importDirectory(folder, now: now)
    }

    @Test("a configured epoch and skew are the limits: the first event outside stops the import at its line, nothing written")
    func configuredWindow() throws {
        try TestDatabase.with(migrated: true) { database in
            let folder = try ImportTests.folder()
            // The fixture's events run from 2026-03-01T10:00 to 2026-03-03T10:00Z.
            let epoch = try #require(UTCTimestamp.parse("2026-03-01T10:01:00Z"))
            let late = EventTimeWindow(epoch: epoch, futureSkewSeconds: 300)
            let now = try #require(UTCTimestamp.parse("2026-03-04T00:00:00Z"))
            let early = #expect(throws: ImportError.self) { try Self.importing(folder, into: database, window: late, now: now) }
            #expect(early?.file == "interactions.csv" && early?.line == 2 && early?.column == "timestamp")
            #expect(early?.reason.contains("before the shop's epoch 2026-03-01T10:01:00Z") == true, "\(String(describing: early))")
            #expect(try ImportTests.counts(database) == [0, 0, 0])

            // Now is 2026-03-02T08:59:00Z: the purchase at 09:00 is 60 s ahead, the skew 30 s.
            let tight = EventTimeWindow(epoch: EventTimeWindow.defaultEpoch, futureSkewSeconds: 30)
            let before = try #require(UTCTimestamp.parse("2026-03-02T08:59:00Z"))
            let future = #expect(throws: ImportError.self) { try Self.importing(folder, into: database, window: tight, now: before) }
            #expect(future?.line == 4 && future?.column == "timestamp")
            #expect(future?.reason.contains("more than 30 s after now") == true, "\(String(describing: future))")
            #expect(try ImportTests.counts(database) == [0, 0, 0])

            // Within the skew (60 s ahead, 120 s allowed) the whole file lands.
            let loose = EventTimeWindow(epoch: EventTimeWindow.defaultEpoch, futureSkewSeconds: 120)
            let lastEvent = try #require(UTCTimestamp.parse("2026-03-03T09:59:00Z"))
            try Self.importing(folder, into: database, window: loose, now: lastEvent)
            #expect(try ImportTests.counts(database) == [2, 2, 4])
        }
    }
}
