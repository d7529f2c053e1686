import Foundation
import LinearAlgebra

/// One record of an archive, as a model reads itself back: fields by the names it wrote.
///
/// Every accessor throws `ModelArchiveError` for a field that is missing or of another type; a
/// reader never traps on bad bytes. Arrays and parts referenced twice come back as one shared value.
public struct ModelArchiveReader {
    let decoder: ArchiveDecoder
    /// The record's kind (`svd`, `matrix`, ...).
    public let kind: String
    let fields: [String: ArchiveDecoder.Field]

    public func int(_ name: String) throws(ModelArchiveError) -> Int {
        guard case .int(let value) = fields[name] else { throw missing(name) }
        return Int(value)
    }

    public func double(_ name: String) throws(ModelArchiveError) -> Double {
        guard case .double(let value) = fields[name] else { throw missing(name) }
        return value
    }

    public func string(_ name: String) throws(ModelArchiveError) -> String {
        guard case .string(let value) = fields[name] else { throw missing(name) }
        return value
    }

    /// True when the record has a field of that name (an optional field).
    public func has(_ name: String) -> Bool { fields[name] != nil }

    public func doubles(_ name: String) throws(ModelArchiveError) -> [Double] {
        try decoder.array(try entry(name, .doubles), as: Double.self)
    }

    public func floats(_ name: String) throws(ModelArchiveError) -> [Float] {
        try decoder.array(try entry(name, .floats), as: Float.self)
    }

    public func int32s(_ name: String) throws(ModelArchiveError) -> [Int32] {
        try decoder.array(try entry(name, .int32s), as: Int32.self)
    }

    public func ints(_ name: String) throws(ModelArchiveError) -> [Int] {
        try decoder.array(try entry(name, .int64s), as: Int64.self).map { Int($0) }
    }

    public func strings(_ name: String) throws(ModelArchiveError) -> [String] {
        try decoder.strings(try entry(name, .strings))
    }

    /// A nested record.
    public func record(_ name: String) throws(ModelArchiveError) -> ModelArchiveReader {
        try decoder.reader(of: try entry(name, .record))
    }

    /// A dense matrix written by `ModelArchiveWriter.write(_:_:)`, its size checked.
    public func matrix<Scalar: BLASScalar & ArchiveScalar>(_ name: String, of _: Scalar.Type = Double.self) throws(ModelArchiveError) -> Matrix<Scalar> {
        let record = try record(name)
        let rows = try record.int("rows"), columns = try record.int("columns")
        let elements: [Scalar] = try decoder.array(try record.entry("elements", Scalar.archiveTag), as: Scalar.self)
        guard rows >= 0, columns >= 0, rows.multipliedReportingOverflow(by: columns) == (elements.count, false) else {
            throw .inconsistent("matrix \(name) is \(rows) x \(columns) with \(elements.count) elements")
        }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// A CSR matrix, its structure checked (row starts ascending from 0 to the value count, column
    /// indices within the columns), so a model never indexes out of range.
    public func sparseMatrix(_ name: String) throws(ModelArchiveError) -> SparseMatrix<Double> {
        let record = try record(name)
        let rows = try record.int("rows"), columns = try record.int("columns")
        let starts = try record.ints("row_starts"), indices = try record.int32s("column_indices")
        let values = try record.doubles("values")
        guard rows >= 0, columns >= 0, starts.count == rows + 1, starts.first == 0, starts.last == values.count,
              indices.count == values.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
              indices.allSatisfy({ $0 >= 0 && Int($0) < columns })
        else { throw .inconsistent("sparse matrix \(name) (\(rows) x \(columns), \(values.count) values) is malformed") }
        return SparseMatrix(rows: rows, columns: columns, rowStarts: starts, columnIndices: indices, values: values)
    }

    /// A model part of any kind `ModelArchive.kinds` lists.
    public func part(_ name: String) throws(ModelArchiveError) -> any RecommendationModel {
        try decoder.model(at: try entry(name, .record))
    }

    /// A model part of one kind (the hybrid's svd part is an svd).
    public func part<Model: ArchivableModel>(_ name: String, as _: Model.Type) throws(ModelArchiveError) -> Model {
        guard let model = try part(name) as? Model else {
            throw .inconsistent("part \(name) of a \(kind) is not a \(Model.archiveKind)")
        }
        return model
    }

    /// Fails with a description when `condition` is false (a shape check in a model's reader).
    public func require(_ condition: Bool, _ what: @autoclosure () -> String) throws(ModelArchiveError) {
        guard condition else { throw .inconsistent("\(kind): \(what())") }
    }

    func entry(_ name: String, _ tag: ModelArchive.Tag) throws(ModelArchiveError) -> Int {
        guard case .reference(let index) = fields[name], decoder.tag(of: index) == tag else { throw missing(name) }
        return index
    }

    private func missing(_ name: String) -> ModelArchiveError { .missingField(name, kind: kind) }
}
