import Foundation
import ShoeData
import Testing
import UTCTime

/// `Day`: the UTC calendar day the care and replacement schedules count in.
@Suite("UTC calendar days")
struct DayTests {
    @Test(arguments: ["2026-03-02", "2028-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "1969-12-31"])
    func validDatesRoundTripThroughTheirText(text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test(arguments: [
        "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "2026-3-02", "2026-03-2", "26-03-02", " 2026-03-02", "2026-03-02 ", "2026-03-02T00:00:00Z",
        "2026/03/02", "+026-03-02", "２０２６-03-02", "",
    ])
    func anythingButAnExistingYYYYMMDDIsRefused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func componentsAreValidatedToo() {
        #expect(Day(year: 2026, month: 2, day: 30) == nil)
        #expect(Day(year: 2028, month: 2, day: 29)?.description == "2028-02-29")
        #expect(Day(year: 2026, month: 12, day: 31).map { [$0.year, $0.month, $0.day] } == [2026, 12, 31])
    }

    @Test("January 31 + 30 days is March 2 in 2026 and March 1 in the leap year 2028")
    func monthEnds() throws {
        #expect(try #require(Day("2026-01-31")).adding(days: 30).description == "2026-03-02")
        #expect(try #require(Day("2028-01-31")).adding(days: 30).description == "2028-03-01")
        #expect(try #require(Day("2026-12-31")).adding(days: 1).description == "2027-01-01")
        #expect(try #require(Day("2026-03-01")).adding(days: -1).description == "2026-02-28")
    }

    @Test("a leap day + 365 days is February 28 of the next year; + 366 is March 1")
    func leapDays() throws {
        let leapDay = try #require(Day("2028-02-29"))
        #expect(leapDay.adding(days: 365).description == "2029-02-28")
        #expect(leapDay.adding(days: 366).description == "2029-03-01")
        #expect(try #require(Day("2029-03-01")).days(since: leapDay) == 366)
        #expect(leapDay.days(since: try #require(Day("2029-03-01"))) == -366)
    }

    @Test("a time belongs to the UTC day it falls in, whatever offset it was written with")
    func utcDayOfATime() throws {
        let lateEvening = try #require(UTCTimestamp.parse("2026-01-31T23:30:00-05:00"))
        #expect(Day(containing: lateEvening).description == "2026-02-01")
        let justBeforeMidnight = try #require(UTCTimestamp.parse("2026-02-01T00:59:59+01:00"))
        #expect(Day(containing: justBeforeMidnight).description == "2026-01-31")
        #expect(Day(containing: Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        #expect(try #require(Day("2026-02-01")).start == UTCTimestamp.parse("2026-02-01T00:00:00Z"))
    }

    @Test func daysOrderByTime() throws {
        let days = try ["2026-03-01", "2026-02-28", "2025-12-31"].map { try #require(Day($0)) }
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-02-28", "2026-03-01"])
    }

    @Test("JSON carries the YYYY-MM-DD string and refuses anything else")
    func json() throws {
        let day = try #require(Day("2028-02-29"))
        #expect(String(decoding: try JSONEncoder().encode([day]), as: UTF8.self) == #"["2028-02-29"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: Data(#"["2028-02-29"]"#.utf8)) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
