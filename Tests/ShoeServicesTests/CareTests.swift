import UTCTime
import Foundation
import PostgresClient
import ShoeData
@testable import ShoeServices
import Testing

/// Care notifications: due every 30 days (by default) after the purchase's UTC day, until recorded
/// as sent for that occurrence.
@Suite("Care notifications")
struct CareTests {
    @Test("a purchase is due exactly 30 days after its purchase day, not after 29")
    func dueAtThirtyDays() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2026-01-01T10:00:00Z")
            #expect(try fixture.care.due(asOf: day("2026-01-30")).items.isEmpty)
            let page = try fixture.care.due(asOf: day("2026-01-31"))
            #expect(page.items.map(\.purchaseID) == [purchase])
            #expect(page.items.first?.dueOn == day("2026-01-31"))
            #expect(page.items.first?.careInstructions == "hand wash, air dry")
            #expect(page.nextCursor == nil)
        }
    }

    @Test("an item's fields: the shoe, the purchase time in UTC, the due day and the care instructions")
    func itemFields() throws {
        // The JSON form of these items (keys, formats, round trip) is SolemateApp's: WireFormTests.
        try CareFixture.with { fixture in
            try fixture.purchase(at: "2026-01-01T10:00:00+02:00")
            let page = try fixture.care.due(asOf: day("2026-02-15"))
            #expect(page.nextCursor == nil)
            let item = try #require(page.items.first)
            #expect(item.shoeID == 10)
            #expect(UTCTimestamp.format(item.purchasedAt) == "2026-01-01T08:00:00Z")
            #expect(item.dueOn == day("2026-01-31"))
            #expect(item.careInstructions == "hand wash, air dry")
        }
    }

    @Test("care recurs: the due day is the latest multiple of the interval, 60 and 90 days on")
    func recurring() throws {
        try CareFixture.with { fixture in
            try fixture.purchase(at: "2026-01-01T10:00:00Z")
            #expect(try fixture.care.due(asOf: day("2026-03-01")).items.map(\.dueOn) == [day("2026-01-31")])
            #expect(try fixture.care.due(asOf: day("2026-03-02")).items.map(\.dueOn) == [day("2026-03-02")])
            #expect(try fixture.care.due(asOf: day("2026-03-20")).items.map(\.dueOn) == [day("2026-03-02")])
            #expect(try fixture.care.due(asOf: day("2026-04-01")).items.map(\.dueOn) == [day("2026-04-01")])
            #expect(try fixture.care.due(asOf: day("2026-01-08"), intervalDays: 7).items.map(\.dueOn) == [day("2026-01-08")])
        }
    }

    @Test("once recorded as sent, a purchase is not due again in that interval, and due again in the next")
    func sentThenDueAgain() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2026-01-01T10:00:00Z")
            let report = try fixture.care.markSent([SentNotification(purchaseID: purchase)], asOf: day("2026-02-05"))
            #expect(report == SentReport(received: 1, inserted: 1))
            #expect(try fixture.sentRows() == ["\(purchase) care 2026-01-31"])
            for asOf in ["2026-01-31", "2026-02-05", "2026-03-01"] {
                #expect(try fixture.care.due(asOf: day(asOf)).items.isEmpty, "\(asOf)")
            }
            #expect(try fixture.care.due(asOf: day("2026-03-02")).items.map(\.dueOn) == [day("2026-03-02")])
            #expect(try fixture.care.due(forUser: 1, asOf: day("2026-03-02")).items.map(\.purchaseID) == [purchase])
        }
    }

    @Test("sending the same record twice is harmless and counted as not new")
    func sendingTwice() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2026-01-01T10:00:00Z")
            let explicit = SentNotification(purchaseID: purchase, dueOn: day("2026-01-31"))
            let defaulted = SentNotification(purchaseID: purchase)
            #expect(try fixture.care.markSent([explicit, defaulted], asOf: day("2026-02-01"))
                == SentReport(received: 2, inserted: 1))
            #expect(try fixture.care.markSent([explicit], asOf: day("2026-02-01")) == SentReport(received: 1, inserted: 0))
            #expect(try fixture.care.markSent([], asOf: day("2026-02-01")) == SentReport(received: 0, inserted: 0))
            #expect(try fixture.sentRows() == ["\(purchase) care 2026-01-31"])
        }
    }

    @Test("ids that are not purchases are refused, listed, and nothing is written")
    func unknownPurchases() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2026-01-01T10:00:00Z")
            let view = try fixture.interaction(user: 1, shoe: 10, at: "2026-01-01T09:00:00Z", kind: "view")
            let records = [purchase, view, 999_999, view].map { SentNotification(purchaseID: $0) }
            #expect(throws: NotificationError.unknownPurchases([view, 999_999])) {
                try fixture.care.markSent(records, asOf: day("2026-02-01"))
            }
            #expect(try fixture.sentRows().isEmpty)
        }
    }

    @Test("a day that is not one of the purchase's due days is refused, and nothing is written")
    func wrongDueDay() throws {
        try CareFixture.with { fixture in
            let old = try fixture.purchase(at: "2026-01-01T10:00:00Z")
            let young = try fixture.purchase(at: "2026-01-20T10:00:00Z")
            let attempts: [[SentNotification]] = [
                [SentNotification(purchaseID: old, dueOn: day("2026-02-01"))],  // 31 days: not a multiple
                [SentNotification(purchaseID: old, dueOn: day("2026-01-01"))],  // the purchase day itself
                [SentNotification(purchaseID: old), SentNotification(purchaseID: young)],  // young: nothing due yet
            ]
            for records in attempts {
                #expect(throws: NotificationError.self) { try fixture.care.markSent(records, asOf: day("2026-02-05")) }
            }
            #expect(throws: NotificationError.notDueOn([young])) {
                try fixture.care.markSent(attempts[2], asOf: day("2026-02-05"))
            }
            #expect(try fixture.sentRows().isEmpty)
        }
    }

    @Test("January 31 + 30 days is March 2 in 2026 and March 1 in the leap year 2028")
    func monthEnds() throws {
        try CareFixture.with { fixture in
            let in2026 = try fixture.purchase(at: "2026-01-31T12:00:00Z")
            let in2028 = try fixture.purchase(at: "2028-01-31T12:00:00Z")
            #expect(try fixture.care.due(asOf: day("2026-03-01")).items.isEmpty)
            #expect(try fixture.care.due(asOf: day("2026-03-02")).items.map(\.purchaseID) == [in2026])
            let leapYear = try fixture.care.due(asOf: day("2028-03-01"), limit: 10).items
            #expect(leapYear.first { $0.purchaseID == in2028 }?.dueOn == day("2028-03-01"))
            #expect(try fixture.care.due(asOf: day("2028-02-29")).items.allSatisfy { $0.purchaseID != in2028 })
        }
    }

    @Test("a leap-day purchase with a 365-day interval is due on February 28 of the next year")
    func leapDayPurchase() throws {
        try CareFixture.with { fixture in
            let purchase = try fixture.purchase(at: "2028-02-29T08:00:00Z")
            #expect(try fixture.care.due(asOf: day("2029-02-27"), intervalDays: 365).items.isEmpty)
            #expect(try fixture.care.due(asOf: day("2029-02-28"), intervalDays: 365).items.map(\.dueOn)
                == [day("2029-02-28")])
            #expect(try fixture.care.markSent([SentNotification(purchaseID: purchase)], asOf: day("2029-03-01"),
                                              intervalDays: 365).inserted == 1)
            #expect(try fixture.sentRows() == ["\(purchase) care 2029-02-28"])
        }
    }

    @Test("23:30 at -05:00 on January 31 is a February 1 purchase, whatever the session's time zone")
    func utcPurchaseDay() throws {
        try CareFixture.with { fixture in
            // The service's connections inherit this: the schedule must not.
            try fixture.connection.execute("ALTER DATABASE \(fixture.database.name) SET timezone = 'America/New_York'")
            let lateEvening = try fixture.purchase(at: "2026-01-31T23:30:00-05:00")
            let earlyMorning = try fixture.purchase(at: "2026-02-01T00:30:00+01:00", user: 2)
            #expect(try fixture.care.due(asOf: day("2026-03-02")).items.map(\.purchaseID) == [earlyMorning])
            let page = try fixture.care.due(asOf: day("2026-03-03"))
            #expect(page.items.map(\.purchaseID) == [earlyMorning, lateEvening])
            #expect(page.items.map(\.dueOn) == [day("2026-03-02"), day("2026-03-03")])
            #expect(UTCTimestamp.format(page.items[1].purchasedAt) == "2026-02-01T04:30:00Z")
        }
    }

    @Test("one user's list holds only that user's purchases; an unknown user is an error")
    func perUser() throws {
        try CareFixture.with { fixture in
            let first = try fixture.purchase(at: "2026-01-01T10:00:00Z", user: 1)
            let second = try fixture.purchase(at: "2026-01-01T09:00:00Z", user: 2)
            #expect(try fixture.care.due(asOf: day("2026-02-01")).items.map(\.purchaseID) == [second, first])
            #expect(try fixture.care.due(forUser: 1, asOf: day("2026-02-01")).items.map(\.purchaseID) == [first])
            #expect(try fixture.care.due(forUser: 2, asOf: day("2026-02-01")).items.map(\.userID) == [2])
            #expect(throws: NotificationError.unknownUser(42)) { try fixture.care.due(forUser: 42, asOf: day("2026-02-01")) }
            #expect(throws: NotificationError.unknownUser(Int(Int32.max) + 1)) {
                try fixture.care.due(forUser: Int(Int32.max) + 1, asOf: day("2026-02-01"))
            }
        }
    }

    @Test("limits and intervals out of range are typed errors")
    func invalidInput() throws {
        try CareFixture.with { fixture in
            let asOf = day("2026-02-01")
            #expect(throws: NotificationError.invalidLimit(0)) { try fixture.care.due(asOf: asOf, limit: 0) }
            #expect(throws: NotificationError.invalidLimit(1001)) { try fixture.care.due(asOf: asOf, limit: 1001) }
            #expect(throws: NotificationError.invalidInterval(0)) { try fixture.care.due(asOf: asOf, intervalDays: 0) }
            #expect(throws: NotificationError.invalidInterval(-30)) { try fixture.care.markSent([], asOf: asOf, intervalDays: -30) }
            #expect(NotificationError.invalidLimit(0).description == "limit must be in 1...1000, got 0")
        }
    }
}
