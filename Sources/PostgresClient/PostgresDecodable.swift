import Foundation

/// One field of a binary result: its bytes, its type OID and its column's name for errors.
public struct PostgresValue {
    public let bytes: UnsafeRawBufferPointer
    public let type: UInt32
    public let column: String

    /// A decoding error that names the column and both types.
    public func mismatch(_ swiftType: Any.Type) -> PostgresError {
        PostgresError(
            .decoding,
            message: "column \"\(column)\" has type OID \(type) (\(bytes.count) bytes), which does not decode as \(swiftType)",
            column: column)
    }

    func bigEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int = 0) -> T {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<T>.size]))
        }
        return T(bigEndian: value)
    }

    /// The field as a whole integer, whatever its integer width.
    func integer(_ swiftType: Any.Type) throws -> Int64 {
        switch (type, bytes.count) {
        case (PostgresType.int2, 2): Int64(bigEndian(Int16.self))
        case (PostgresType.int4, 4): Int64(bigEndian(Int32.self))
        case (PostgresType.int8, 8): bigEndian(Int64.self)
        case (PostgresType.oid, 4): Int64(bigEndian(UInt32.self))
        default: throw mismatch(swiftType)
        }
    }
}

/// Type OIDs of the built-in types we decode (pg_type.h).
enum PostgresType {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let oid: UInt32 = 26
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    static let date: UInt32 = 1082
    static let timestamp: UInt32 = 1114
    static let timestamptz: UInt32 = 1184
    static let numeric: UInt32 = 1700
    /// OIDs from here on belong to types created by users: enums among them, sent as their label.
    static let firstUserDefined: UInt32 = 16384

    static let textLike: Set<UInt32> = [text, varchar, bpchar, name, unknown, json]
    /// 2000-01-01T00:00:00Z, PostgreSQL's epoch for binary dates and timestamps.
    static let epoch = Date(timeIntervalSince1970: 946_684_800)
}

/// A Swift type that a result column decodes into, with the type OID checked.
public protocol PostgresDecodable {
    static func decode(_ value: PostgresValue) throws -> Self
    /// What a SQL NULL becomes: an error for every type but Optional.
    static func decodeNull(column: String) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(column: String) throws -> Self {
        throw PostgresError(.decoding, message: "column \"\(column)\" is NULL; decode it as \(Self.self)?", column: column)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Self { try Wrapped.decode(value) }
    public static func decodeNull(column: String) throws -> Self { nil }
}

extension Int: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Int { Int(try value.integer(Int.self)) }
}

extension Int64: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Int64 { try value.integer(Int64.self) }
}

extension Int32: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Int32 {
        guard let narrow = Int32(exactly: try value.integer(Int32.self)) else { throw value.mismatch(Int32.self) }
        return narrow
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Bool {
        guard value.type == PostgresType.bool, value.bytes.count == 1 else { throw value.mismatch(Bool.self) }
        return value.bytes[0] != 0
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Double {
        switch (value.type, value.bytes.count) {
        case (PostgresType.float8, 8): return Double(bitPattern: value.bigEndian(UInt64.self))
        case (PostgresType.float4, 4): return Double(Float(bitPattern: value.bigEndian(UInt32.self)))
        case (PostgresType.numeric, _): return NSDecimalNumber(decimal: try Decimal.decode(value)).doubleValue
        case (PostgresType.int2, _), (PostgresType.int4, _), (PostgresType.int8, _):
            return Double(try value.integer(Double.self))
        default: throw value.mismatch(Double.self)
        }
    }
}

extension Float: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> Float { Float(try Double.decode(value)) }
}

extension String: PostgresDecodable {
    public static func decode(_ value: PostgresValue) throws -> String {
        guard PostgresType.textLike.contains(value.type) || value.type >= PostgresType.firstUserDefined else {
            throw value.mismatch(String.self)
        }
        return String(decoding: value.bytes, as: UTF8.self)
    }
}

extension Date: PostgresDecodable {
    /// timestamptz and timestamp (taken as UTC) to the microsecond; a date as its midnight UTC.
    public static func decode(_ value: PostgresValue) throws -> Date {
        switch (value.type, value.bytes.count) {
        case (PostgresType.timestamptz, 8), (PostgresType.timestamp, 8):
            let micros = value.bigEndian(Int64.self)
            if micros == .max || micros == .min { return micros > 0 ? .distantFuture : .distantPast }
            return PostgresType.epoch.addingTimeInterval(Double(micros) / 1_000_000)
        case (PostgresType.date, 4):
            let days = value.bigEndian(Int32.self)
            if days == .max || days == .min { return days > 0 ? .distantFuture : .distantPast }
            return PostgresType.epoch.addingTimeInterval(Double(days) * 86_400)
        default:
            throw value.mismatch(Date.self)
        }
    }
}

extension Decimal: PostgresDecodable {
    /// numeric's binary form: digit count, weight, sign, display scale, then base-10000 digits.
    public static func decode(_ value: PostgresValue) throws -> Decimal {
        if value.type != PostgresType.numeric {
            return Decimal(try value.integer(Decimal.self))
        }
        guard value.bytes.count >= 8 else { throw value.mismatch(Decimal.self) }
        let digitCount = Int(value.bigEndian(Int16.self, at: 0))
        let weight = Int(value.bigEndian(Int16.self, at: 2))
        let sign = value.bigEndian(UInt16.self, at: 4)
        guard sign != 0xC000, value.bytes.count == 8 + 2 * digitCount else {
            throw value.mismatch(Decimal.self)
        }
        var result = Decimal(0)
        for position in 0..<digitCount {
            let digit = Decimal(Int(value.bigEndian(Int16.self, at: 8 + 2 * position)))
            let exponent = 4 * (weight - position)
            result += digit * Decimal(sign: .plus, exponent: exponent, significand: 1)
        }
        return sign == 0x4000 ? -result : result
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public static func decode(_ value: PostgresValue) throws -> [UInt8] {
        guard value.type == PostgresType.bytea else { throw value.mismatch([UInt8].self) }
        return Array(value.bytes)
    }
}
