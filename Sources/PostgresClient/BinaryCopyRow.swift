import Foundation

/// Reads one row of `COPY ... TO STDOUT (FORMAT binary)`: the fastest way to stream a large table
/// into memory, with no text to parse.
///
/// The first row a binary COPY delivers carries the 19-byte file header; the last "row" is the
/// trailer (a field count of -1), for which `init` answers nil.
public struct BinaryCopyRow {
    private let bytes: UnsafeRawBufferPointer
    private var offset: Int
    /// Number of fields in the row.
    public let fieldCount: Int

    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    /// - Returns: nil for the trailer that ends the stream.
    public init?(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes = bytes
        offset = 0
        if bytes.count >= 19, bytes.prefix(11).elementsEqual(Self.signature) {
            let extensionLength = Int(Self.read(Int32.self, bytes, at: 15))
            offset = 19 + extensionLength
        }
        guard offset + 2 <= bytes.count else { throw Self.truncated }
        let count = Int(Self.read(Int16.self, bytes, at: offset))
        offset += 2
        if count == -1 { return nil }
        fieldCount = count
    }

    private static let truncated = PostgresError(.decoding, message: "truncated binary COPY row")

    private static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The next field's bytes, or nil for NULL.
    public mutating func nextField() throws -> UnsafeRawBufferPointer? {
        guard offset + 4 <= bytes.count else { throw Self.truncated }
        let length = Int(Self.read(Int32.self, bytes, at: offset))
        offset += 4
        if length < 0 { return nil }
        guard offset + length <= bytes.count else { throw Self.truncated }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    /// The next field as a 4-byte integer (int4).
    public mutating func nextInt32() throws -> Int32 {
        guard let field = try nextField(), field.count == 4 else { throw Self.truncated }
        return Int32(bigEndian: field.loadUnaligned(as: Int32.self))
    }

    /// The next field as an 8-byte integer (int8, or timestamptz's microseconds since 2000-01-01).
    public mutating func nextInt64() throws -> Int64 {
        guard let field = try nextField(), field.count == 8 else { throw Self.truncated }
        return Int64(bigEndian: field.loadUnaligned(as: Int64.self))
    }

    /// The next field as text (text, varchar, or an enum's label).
    public mutating func nextString() throws -> String? {
        guard let field = try nextField() else { return nil }
        return String(decoding: field, as: UTF8.self)
    }

    /// Microseconds between 1970-01-01 and 2000-01-01, for turning timestamptz into Unix time.
    public static let unixEpochOffsetMicroseconds: Int64 = 946_684_800_000_000
}
