import Foundation
import ShoeData
import Testing
import UTCTime
@testable import ShoeServices

/// The opaque page cursor: exact to the microsecond, one text per position, nothing else accepted.
@Suite("Notification cursors")
struct CareCursorTests {
    @Test(arguments: [Int64(0), 1, 999_999, 1_000_000, 1_769_902_200_000_001, -1, -1_000_000, -1_000_001])
    func roundTripsExactly(micros: Int64) throws {
        let cursor = NotificationCursor(list: .care, occurredMicros: micros, purchaseID: 7)
        #expect(try NotificationCursor(cursor.text, list: .care) == cursor)
        #expect(!cursor.text.contains("=") && !cursor.text.contains("+") && !cursor.text.contains("/"))
        // The timestamp text PostgreSQL reads back is the same instant, to the microsecond.
        let text = cursor.occurredAtText
        let parsed = try #require(UTCTimestamp.parse(text))
        let seconds = Int64(parsed.timeIntervalSince1970.rounded(.down))
        let fraction = Int64(text.split(separator: ".").last!.dropLast())!
        #expect(seconds * 1_000_000 + fraction == micros, "\(text)")
    }

    @Test func aCursorBelongsToItsList() throws {
        let care = NotificationCursor(list: .care, occurredMicros: 5, purchaseID: 7).text
        #expect(throws: NotificationError.invalidCursor) { try NotificationCursor(care, list: .replacement) }
    }

    @Test("purchases a microsecond apart are paged exactly once each")
    func microsecondTies() throws {
        try CareFixture.with { fixture in
            var ids: [Int64] = []
            for (user, time) in [(1, "2026-01-01T12:00:00.000002Z"), (2, "2026-01-01T12:00:00.000001Z"),
                                 (3, "2026-01-01T12:00:00.000001Z"), (4, "2026-01-01T12:00:00Z")] {
                ids.append(try fixture.purchase(at: time, user: user))
            }
            var seen: [Int64] = [], cursor: String?
            repeat {
                let page = try fixture.care.due(asOf: day("2026-02-01"), limit: 1, cursor: cursor)
                seen += page.items.map(\.purchaseID)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == [ids[3], ids[1], ids[2], ids[0]])
        }
    }
}
