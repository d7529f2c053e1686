import UTCTime
import Foundation
import PostgresClient
import ShoeData
@testable import ShoeServices
import Testing

/// Replacement reminders: pairs whose estimated end of life (purchase day + lifespan) is within
/// the window or past, with suggestions that never repeat a shoe the user owns.
@Suite("Replacement suggestions")
struct ReplacementTests {
    /// Suggests the catalogue's shoes 30...35 in order, plus the worn shoe and a shoe the user may
    /// own, repeats and an unknown id — all of which the service must drop.
    static let suggest: ReplacementSuggester = { _, wornShoeID, k, _, _ in
        [wornShoeID, 20, 30, 30, 999, 31, 32, 33, 34, 35].prefix(k + 5).map { $0 }
    }

    static func service(_ fixture: CareFixture) -> ReplacementSuggestions {
        ReplacementSuggestions(pool: fixture.pool, suggest: suggest)
    }

    /// Shoes 30...35 to suggest, and shoe 20, which user 1 owns.
    static func catalogue(_ fixture: CareFixture) throws {
        for id in 30...35 {
            try fixture.shoe(id, brand: "Brand \(id)", type: id % 2 == 0 ? "running" : "trail", price: "\(id).50")
        }
        try fixture.shoe(20)
    }

    @Test("due within 14 days or past, not on day 15; days_left counts down and goes negative")
    func window() throws {
        try CareFixture.with { fixture in
            // Lifespan 100 days; as of 2026-06-01 the window ends 2026-06-15.
            try fixture.shoe(10, lifespanDays: 100)
            try fixture.user(1)
            let past = try fixture.interaction(user: 1, shoe: 10, at: "2026-02-12T10:00:00Z")  // end 2026-05-23
            let today = try fixture.interaction(user: 1, shoe: 10, at: "2026-02-21T10:00:00Z")  // end 2026-06-01
            let lastDay = try fixture.interaction(user: 1, shoe: 10, at: "2026-03-07T23:59:59Z")  // end 2026-06-15
            try fixture.interaction(user: 1, shoe: 10, at: "2026-03-08T00:00:00Z")  // end 2026-06-16
            let page = try Self.service(fixture).due(asOf: day("2026-06-01"))
            #expect(page.items.map(\.purchaseID) == [past, today, lastDay])
            #expect(page.items.map(\.estimatedEndOfLife) == [day("2026-05-23"), day("2026-06-01"), day("2026-06-15")])
            #expect(page.items.map(\.daysLeft) == [-9, 0, 14])
            #expect(try Self.service(fixture).due(asOf: day("2026-06-01"), withinDays: 0).items.map(\.purchaseID)
                == [past, today])
        }
    }

    @Test("suggestions come from the ranking, without the worn shoe, owned shoes, repeats or unknown ids")
    func suggestionsExcludeOwnedShoes() throws {
        try CareFixture.with { fixture in
            try Self.catalogue(fixture)
            let worn = try fixture.purchase(at: "2025-01-01T10:00:00Z", user: 1, shoe: 10, lifespanDays: 365)
            try fixture.interaction(user: 1, shoe: 20, at: "2025-06-01T10:00:00Z")  // user 1 owns 20
            try fixture.interaction(user: 1, shoe: 31, at: "2025-06-01T10:00:00Z", kind: "view")  // a view is not owning
            let other = try fixture.purchase(at: "2025-01-01T11:00:00Z", user: 2, shoe: 32, lifespanDays: 365)
            let items = try Self.service(fixture).due(asOf: day("2026-01-01"), k: 3).items
            #expect(items.map(\.purchaseID) == [worn, other])
            #expect(items[0].suggestions.map(\.shoeID) == [30, 31, 32])
            #expect(items[1].suggestions.map(\.shoeID) == [20, 30, 31])  // user 2 does not own 20
            #expect(items[0].suggestions.first == ShoeSummary(
                shoeID: 30, brand: "Brand 30", model: "Model 30", type: "running", price: Price(cents: 3050)))
        }
    }

    @Test("an item's fields: the end of life, the days left and suggestions with their prices")
    func itemFields() throws {
        // The JSON form of these items (keys, formats, round trip) is SolemateApp's: WireFormTests.
        try CareFixture.with { fixture in
            try Self.catalogue(fixture)
            try fixture.purchase(at: "2025-01-01T10:00:00Z", lifespanDays: 365)
            let page = try Self.service(fixture).due(asOf: day("2025-12-25"), k: 1)
            let item = try #require(page.items.first)
            #expect(item.estimatedEndOfLife == day("2026-01-01"))
            #expect(item.daysLeft == 7)
            #expect(UTCTimestamp.format(item.purchasedAt) == "2025-01-01T10:00:00Z")
            let suggestion = try #require(item.suggestions.first)
            #expect(suggestion.shoeID == 20)
            #expect(suggestion.price == Price(cents: 12999))
        }
    }

    @Test("a leap-day purchase with a 365-day lifespan ends on February 28 of the next year")
    func leapDay() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2028-02-29T20:00:00-05:00", lifespanDays: 365)  // UTC March 1
            let leap = try fixture.purchase(at: "2028-02-29T12:00:00Z", user: 2, lifespanDays: 365)
            let items = try Self.service(fixture).due(asOf: day("2029-02-28"), withinDays: 0).items
            #expect(items.map(\.purchaseID) == [leap])
            #expect(items.map(\.estimatedEndOfLife) == [day("2029-02-28")])
            let next = try Self.service(fixture).due(asOf: day("2029-03-01"), withinDays: 0).items
            #expect(next.map(\.purchaseID) == [leap, purchase])
            #expect(next.map(\.daysLeft) == [-1, 0])
        }
    }

    @Test("once recorded as sent, a replacement is never due again; sending twice is harmless")
    func sentOnce() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2025-01-01T10:00:00Z", lifespanDays: 365)
            let service = Self.service(fixture)
            #expect(try service.markSent([SentNotification(purchaseID: purchase)]) == SentReport(received: 1, inserted: 1))
            #expect(try service.markSent([SentNotification(purchaseID: purchase, dueOn: day("2026-01-01"))])
                == SentReport(received: 1, inserted: 0))
            #expect(try fixture.sentRows() == ["\(purchase) replacement 2026-01-01"])
            for asOf in ["2025-12-20", "2026-01-01", "2027-06-01"] {
                #expect(try service.due(asOf: day(asOf)).items.isEmpty, "\(asOf)")
            }
            // Care is recorded separately: the replacement record does not silence it.
            #expect(try fixture.care.due(asOf: day("2026-01-01")).items.map(\.purchaseID) == [purchase])
        }
    }

    @Test("unknown purchases and days other than the end of life are refused, nothing written")
    func refusedRecords() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2025-01-01T10:00:00Z", lifespanDays: 365)
            let service = Self.service(fixture)
            #expect(throws: NotificationError.unknownPurchases([424_242])) {
                try service.markSent([SentNotification(purchaseID: purchase), SentNotification(purchaseID: 424_242)])
            }
            #expect(throws: NotificationError.notDueOn([purchase])) {
                try service.markSent([SentNotification(purchaseID: purchase, dueOn: day("2025-12-31"))])
            }
            #expect(throws: NotificationError.tooManyRecords(10_001)) {
                try service.markSent(Array(repeating: SentNotification(purchaseID: purchase), count: 10_001))
            }
            #expect(try fixture.sentRows().isEmpty)
        }
    }

    @Test("one user's list, its pages, and an unknown user")
    func perUser() throws {
        try CareFixture.with { fixture in
            var mine: [Int64] = []
            for month in 1...3 {
                mine.append(try fixture.purchase(at: "2025-0\(month)-01T10:00:00Z", user: 1, lifespanDays: 30))
                try fixture.purchase(at: "2025-0\(month)-01T11:00:00Z", user: 2, lifespanDays: 30)
            }
            let service = Self.service(fixture)
            var seen: [Int64] = [], cursor: String?
            repeat {
                let page = try service.due(forUser: 1, asOf: day("2025-06-01"), limit: 2, cursor: cursor)
                seen += page.items.map(\.purchaseID)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == mine)
            #expect(try service.due(asOf: day("2025-06-01")).items.count == 6)
            #expect(throws: NotificationError.unknownUser(7)) { try service.due(forUser: 7, asOf: day("2025-06-01")) }
        }
    }

    @Test("k, the window and the limit out of range are typed errors; an empty catalogue has nothing due")
    func invalidInput() throws {
        try CareFixture.with { fixture in
            let service = Self.service(fixture)
            let asOf = day("2026-01-01")
            #expect(throws: NotificationError.invalidSuggestionCount(0)) { try service.due(asOf: asOf, k: 0) }
            #expect(throws: NotificationError.invalidSuggestionCount(51)) { try service.due(asOf: asOf, k: 51) }
            #expect(throws: NotificationError.invalidWindow(-1)) { try service.due(asOf: asOf, withinDays: -1) }
            #expect(throws: NotificationError.invalidLimit(5000)) { try service.due(asOf: asOf, limit: 5000) }
            let nothingDue = try service.due(asOf: asOf)
            #expect(nothingDue.items.isEmpty)
        }
    }
}
