/// Proleptic Gregorian calendar arithmetic in UTC: the one implementation every target uses.
///
/// Why integer day counts instead of Foundation's `Calendar`: the service's schedules (care every n
/// days, end of life after a lifespan), the evaluation's cut and every file's timestamps need
/// exact, time-zone-free arithmetic that gives the same answer on every platform, and these few
/// lines (H. Hinnant's days-from-civil algorithms) are faster than any calendar object. Month ends
/// and leap days need no special cases.
public enum UTCCalendar {
    /// A civil date and time of day in UTC, to the second.
    public struct DateTime: Sendable, Hashable {
        public var year: Int
        /// 1...12.
        public var month: Int
        /// 1...31.
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// 0 Sunday ... 6 Saturday, as HTTP dates and `struct tm` count them.
        public var weekday: Int

        /// The UTC date and time of `epochSeconds` (negative before 1970).
        public init(epochSeconds: Int64) {
            let days = UTCCalendar.floorDivide(epochSeconds, 86_400)
            let secondOfDay = Int(epochSeconds - days * 86_400)
            (year, month, day) = UTCCalendar.civil(fromDays: days)
            hour = secondOfDay / 3600
            minute = secondOfDay / 60 % 60
            second = secondOfDay % 60
            // 1970-01-01 was a Thursday (4).
            weekday = Int((days % 7 + 11) % 7)
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (negative before it).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The (year, month, day) of a day count since 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// 28...31: the length of `month` (1...12) in `year`, leap years by the Gregorian rule.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether the date exists: `2026-02-29` does not, `2028-02-29` does.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && (1...daysInMonth(year: year, month: month)).contains(day)
    }

    /// Division rounding towards minus infinity, so instants before 1970 fall into the right day.
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
