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
        DigitWriter.string(capacity: 20) { text in
            text.dateTime(UTCCalendar.DateTime(epochSeconds: epochSeconds), separator: "T")
            text.character("Z")
        }
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
        return DigitWriter.string(capacity: 27) { text in
            text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
            if fraction != 0 || alwaysWithFraction {
                text.character(".")
                text.number(Int(fraction), width: 6)
            }
            text.character("Z")
        }
    }

    /// The ``format(epochMicroseconds:)`` form of `date`, rounded to the nearest microsecond.
    public static func format(microsecondsOf date: Date) -> String {
        format(epochMicroseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// `2026-11-23T05:14:07.123Z`, always three decimals: log lines, whose times sort as text.
    public static func format(epochMilliseconds millis: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(millis, 1000)
        return DigitWriter.string(capacity: 24) { text in
            text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
            text.character(".")
            text.number(Int(millis - seconds * 1000), width: 3)
            text.character("Z")
        }
    }

    /// `20261123T044012.345Z`: the basic ISO-8601 form, without separators that would need quoting
    /// in file names or URLs; to the millisecond, so that two instants a second apart differ.
    public static func compact(epochMilliseconds millis: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(millis, 1000)
        let time = UTCCalendar.DateTime(epochSeconds: seconds)
        return DigitWriter.string(capacity: 20) { text in
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
        }
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`: RFC 9110's IMF-fixdate, the `Date` header's form.
    public static func httpDate(epochSeconds: Int64) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = UTCCalendar.DateTime(epochSeconds: epochSeconds)
        return DigitWriter.string(capacity: 29) { text in
            text.text(days[time.weekday] + ", ")
            text.number(time.day, width: 2)
            text.text(" " + months[time.month - 1] + " ")
            text.number(time.year, width: 4)
            text.character(" ")
            text.time(time)
            text.text(" GMT")
        }
    }

    /// Python's `datetime.isoformat()` of a UTC instant, as the evaluation's reference writes it:
    /// `2023-10-20T22:53:28.400000+00:00` (microseconds only when not zero, nanoseconds only when
    /// they are not whole microseconds).
    public static func pythonISOFormat(nanoseconds: Int64) -> String {
        let seconds = UTCCalendar.floorDivide(nanoseconds, nanosecondsPerSecond)
        let fraction = nanoseconds - seconds * nanosecondsPerSecond
        return DigitWriter.string(capacity: 35) { text in
            text.dateTime(UTCCalendar.DateTime(epochSeconds: seconds), separator: "T")
            if fraction % 1000 != 0 {
                text.character(".")
                text.number(Int(fraction), width: 9)
            } else if fraction != 0 {
                text.character(".")
                text.number(Int(fraction / 1000), width: 6)
            }
            text.text("+00:00")
        }
    }

    // MARK: - Parsing

    /// Parses ISO-8601 (see ``nanoseconds(_:acceptingEpochSeconds:)``) into a `Date`; nil if malformed.
    /// Any year 0000...9999, so that a time far off (`2999-01-01`) is read as what it is and
    /// refused by the rule about times rather than called malformed.
    public static func parse(_ text: some StringProtocol) -> Date? {
        var scanner = TimestampScanner(bytes: Array(text.utf8))
        scanner.trimSpaces()
        guard let (seconds, fraction) = scanner.iso8601Parts() else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + Double(fraction) / Double(nanosecondsPerSecond))
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

/// Writes fixed-width decimal fields straight into a new String's storage: one allocation a
/// timestamp, no `String(format:)` (which showed in profiles of the per-request log line) and no
/// locale. The importer formats one per row.
private struct DigitWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    /// The text `write` puts into at most `capacity` bytes (plus room for years beyond 9999).
    static func string(capacity: Int, _ write: (inout DigitWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity + 16) { buffer in
            var writer = DigitWriter(buffer: buffer)
            write(&writer)
            return writer.count
        }
    }

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// `value` (not negative) in at least `width` digits, zero-padded.
    mutating func number(_ value: Int, width: Int) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let end = count + max(width, digits)
        rest = value
        for index in stride(from: end - 1, through: count, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count = end
    }

    mutating func character(_ character: Unicode.Scalar) {
        buffer[count] = UInt8(ascii: character)
        count += 1
    }

    mutating func text(_ text: String) {
        for byte in text.utf8 {
            buffer[count] = byte
            count += 1
        }
    }
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
