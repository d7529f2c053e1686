/// Timestamps as exact integer nanoseconds since 1970-01-01T00:00:00Z (PROTOCOL.md section 1), so
/// that the cut and every tie compare exactly; float64 seconds would round near 1.7e18 ns.
enum Timestamp {
    static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// Parses integer epoch seconds (`^-?[0-9]+$`) or ISO-8601: `2023-03-28`, `2023-03-28T19:15:30`,
    /// with `T` or a space, optional minutes-only time, fractional seconds up to nanoseconds, and
    /// `Z`, `+02:00`, `+0200` or `+02` as offset; none means UTC. Returns nil for anything else.
    static func nanoseconds(_ text: some Collection<UInt8>) -> Int64? {
        var scanner = Scanner(bytes: Array(text))
        scanner.trimSpaces()
        if let seconds = scanner.wholeInteger() {
            let (value, overflow) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
            return overflow ? nil : value
        }
        return scanner.iso8601()
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Python's `datetime.isoformat()` of a UTC instant, as the reference writes it:
    /// `2023-10-20T22:53:28.400000+00:00` (microseconds only when not zero, nanoseconds only when
    /// they are not whole microseconds).
    static func isoString(_ nanoseconds: Int64) -> String {
        let perDay = 86_400 * nanosecondsPerSecond
        let days = nanoseconds >= 0 ? nanoseconds / perDay : -((-nanoseconds + perDay - 1) / perDay)
        let within = nanoseconds - days * perDay
        let (year, month, day) = civilFromDays(days)
        let seconds = within / nanosecondsPerSecond
        let fraction = within % nanosecondsPerSecond
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction % 1000 != 0 {
            text += "." + pad(fraction, 9)
        } else if fraction != 0 {
            text += "." + pad(fraction / 1000, 6)
        }
        return text + "+00:00"
    }
}

/// A cursor over a timestamp's bytes.
private struct Scanner {
    var bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func trimSpaces() {
        // ASCII white space, as the CSV reader trims ids.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + count] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        index += count
        return value
    }

    /// The whole remaining text as `^-?[0-9]+$`, or nil (leaving the cursor where it was).
    mutating func wholeInteger() -> Int64? {
        let start = index
        let negative = take(UInt8(ascii: "-"))
        guard !atEnd else { index = start; return nil }
        var value: Int64 = 0
        while let byte = peek(), byte >= 0x30 && byte <= 0x39 {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1 && !o2 else { index = start; return nil }
            value = next
            index += 1
        }
        guard atEnd else { index = start; return nil }
        return negative ? -value : value
    }

    mutating func iso8601() -> Int64? {
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
              let day = digits(2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = Timestamp.daysFromCivil(year: year, month: month, day: day) * 86_400
        var fraction: Int64 = 0
        if take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || take(UInt8(ascii: " ")) {
            guard let hour = digits(2), hour < 24, take(UInt8(ascii: ":")), let minute = digits(2), minute < 60
            else { return nil }
            var second: Int64 = 0
            if take(UInt8(ascii: ":")) {
                guard let value = digits(2), value < 60 else { return nil }
                second = value
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    guard let value = fractionNanoseconds() else { return nil }
                    fraction = value
                }
            }
            seconds += hour * 3600 + minute * 60 + second
            guard let offset = offsetSeconds() else { return nil }
            seconds -= offset
        }
        guard atEnd else { return nil }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerSecond)
        guard !overflow else { return nil }
        let (total, overflow2) = ns.addingReportingOverflow(fraction)
        return overflow2 ? nil : total
    }

    /// 1 to 9 digits of a second's fraction as nanoseconds.
    private mutating func fractionNanoseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while let byte = peek(), byte >= 0x30 && byte <= 0x39 {
            guard count < 9 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<9 { value *= 10 }
        return value
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing (UTC), as seconds east of UTC.
    private mutating func offsetSeconds() -> Int64? {
        if atEnd { return 0 }
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
        let sign: Int64
        if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = digits(2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if !atEnd {
            _ = take(UInt8(ascii: ":"))
            guard let value = digits(2), value < 60 else { return nil }
            minutes = value
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    private func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
