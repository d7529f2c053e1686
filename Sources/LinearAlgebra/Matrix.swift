/// A dense row-major matrix: row r occupies `elements[r*columns ..< (r+1)*columns]`.
///
/// Row-major because every model reads whole rows (a user's factors, an item's factors), and CBLAS
/// takes row-major operands directly, so no copy or transpose is needed on the way to BLAS.
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var elements: [Scalar]

    /// A matrix filled with one value.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "negative matrix dimension")
        self.rows = rows
        self.columns = columns
        self.elements = [Scalar](repeating: value, count: rows * columns)
    }

    /// A matrix over row-major `elements` (count must be rows * columns).
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(elements.count == rows * columns, "element count \(elements.count) != \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from nested rows, for tests and small literals.
    @inlinable
    public init(_ nestedRows: [[Scalar]]) {
        let columns = nestedRows.first?.count ?? 0
        precondition(nestedRows.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// The n x n identity.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// A copy of one row.
    @inlinable
    public func row(_ r: Int) -> [Scalar] {
        Array(elements[(r * columns)..<((r + 1) * columns)])
    }

    /// The transpose, as a new matrix.
    @inlinable
    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns { t.elements[c * rows + r] = elements[r * columns + c] }
        }
        return t
    }

    /// The same numbers in another precision (e.g. Double fit -> Float serving factors).
    @inlinable
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, elements: elements.map { Other($0) })
    }

    /// The first `count` columns (e.g. the top-k of a wider basis).
    @inlinable
    public func leadingColumns(_ count: Int) -> Matrix {
        precondition(count <= columns)
        var out = Matrix(rows: rows, columns: count)
        for r in 0..<rows {
            for c in 0..<count { out.elements[r * count + c] = elements[r * columns + c] }
        }
        return out
    }
}
