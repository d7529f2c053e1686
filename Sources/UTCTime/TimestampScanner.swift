/// A cursor over a timestamp's bytes: the ISO-8601 reader behind ``UTCTimestamp/nanoseconds(_:acceptingEpochSeconds:)``.
struct TimestampScanner {
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
        guard let (seconds, fraction) = iso8601Parts() else { return nil }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: UTCTimestamp.nanosecondsPerSecond)
        guard !overflow else { return nil }
        let (total, overflow2) = ns.addingReportingOverflow(fraction)
        return overflow2 ? nil : total
    }

    /// Whole seconds since 1970 and the nanoseconds past them: any year 0000...9999, where
    /// nanoseconds in an Int64 end in 2262.
    mutating func iso8601Parts() -> (seconds: Int64, nanoseconds: Int64)? {
        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
              let day = digits(2), UTCCalendar.isValid(year: Int(year), month: Int(month), day: Int(day))
        else { return nil }
        var seconds = UTCCalendar.days(year: Int(year), month: Int(month), day: Int(day)) * 86_400
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
        return (seconds, fraction)
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
}
