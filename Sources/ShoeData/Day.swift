#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime

/// A UTC calendar day, `2026-03-02`: the unit of the care and replacement schedules.
///
/// Why a type of its own rather than `Date`: the schedules count whole days ("30 days after the
/// purchase", "14 days before the end of life"), and a `Date` invites mixing in hours, time zones
/// and daylight-saving shifts. A `Day` is always a proleptic Gregorian date in UTC; arithmetic is
/// exact integer arithmetic on the day count since 1970-01-01 (``UTCCalendar/days(year:month:day:)``
/// and ``UTCCalendar/civil(fromDays:)``), so month ends and leap days need no special cases.
///
/// The text and JSON form is exactly `YYYY-MM-DD` (ISO 8601 calendar date), years 0001...9999.
public struct Day: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// Days since 1970-01-01 (negative before it). The one stored field, so equality, order and
    /// hashing are those of the day count.
    public let daysSinceEpoch: Int64

    /// The years a `Day` accepts: four digits, as its text form has.
    public static let years = 1...9999

    /// The day `daysSinceEpoch` days after 1970-01-01.
    /// - Parameter daysSinceEpoch: may be negative; the caller keeps it within ``years``.
    public init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A valid calendar date, or nil: `Day(year: 2026, month: 2, day: 30)` is nil, not March 2.
    /// - Parameters:
    ///   - year: 1...9999.
    ///   - month: 1...12.
    ///   - day: 1...the length of that month (29 in February of a leap year).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), UTCCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.init(daysSinceEpoch: UTCCalendar.days(year: year, month: month, day: day))
    }

    /// Parses exactly `YYYY-MM-DD`: no time, no offset, no white space, no missing zeros, and only
    /// days that exist (`2026-02-30` and `2026-02-29` are refused, `2028-02-29` is accepted).
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day that contains `date`: 2026-01-31T23:30:00-05:00 is in the day 2026-02-01.
    public init(containing date: Date) {
        self.init(daysSinceEpoch: UTCCalendar.floorDivide(Int64(date.timeIntervalSince1970.rounded(.down)), 86_400))
    }

    /// Today in UTC. Services take the day as a parameter instead of calling this, so tests and
    /// callers decide what "today" is.
    public static var today: Day { Day(containing: Date()) }

    public var year: Int { UTCCalendar.civil(fromDays: daysSinceEpoch).year }
    public var month: Int { UTCCalendar.civil(fromDays: daysSinceEpoch).month }
    public var day: Int { UTCCalendar.civil(fromDays: daysSinceEpoch).day }

    /// Midnight UTC at the start of the day.
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> Day {
        Day(daysSinceEpoch: daysSinceEpoch + Int64(days))
    }

    /// Whole days from `other` to `self`: positive when `self` is later.
    public func days(since other: Day) -> Int {
        Int(daysSinceEpoch - other.daysSinceEpoch)
    }

    /// `2026-03-02`.
    public var description: String {
        let (year, month, day) = UTCCalendar.civil(fromDays: daysSinceEpoch)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
