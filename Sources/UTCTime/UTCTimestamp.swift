#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// ISO-8601 timestamps in UTC: the one parser and the formatters of every target (files, SQL
/// parameters, cursors, logs, model versions, HTTP dates, the evaluation's report).
///
/// Hand-written rather than `ISO8601DateFormatter` because the generator and the importer format and
/// parse millions of them, because the output must be byte-for-byte the same on every platform, and
/// because the evaluation needs instants exact to the nanosecond (float seconds round near 1.7e18 ns).
/// Calendar arithmetic is ``UTCCalendar``'s.
public enum UTCTimestamp {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    // MARK: - Formatting

    /// `YYYY-MM-DDTHH:MM:SSZ` for whole seconds since 1970 (years 0...9999): the form of every file
    /// the project writes.
    public static func format(epochSeconds: Int64) -> String {
        var text = DigitWriter(capacity: 20)
        text.dateTime(UTCCalendar.DateTime(epochSeconds: epochSeconds), separator: "T")
        text.character("Z")
        return text.string
    }

    /// The ``format(epochSeconds:)`` form of `date`, rounded down to the whole second.
    public static func format(_ date: Date) -> String {
        format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// `2026-01-31T23:30:00.000123Z`: exact to the microsecond, timestamptz's resolution, and read
    /// the same by PostgreSQL whatever the session's time zone.
    /// - Parameter alwaysWithFraction: write `.000000` too; otherwise the fraction only when there
    ///   is one.
    public static func format(epochMicroseconds micros: Int64, alwaysWithFraction: Bool = false) -> String {
        let seconds = UTCCalendar.floorDivide(micros, 1_000_000)
        let fraction = micros - seconds * 1_000_000
        var text = DigitWriter(capacity: 27)
        text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
        if fraction != 0 || alwaysWithFraction {
            text.character(".")
            text.number(Int(fraction), width: 6)
        }
        text.character("Z")
        return text.string
    }

    /// The ``format(epochMicroseconds:)`` form of `date`, rounded to the nearest microsecond.
    public static func format(microsecondsOf date: Date) -> String {
        format(epochMicroseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// `2026-11-23T05:14:07.123Z`, always three decimals: log lines, whose times sort as text.
    public static func format(epochMilliseconds millis: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(millis, 1000)
        var text = DigitWriter(capacity: 24)
        text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
        text.character(".")
        text.number(Int(millis - seconds * 1000), width: 3)
        text.character("Z")
        return text.string
    }

    /// `20261123T044012.345Z`: the basic ISO-8601 form, without separators that would need quoting
    /// in file names or URLs; to the millisecond, so that two instants a second apart differ.
    public static func compact(epochMilliseconds millis: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(millis, 1000)
        let time = UTCCalendar.DateTime(epochSeconds: seconds)
        var text = DigitWriter(capacity: 20)
        text.number(time.year, width: 4)
        text.number(time.month, width: 2)
        text.number(time.day, width: 2)
        text.character("T")
        text.number(time.hour, width: 2)
        text.number(time.minute, width: 2)
        text.number(time.second, width: 2)
        text.character(".")
        text.number(Int(millis - seconds * 1000), width: 3)
        text.character("Z")
        return text.string
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`: RFC 9110's IMF-fixdate, the `Date` header's form.
    public static func httpDate(epochSeconds: Int64) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = UTCCalendar.DateTime(epochSeconds: epochSeconds)
        var text = DigitWriter(capacity: 29)
        text.text(days[time.weekday] + ", ")
        text.number(time.day, width: 2)
        text.text(" " + months[time.month - 1] + " ")
        text.number(time.year, width: 4)
        text.character(" ")
        text.time(time)
        text.text(" GMT")
        return text.string
    }

    /// Python's `datetime.isoformat()` of a UTC instant, as the evaluation's reference writes it:
    /// `2023-10-20T22:53:28.400000+00:00` (microseconds only when not zero, nanoseconds only when
    /// they are not whole microseconds).
    public static func pythonISOFormat(nanoseconds: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(nanoseconds, nanosecondsPerSecond)
        let fraction = nanoseconds - seconds * nanosecondsPerSecond
        var text = DigitWriter(capacity: 35)
        text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
        if fraction % 1000 != 0 {
            text.character(".")
            text.number(Int(fraction), width: 9)
        } else if fraction != 0 {
            text.character(".")
            text.number(Int(fraction / 1000), width: 6)
        }
        text.text("+00:00")
        return text.string
    }

    // MARK: - Parsing

    /// Parses ISO-8601 (see ``nanoseconds(_:acceptingEpochSeconds:)``) into a `Date`; nil if malformed.
    public static func parse(_ text: some StringProtocol) -> Date? {
        guard let nanoseconds = nanoseconds(text.utf8) else { return nil }
        let seconds = UTCCalendar.floorDivide(nanoseconds, nanosecondsPerSecond)
        let fraction = Double(nanoseconds - seconds * nanosecondsPerSecond) / Double(nanosecondsPerSecond)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Whole seconds since 1970 of ``parse(_:)``'s input, the fraction dropped (rounded down).
    public static func parseEpochSeconds(_ text: some StringProtocol) -> Int64? {
        nanoseconds(text.utf8).map { UTCCalendar.floorDivide($0, nanosecondsPerSecond) }
    }

    /// Exact integer nanoseconds since 1970-01-01T00:00:00Z, or nil for anything malformed.
    ///
    /// Accepts `2023-03-28`, `2023-03-28T19:15:30`, with `T`, `t` or a space, a minutes-only time,
    /// fractional seconds up to nanoseconds, and `Z`, `+02:00`, `+0200` or `+02` as offset (none
    /// means UTC), surrounded by optional ASCII white space: what shared/eval's PROTOCOL.md
    /// section 1 and Python's `fromisoformat` read, so the service and the evaluation agree.
    /// - Parameter acceptingEpochSeconds: also accept integer epoch seconds (`^-?[0-9]+$`), as the
    ///   evaluation's neutral files may hold them.
    public static func nanoseconds(_ text: some Collection<UInt8>, acceptingEpochSeconds: Bool = false) -> Int64? {
        var scanner = TimestampScanner(bytes: Array(text))
        scanner.trimSpaces()
        if acceptingEpochSeconds, let seconds = scanner.wholeInteger() {
            let (value, overflow) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
            return overflow ? nil : value
        }
        return scanner.iso8601()
    }
}

/// Writes fixed-width decimal fields into a byte buffer: no `String(format:)`, which showed in
/// profiles of the per-request log line, and no locale.
private struct DigitWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// `value` (not negative) in at least `width` digits, zero-padded.
    mutating func number(_ value: Int, width: Int) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func character(_ character: Unicode.Scalar) { bytes.append(UInt8(ascii: character)) }

    mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `YYYY-MM-DD`, the separator, `HH:MM:SS`.
    mutating func dateTime(_ time: UTCCalendar.DateTime, separator: Unicode.Scalar) {
        number(time.year, width: 4)
        character("-")
        number(time.month, width: 2)
        character("-")
        number(time.day, width: 2)
        character(separator)
        self.time(time)
    }

    mutating func time(_ time: UTCCalendar.DateTime) {
        number(time.hour, width: 2)
        character(":")
        number(time.minute, width: 2)
        character(":")
        number(time.second, width: 2)
    }
}
