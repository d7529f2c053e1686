import Foundation
import PostgresClient
import ShoeData
import ShoeServices
import Testing

/// Keyset pages over the care list: every due item exactly once, whatever happens between pages.
@Suite("Care notification pages")
struct CarePaginationTests {
    /// 23 purchases by 4 users, some at the very same instant, a few not due.
    static func purchases(_ fixture: CareFixture) throws -> (due: [Int64], notDue: [Int64]) {
        var due: [Int64] = [], notDue: [Int64] = []
        for index in 0..<20 {
            let user = index % 4 + 1
            // Every third pair of purchases shares a timestamp: ties are broken by id.
            let time = "2026-01-\(String(format: "%02d", 1 + index / 2))T12:00:00Z"
            due.append(try fixture.purchase(at: time, user: user, shoe: 10 + index % 3))
        }
        for time in ["2026-02-20T00:00:00Z", "2026-03-01T00:00:00Z"] {
            notDue.append(try fixture.purchase(at: time, user: 1))
        }
        notDue.append(try fixture.interaction(user: 2, shoe: 10, at: "2026-01-02T00:00:00Z", kind: "view"))
        return (due, notDue)
    }

    /// Every page of the list at `asOf`, following next_cursor.
    static func allPages(_ care: CareNotifications, asOf: Day, limit: Int, user: Int? = nil) throws -> [[Int64]] {
        var pages: [[Int64]] = [], cursor: String?
        repeat {
            let page = try user.map { try care.due(forUser: $0, asOf: asOf, limit: limit, cursor: cursor) }
                ?? care.due(asOf: asOf, limit: limit, cursor: cursor)
            pages.append(page.items.map(\.purchaseID))
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 100
        return pages
    }

    @Test("pages visit every due item exactly once, in purchase order, with no empty last page")
    func everyItemOnce() throws {
        try CareFixture.with { fixture in
            let (due, _) = try Self.purchases(fixture)
            let pages = try Self.allPages(fixture.care, asOf: day("2026-03-05"), limit: 7)
            #expect(pages.map(\.count) == [7, 7, 6])
            #expect(pages.joined().sorted() == due.sorted())
            #expect(Array(pages.joined()) == due)  // inserted in time order, ties in id order
            #expect(try Self.allPages(fixture.care, asOf: day("2026-03-05"), limit: 20).map(\.count) == [20])
            #expect(try Self.allPages(fixture.care, asOf: day("2026-03-05"), limit: 1).count == 20)
        }
    }

    @Test("one user's pages hold that user's due items exactly once")
    func perUserPages() throws {
        try CareFixture.with { fixture in
            let (due, _) = try Self.purchases(fixture)
            let pages = try Self.allPages(fixture.care, asOf: day("2026-03-05"), limit: 2, user: 3)
            let expected = try fixture.connection.query(
                "SELECT id FROM interactions WHERE user_id = 3 AND id = ANY($1::bigint[]) ORDER BY occurred_at, id",
                [due]).map { try $0.decode(Int64.self, at: 0) }
            #expect(Array(pages.joined()) == expected)
            #expect(pages.map(\.count) == [2, 2, 1])
        }
    }

    @Test("records sent and purchases added between pages neither repeat nor skip an item")
    func stableUnderChanges() throws {
        try CareFixture.with { fixture in
            let (due, _) = try Self.purchases(fixture)
            let asOf = day("2026-03-05")
            let first = try fixture.care.due(asOf: asOf, limit: 8)
            // Marketing records the first page; a new, recent purchase arrives.
            _ = try fixture.care.markSent(first.items.map { SentNotification(purchaseID: $0.purchaseID) }, asOf: asOf)
            try fixture.purchase(at: "2026-03-04T08:00:00Z", user: 2)
            var seen = first.items.map(\.purchaseID), cursor = first.nextCursor
            while let current = cursor {
                let page = try fixture.care.due(asOf: asOf, limit: 8, cursor: current)
                seen += page.items.map(\.purchaseID)
                cursor = page.nextCursor
            }
            #expect(seen == due)
        }
    }

    @Test("a cursor that this list did not hand out is refused", arguments: [
        "", "garbage!", "Y2FyZXwxfDI=", "cmVwbGFjZW1lbnR8MXwy", "Y2FyZXx4fDI", "Y2FyZXwxfC0y", "not base64 at all", String(repeating: "A", count: 500),
    ])
    func badCursor(cursor: String) throws {
        try CareFixture.with { fixture in
            #expect(throws: NotificationError.invalidCursor) {
                try fixture.care.due(asOf: day("2026-03-05"), cursor: cursor)
            }
        }
    }

    @Test("an edited cursor, or one from the replacement list, is refused")
    func foreignCursor() throws {
        try CareFixture.with { fixture in
            _ = try Self.purchases(fixture)
            let cursor = try #require(try fixture.care.due(asOf: day("2026-03-05"), limit: 3).nextCursor)
            #expect(try fixture.care.due(asOf: day("2026-03-05"), limit: 3, cursor: cursor).items.count == 3)
            var flipped = Array(cursor)
            flipped[2] = flipped[2] == "A" ? "B" : "A"
            for edited in [cursor + "A", String(cursor.dropLast()), String(flipped)] {
                #expect(throws: NotificationError.invalidCursor) {
                    try fixture.care.due(asOf: day("2026-03-05"), cursor: edited)
                }
            }
            let replacement = ReplacementSuggestions(pool: fixture.pool) { _, _, _, _, _ in [] }
            #expect(throws: NotificationError.invalidCursor) {
                try replacement.due(asOf: day("2027-03-05"), cursor: cursor)
            }
        }
    }
}
