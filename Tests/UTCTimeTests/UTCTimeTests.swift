import Foundation
import Testing
import UTCTime

/// The one calendar and its timestamp forms: each form every target writes, at the edges (before
/// 1970, leap days, fractions), and the parser's rules.
@Suite("UTC calendar and timestamps")
struct UTCTimeTests {
    @Test("day counts and civil dates are inverse, across eras and leap days")
    func calendarRoundTrips() {
        #expect(UTCCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(UTCCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(UTCCalendar.civil(fromDays: -1) == (1969, 12, 31))
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = UTCCalendar.civil(fromDays: days)
            #expect(UTCCalendar.days(year: year, month: month, day: day) == days)
        }
        #expect(UTCCalendar.isValid(year: 2028, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 2026, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 2100, month: 2, day: 29))
        #expect(!UTCCalendar.isValid(year: 2026, month: 13, day: 1))
    }

    @Test("weekdays count from Sunday, 1970-01-01 being a Thursday")
    func weekdays() {
        #expect(UTCCalendar.DateTime(epochSeconds: 0).weekday == 4)
        #expect(UTCCalendar.DateTime(epochSeconds: -1).weekday == 3)
        #expect(UTCCalendar.DateTime(epochSeconds: 784_111_777).weekday == 0)  // 1994-11-06, a Sunday
    }

    @Test("each formatter's form")
    func forms() {
        #expect(UTCTimestamp.format(epochMicroseconds: 1_769_902_200_000_123) == "2026-01-31T23:30:00.000123Z")
        #expect(UTCTimestamp.format(epochMicroseconds: 1_769_902_200_000_000) == "2026-01-31T23:30:00Z")
        #expect(UTCTimestamp.format(epochMicroseconds: -1, alwaysWithFraction: true) == "1969-12-31T23:59:59.999999Z")
        #expect(UTCTimestamp.format(epochMicroseconds: 0, alwaysWithFraction: true) == "1970-01-01T00:00:00.000000Z")
        #expect(UTCTimestamp.format(epochMilliseconds: 1_795_410_847_123) == "2026-11-23T05:14:07.123Z")
        #expect(UTCTimestamp.format(epochMilliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(UTCTimestamp.compact(epochMilliseconds: 1_795_410_847_005) == "20261123T051407.005Z")
        #expect(UTCTimestamp.httpDate(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(UTCTimestamp.pythonISOFormat(nanoseconds: 0) == "1970-01-01T00:00:00+00:00")
    }

    @Test("the parser reads the protocol's forms, exact to the nanosecond, and nothing else")
    func parsing() {
        #expect(UTCTimestamp.nanoseconds(Array("2023-03-28T21:15:30.5+02".utf8)) == 1_680_030_930_500_000_000)
        #expect(UTCTimestamp.nanoseconds(Array("\t2023-03-28 \n".utf8)) == 1_679_961_600_000_000_000)
        #expect(UTCTimestamp.nanoseconds(Array("1680030930".utf8)) == nil)
        #expect(UTCTimestamp.nanoseconds(Array("1680030930".utf8), acceptingEpochSeconds: true) == 1_680_030_930_000_000_000)
        #expect(UTCTimestamp.parseEpochSeconds("1969-12-31T23:59:59.5Z") == -1)
        #expect(UTCTimestamp.parse("2026-11-01T00:00:00.000001Z")?.timeIntervalSince1970 == 1_793_491_200.000001)
    }

    /// Moved from ShoeDataTests with UTCTimestamp.
    @Test func timestampsFormatAndParseInUTC() {
        #expect(UTCTimestamp.format(epochSeconds: 0) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.format(epochSeconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.format(epochSeconds: -1) == "1969-12-31T23:59:59Z")
        #expect(UTCTimestamp.parseEpochSeconds("2026-11-01T00:00:00Z") == 1_793_491_200)
        #expect(UTCTimestamp.parseEpochSeconds("2026-11-01") == 1_793_491_200)
        #expect(UTCTimestamp.parseEpochSeconds("2026-11-01T02:00:00+02:00") == 1_793_491_200)
        #expect(UTCTimestamp.parseEpochSeconds("2026-10-31T19:00:00-0500") == 1_793_491_200)
        #expect(UTCTimestamp.parse("2026-11-01T00:00:00.5Z")?.timeIntervalSince1970 == 1_793_491_200.5)
        // Beyond the nanoseconds' range (2262) a time still parses, to be judged by what it says.
        #expect(UTCTimestamp.parse("2999-01-01T00:00:00Z")?.timeIntervalSince1970 == 32_472_144_000)
        #expect(UTCTimestamp.nanoseconds(Array("2999-01-01".utf8)) == nil)
        for bad in ["", "2026-13-01", "2026-02-29", "2026-11-01T25:00:00Z", "2026-11-01Tx", "yesterday"] {
            #expect(UTCTimestamp.parse(bad) == nil, "\(bad)")
        }
        for seconds: Int64 in stride(from: -5_000_000_000, through: 5_000_000_000, by: 123_456_789) {
            #expect(UTCTimestamp.parseEpochSeconds(UTCTimestamp.format(epochSeconds: seconds)) == seconds)
        }
    }
}
