import Foundation
import LinearAlgebra

/// What a model writes itself with: named scalars, arrays, matrices and parts (other models).
///
/// Names are the model's own (`item_factors`, `alpha`); the reader asks for the same names. Each
/// array is written once however often it occurs (see `ModelArchive`).
public struct ModelArchiveWriter {
    let encoder: ArchiveEncoder
    let kind: String
    var fields: [UInt8] = []
    var fieldCount: UInt32 = 0

    init(encoder: ArchiveEncoder, kind: String) {
        self.encoder = encoder
        self.kind = kind
    }

    public mutating func write(_ name: String, _ value: Int) {
        field(name, .int)
        ArchiveEncoder.append(Int64(value), to: &fields)
    }

    public mutating func write(_ name: String, _ value: Double) {
        field(name, .double)
        ArchiveEncoder.append(value.bitPattern, to: &fields)
    }

    public mutating func write(_ name: String, _ value: String) {
        field(name, .string)
        ArchiveEncoder.append(value, to: &fields)
    }

    public mutating func write(_ name: String, _ values: [Double]) { reference(name, encoder.array(values, .doubles)) }
    public mutating func write(_ name: String, _ values: [Float]) { reference(name, encoder.array(values, .floats)) }
    public mutating func write(_ name: String, _ values: [Int32]) { reference(name, encoder.array(values, .int32s)) }
    public mutating func write(_ name: String, _ values: [Int]) { reference(name, encoder.array(values.map { Int64($0) }, .int64s)) }
    public mutating func write(_ name: String, _ values: [String]) { reference(name, encoder.strings(values)) }

    /// A dense matrix as a record of its shape and elements.
    public mutating func write<Scalar: BLASScalar>(_ name: String, _ matrix: Matrix<Scalar>) where Scalar: ArchiveScalar {
        write(name, record: "matrix") { record in
            record.write("rows", matrix.rows)
            record.write("columns", matrix.columns)
            record.reference("elements", record.encoder.array(matrix.elements, Scalar.archiveTag))
        }
    }

    /// A CSR matrix as a record of its shape and three arrays.
    public mutating func write(_ name: String, _ matrix: SparseMatrix<Double>) {
        write(name, record: "csr") { record in
            record.write("rows", matrix.rows)
            record.write("columns", matrix.columns)
            record.write("row_starts", matrix.rowStarts)
            record.write("column_indices", matrix.columnIndices)
            record.write("values", matrix.values)
        }
    }

    /// A nested record of another kind (a configuration, a matrix): written once if equal to one
    /// written before.
    public mutating func write(_ name: String, record kind: String, _ body: (inout ModelArchiveWriter) -> Void) {
        var nested = ModelArchiveWriter(encoder: encoder, kind: kind)
        body(&nested)
        reference(name, encoder.finish(nested))
    }

    /// Another model as a part (its record, written once however many models hold it). A model
    /// without an `ArchivableModel` conformance makes the whole encoding fail.
    public mutating func write(_ name: String, part model: any RecommendationModel) {
        guard let archivable = ModelArchive.kind(of: model) else {
            encoder.fail(.notArchivable(model.name))
            return
        }
        write(name, record: type(of: archivable).archiveKind) { archivable.archive(into: &$0) }
    }

    mutating func reference(_ name: String, _ entry: UInt32) {
        field(name, .reference)
        ArchiveEncoder.append(entry, to: &fields)
    }

    private mutating func field(_ name: String, _ tag: ModelArchive.FieldTag) {
        ArchiveEncoder.append(name, to: &fields)
        fields.append(tag.rawValue)
        fieldCount += 1
    }
}

/// The element types an archive holds in arrays (Double, Float, Int32).
public protocol ArchiveScalar {
    static var archiveTag: ModelArchive.Tag { get }
}

extension Double: ArchiveScalar { public static var archiveTag: ModelArchive.Tag { .doubles } }
extension Float: ArchiveScalar { public static var archiveTag: ModelArchive.Tag { .floats } }

/// Builds the archive's bytes: entries as they are written, equal ones once.
final class ArchiveEncoder {
    private(set) var bytes: [UInt8]
    private var entryCount: UInt32 = 0
    /// Array entries by a hash of their bytes (candidates compared byte for byte).
    private var arraysByHash: [Int: [(entry: UInt32, offset: Int, length: Int, tag: UInt8)]] = [:]
    private var recordsByBytes: [[UInt8]: UInt32] = [:]
    private(set) var failure: ModelArchiveError?

    init() {
        bytes = ModelArchive.magic
        Self.append(ModelArchive.formatVersion, to: &bytes)
        Self.append(UInt32(0), to: &bytes)
    }

    func fail(_ error: ModelArchiveError) {
        if failure == nil { failure = error }
    }

    /// The entry of an array of fixed-width elements, written unless an equal one was.
    func array<T>(_ values: [T], _ tag: ModelArchive.Tag) -> UInt32 {
        values.withUnsafeBytes { raw in entry(tag, count: values.count, payload: raw) }
    }

    func strings(_ values: [String]) -> UInt32 {
        var payload: [UInt8] = []
        for value in values { Self.append(value, to: &payload) }
        return payload.withUnsafeBytes { entry(.strings, count: values.count, payload: $0) }
    }

    /// The entry of a finished record (its kind and fields), written unless an equal one was.
    func finish(_ writer: ModelArchiveWriter) -> UInt32 {
        var payload: [UInt8] = []
        Self.append(writer.kind, to: &payload)
        Self.append(writer.fieldCount, to: &payload)
        payload += writer.fields
        if let done = recordsByBytes[payload] { return done }
        let index = payload.withUnsafeBytes { append(.record, count: Int(writer.fieldCount), payload: $0) }
        recordsByBytes[payload] = index
        return index
    }

    /// The footer and the checksum: the archive's final bytes.
    func seal(root: UInt32) -> [UInt8] {
        Self.append(entryCount, to: &bytes)
        Self.append(root, to: &bytes)
        Self.append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    private func entry(_ tag: ModelArchive.Tag, count: Int, payload: UnsafeRawBufferPointer) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(tag.rawValue)
        hasher.combine(bytes: payload)
        let hash = hasher.finalize()
        for candidate in arraysByHash[hash, default: []] where candidate.tag == tag.rawValue && candidate.length == payload.count {
            let same = bytes.withUnsafeBytes { all in
                payload.isEmpty || memcmp(all.baseAddress! + candidate.offset, payload.baseAddress!, payload.count) == 0
            }
            if same { return candidate.entry }
        }
        let offset = bytes.count + 17
        let index = append(tag, count: count, payload: payload)
        arraysByHash[hash, default: []].append((index, offset, payload.count, tag.rawValue))
        return index
    }

    private func append(_ tag: ModelArchive.Tag, count: Int, payload: UnsafeRawBufferPointer) -> UInt32 {
        bytes.append(tag.rawValue)
        Self.append(UInt64(count), to: &bytes)
        Self.append(UInt64(payload.count), to: &bytes)
        bytes.append(contentsOf: payload)
        entryCount += 1
        return entryCount - 1
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func append(_ string: String, to bytes: inout [UInt8]) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count), to: &bytes)
        bytes += utf8
    }
}
