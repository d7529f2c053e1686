/// A JSON text being written, in UTF-8 bytes: the service's one JSON writer.
///
/// Responses, problem documents, log lines and the evaluation report are all written through it,
/// so every JSON text the project emits escapes strings the same way and writes a non-finite
/// number the same way: as `null`, since JSON has no NaN or infinity and a 0 would be a lie that
/// a client cannot tell from a real zero. Writing bytes directly (rather than through Foundation's
/// `JSONEncoder`) is what keeps the hot responses cheap; it also keeps keys in the order written.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    /// - Parameter capacity: bytes to reserve up front (a guess at the text's length).
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` as it is: punctuation and literal keys the caller knows to be valid JSON.
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// An integer, in decimal.
    public mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A 64-bit integer (database ids), in decimal.
    public mutating func number(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Finite values in Swift's shortest round-trip form (valid JSON, as Python's `repr` writes
    /// floats); NaN and the infinities as `null`.
    public mutating func number(_ value: Double) {
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    /// `null`, for a value that is present but unknown.
    public mutating func null() {
        raw("null")
    }

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7), every
    /// other character kept as its UTF-8 bytes.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + [Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":`, for objects written member by member.
    public mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
