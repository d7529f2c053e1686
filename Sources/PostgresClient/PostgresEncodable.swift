import Foundation
import UTCTime

/// A Swift value that can travel as a statement parameter.
///
/// Parameters are sent in PostgreSQL's text form, typed by the server from the statement's
/// context (cast a placeholder, `$1::bigint`, where the context is ambiguous). They are never
/// pasted into SQL.
public protocol PostgresEncodable: Sendable {
    /// The value's text form, or nil for SQL NULL.
    func postgresText() throws -> String?
    /// The value's binary form, for a type sent in binary (only `PostgresBytes`): nil sends the text form.
    var postgresBinary: [UInt8]? { get }
}

extension PostgresEncodable {
    public var postgresBinary: [UInt8]? { nil }
}

/// Bytes for a `bytea` parameter, sent in binary: a model chunk of megabytes travels as itself,
/// not as twice as many hex digits.
public struct PostgresBytes: PostgresEncodable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The hex form (`\x0a1b...`), for an array literal; a lone parameter is sent in binary.
    public func postgresText() -> String? {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array("\\x".utf8)
        text.reserveCapacity(2 + 2 * bytes.count)
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: text, as: UTF8.self)
    }

    public var postgresBinary: [UInt8]? { bytes }
}

extension String: PostgresEncodable {
    public func postgresText() -> String? { self }
}

extension Substring: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int64: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int32: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int16: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Bool: PostgresEncodable {
    public func postgresText() -> String? { self ? "true" : "false" }
}

extension Double: PostgresEncodable {
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Float: PostgresEncodable {
    public func postgresText() -> String? { Double(self).postgresText() }
}

extension Decimal: PostgresEncodable {
    public func postgresText() -> String? { NSDecimalNumber(decimal: self).stringValue }
}

extension Date: PostgresEncodable {
    /// UTC with microseconds, the resolution of `timestamptz`, in a form PostgreSQL reads the same
    /// whatever the session's time zone or `DateStyle`.
    public func postgresText() -> String? { UTCTimestamp.format(microsecondsOf: self) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public func postgresText() throws -> String? {
        switch self {
        case .none: nil
        case .some(let value): try value.postgresText()
        }
    }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// An array literal, `{"1","2"}`: every element quoted, so commas, braces and quotes inside
    /// text are safe; nil elements are `NULL`. Use with `= ANY($1::int[])` and friends.
    public func postgresText() throws -> String? {
        var text = "{"
        for (position, element) in enumerated() {
            if position > 0 { text += "," }
            guard let elementText = try element.postgresText() else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in elementText {
                if character == "\"" || character == "\\" { text += "\\" }
                text.append(character)
            }
            text += "\""
        }
        return text + "}"
    }
}
