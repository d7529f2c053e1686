/// One field of a record: a range of the file's bytes, unquoted, with accessors that convert only
/// on demand.
public struct CSVField: Sendable {
    /// Where a field's content lies in the file: inside the quotes for a quoted field.
    struct Span: Sendable {
        var start: Int
        var end: Int
        /// The content holds `""` pairs that stand for one quote each.
        var hasEscapedQuotes: Bool
    }

    let bytes: [UInt8]
    let span: Span

    /// True if the field is empty (`,,` or `""`).
    public var isEmpty: Bool { span.start == span.end }

    /// The field's bytes with `""` turned into `"`.
    public var utf8: ArraySlice<UInt8> {
        let raw = bytes[span.start..<span.end]
        guard span.hasEscapedQuotes else { return raw }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var skipNext = false
        for byte in raw {
            if skipNext { skipNext = false; continue }
            result.append(byte)
            if byte == UInt8(ascii: "\"") { skipNext = true }
        }
        return result[...]
    }

    /// The field's text (invalid UTF-8 is repaired with U+FFFD).
    public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// The field's text without surrounding ASCII white space.
    public var trimmedString: String {
        String(decoding: trimmedUTF8, as: UTF8.self)
    }

    /// The field's bytes (with `""` turned into `"`) without surrounding ASCII white space: ids
    /// compared byte for byte, with no String made per row.
    public var trimmedUTF8: ArraySlice<UInt8> {
        trimmedBytes(utf8)
    }

    /// True if the field's bytes equal `text`'s UTF-8, without building a String.
    public func equals(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { utf8.elementsEqual($0) }
    }

    /// The field as a decimal integer with an optional sign, surrounding white space allowed; nil if it
    /// is anything else or overflows `Int`.
    public var int: Int? {
        let digits = trimmedBytes(bytes[span.start..<span.end])
        var index = digits.startIndex
        guard index < digits.endIndex else { return nil }
        let negative = digits[index] == UInt8(ascii: "-")
        if negative || digits[index] == UInt8(ascii: "+") { index += 1 }
        guard index < digits.endIndex else { return nil }
        var value = 0
        while index < digits.endIndex {
            let digit = Int(digits[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The field as a floating-point number (Swift's `Double(String)` syntax), surrounding white
    /// space allowed; nil if it is not one.
    public var double: Double? {
        Double(trimmedString)
    }

    /// ASCII white space: space, tab, LF, vertical tab, form feed, CR.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private func trimmedBytes(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, Self.isSpace(raw[start]) { start += 1 }
        while end > start, Self.isSpace(raw[end - 1]) { end -= 1 }
        return raw[start..<end]
    }
}
