import Foundation

/// A Swift value that can travel as a statement parameter.
///
/// Parameters are sent in PostgreSQL's text form, typed by the server from the statement's
/// context (cast a placeholder, `$1::bigint`, where the context is ambiguous). They are never
/// pasted into SQL.
public protocol PostgresEncodable: Sendable {
    /// The value's text form, or nil for SQL NULL.
    func postgresText() throws -> String?
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
    /// UTC with microseconds, the resolution of `timestamptz`.
    public func postgresText() -> String? { TimestampText.format(self) }
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

/// Timestamps as PostgreSQL's text form, exact to the microsecond and independent of the locale.
enum TimestampText {
    static func format(_ date: Date) -> String {
        let totalMicroseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = totalMicroseconds / 1_000_000
        var micros = totalMicroseconds % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = CivilDate.fromDaysSinceEpoch(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(micros, 6))+00"
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
enum CivilDate {
    static func fromDaysSinceEpoch(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
