import Foundation

/// Reads an archive's bytes: the frame first (magic, format, checksum), then the entry table, then
/// entries on demand, each decoded once (an array or part referenced twice is one shared value).
/// Every offset is checked against the bytes, and a record may only reference entries written
/// before it, so no input can make it trap or loop.
final class ArchiveDecoder {
    enum Field {
        case int(Int64)
        case double(Double)
        case string(String)
        case reference(Int)
    }

    private struct Entry {
        var tag: UInt8
        var count: Int
        var offset: Int
        var length: Int
    }

    private let bytes: [UInt8]
    private var entries: [Entry] = []
    private let root: Int
    private var arrays: [Int: Any] = [:]
    private var models: [Int: any RecommendationModel] = [:]

    init(_ bytes: [UInt8]) throws(ModelArchiveError) {
        let (entryCount, root) = try Self.checkFrame(bytes)
        self.bytes = bytes
        self.root = root
        var offset = ModelArchive.headerSize
        let end = bytes.count - ModelArchive.footerSize
        while offset < end {
            guard end - offset >= 17 else { throw .truncated("entry header at byte \(offset)") }
            let tag = bytes[offset]
            let count = Self.read(UInt64.self, bytes, offset + 1), length = Self.read(UInt64.self, bytes, offset + 9)
            guard length <= UInt64(end - offset - 17), count <= UInt64(Int.max) else { throw .truncated("entry at byte \(offset)") }
            entries.append(Entry(tag: tag, count: Int(count), offset: offset + 17, length: Int(length)))
            offset += 17 + Int(length)
        }
        guard entries.count == entryCount, root < entryCount, entries[root].tag == ModelArchive.Tag.record.rawValue else {
            throw .inconsistent("\(entries.count) entries found, the footer says \(entryCount) with root \(root)")
        }
    }

    /// Checks the magic, the format version and the checksum; answers the footer's entry count and root.
    static func checkFrame(_ bytes: [UInt8]) throws(ModelArchiveError) -> (entries: Int, root: Int) {
        guard bytes.count >= ModelArchive.headerSize + ModelArchive.footerSize,
              bytes[0..<8].elementsEqual(ModelArchive.magic) else { throw .notAnArchive }
        let format = read(UInt32.self, bytes, 8)
        guard format == ModelArchive.formatVersion else {
            throw .unsupportedFormat(found: format, supported: ModelArchive.formatVersion)
        }
        let stored = read(UInt32.self, bytes, bytes.count - 4)
        let actual = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 4)])) }
        guard stored == actual else { throw .checksumMismatch(expected: stored, actual: actual) }
        return (Int(read(UInt32.self, bytes, bytes.count - 12)), Int(read(UInt32.self, bytes, bytes.count - 8)))
    }

    func rootReader() throws(ModelArchiveError) -> ModelArchiveReader { try reader(of: root) }

    func tag(of index: Int) -> ModelArchive.Tag? {
        index >= 0 && index < entries.count ? ModelArchive.Tag(rawValue: entries[index].tag) : nil
    }

    /// A fixed-width array entry as `[T]`, decoded once.
    func array<T>(_ index: Int, as _: T.Type) throws(ModelArchiveError) -> [T] {
        if let done = arrays[index] as? [T] { return done }
        let entry = entries[index]
        guard entry.count.multipliedReportingOverflow(by: MemoryLayout<T>.stride) == (entry.length, false) else {
            throw .inconsistent("array entry \(index): \(entry.count) elements in \(entry.length) bytes")
        }
        let values = [T](unsafeUninitializedCapacity: entry.count) { buffer, initialized in
            bytes.withUnsafeBytes { all in
                if entry.length > 0 {
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: all.baseAddress! + entry.offset, byteCount: entry.length)
                }
            }
            initialized = entry.count
        }
        arrays[index] = values
        return values
    }

    func strings(_ index: Int) throws(ModelArchiveError) -> [String] {
        if let done = arrays[index] as? [String] { return done }
        let entry = entries[index]
        var cursor = Cursor(bytes: bytes, offset: entry.offset, end: entry.offset + entry.length)
        var values: [String] = []
        values.reserveCapacity(min(entry.count, entry.length / 4))
        for _ in 0..<entry.count { values.append(try cursor.string()) }
        guard cursor.offset == cursor.end else { throw .inconsistent("string array entry \(index) has trailing bytes") }
        arrays[index] = values
        return values
    }

    /// A record entry's kind and fields; references must point to earlier entries.
    func reader(of index: Int) throws(ModelArchiveError) -> ModelArchiveReader {
        let entry = entries[index]
        var cursor = Cursor(bytes: bytes, offset: entry.offset, end: entry.offset + entry.length)
        let kind = try cursor.string()
        let count = Int(try cursor.read(UInt32.self))
        var fields: [String: Field] = [:]
        for _ in 0..<count {
            let name = try cursor.string()
            switch ModelArchive.FieldTag(rawValue: try cursor.read(UInt8.self)) {
            case .int: fields[name] = .int(Int64(bitPattern: try cursor.read(UInt64.self)))
            case .double: fields[name] = .double(Double(bitPattern: try cursor.read(UInt64.self)))
            case .string: fields[name] = .string(try cursor.string())
            case .reference:
                let target = Int(try cursor.read(UInt32.self))
                guard target < index else { throw .inconsistent("record entry \(index) references entry \(target)") }
                fields[name] = .reference(target)
            case nil: throw .inconsistent("record entry \(index) has a field of unknown type")
            }
        }
        guard cursor.offset == cursor.end else { throw .inconsistent("record entry \(index) has trailing bytes") }
        return ModelArchiveReader(decoder: self, kind: kind, fields: fields)
    }

    /// The model a part record describes, rebuilt once.
    func model(at index: Int) throws(ModelArchiveError) -> any RecommendationModel {
        if let done = models[index] { return done }
        let record = try reader(of: index)
        guard let type = ModelArchive.kindsByName[record.kind] else { throw .unknownKind(record.kind) }
        let model = try type.init(unarchiving: record)
        models[index] = model
        return model
    }

    static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], _ offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// A bounds-checked position inside one entry.
    private struct Cursor {
        let bytes: [UInt8]
        var offset: Int
        let end: Int

        mutating func read<T: FixedWidthInteger>(_: T.Type) throws(ModelArchiveError) -> T {
            guard end - offset >= MemoryLayout<T>.size else { throw .truncated("a field at byte \(offset)") }
            defer { offset += MemoryLayout<T>.size }
            return ArchiveDecoder.read(T.self, bytes, offset)
        }

        mutating func string() throws(ModelArchiveError) -> String {
            let length = Int(try read(UInt32.self))
            guard end - offset >= length else { throw .truncated("a string at byte \(offset)") }
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
    }
}
