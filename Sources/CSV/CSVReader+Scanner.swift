extension CSVReader {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Scans one record starting at `position`: appends its fields' spans, moves `position` past its
    /// line end and `line` on by the lines it spanned. Returns the line the record starts on, or nil
    /// at the end of the input. Blank lines before the record are skipped.
    ///
    /// The hot loop of every import: plain byte comparisons on a buffer pointer, no allocation
    /// besides `spans` growing to the widest record once.
    static func scanRecord(
        _ buffer: UnsafeBufferPointer<UInt8>,
        from position: inout Int,
        line: inout Int,
        into spans: inout [CSVField.Span],
        source: String
    ) throws(CSVReadError) -> Int? {
        let count = buffer.count
        var i = position
        defer { position = i }
        while i < count, buffer[i] == lineFeed || buffer[i] == carriageReturn {
            if buffer[i] == carriageReturn, i + 1 < count, buffer[i + 1] == lineFeed { i += 1 }
            i += 1
            line += 1
        }
        guard i < count else { return nil }
        let recordLine = line
        while true {
            if i < count, buffer[i] == quote {
                let openingLine = line
                i += 1
                let start = i
                var escaped = false
                while true {
                    guard i < count else {
                        throw CSVReadError(.unterminatedQuote, source: source, line: openingLine, column: spans.count + 1)
                    }
                    let byte = buffer[i]
                    if byte == quote {
                        if i + 1 < count, buffer[i + 1] == quote {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    if byte == lineFeed || (byte == carriageReturn && !(i + 1 < count && buffer[i + 1] == lineFeed)) {
                        line += 1
                    }
                    i += 1
                }
                spans.append(CSVField.Span(start: start, end: i, hasEscapedQuotes: escaped))
                i += 1
                if i < count, buffer[i] != comma, buffer[i] != lineFeed, buffer[i] != carriageReturn {
                    throw CSVReadError(.strayQuote, source: source, line: line, column: spans.count)
                }
            } else {
                let start = i
                while i < count {
                    let byte = buffer[i]
                    if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                    if byte == quote {
                        throw CSVReadError(.strayQuote, source: source, line: line, column: spans.count + 1)
                    }
                    i += 1
                }
                spans.append(CSVField.Span(start: start, end: i, hasEscapedQuotes: false))
            }
            guard i < count else { return recordLine }
            let byte = buffer[i]
            i += 1
            if byte == comma { continue }
            if byte == carriageReturn, i < count, buffer[i] == lineFeed { i += 1 }
            line += 1
            return recordLine
        }
    }
}
