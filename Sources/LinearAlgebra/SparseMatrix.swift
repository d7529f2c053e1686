/// A compressed-sparse-row matrix: row r's non-zeros are `columnIndices[rowStarts[r] ..< rowStarts[r+1]]`
/// with `values` alongside, columns ascending and unique within a row.
///
/// The interaction matrix has ~1 % of its cells filled; CSR keeps a user's row contiguous, which is
/// what fold-in and per-user scoring read, and its transpose (CSC of the original) gives item columns.
public struct SparseMatrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public let rowStarts: [Int]
    public let columnIndices: [Int32]
    public let values: [Scalar]

    /// One (row, column, value) entry of a matrix being built.
    public struct Triple: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var value: Scalar
        @inlinable
        public init(row: Int, column: Int, value: Scalar) {
            self.row = row
            self.column = column
            self.value = value
        }
    }

    /// Builds from triples in any order; duplicates of one cell are *added*, as several events of one
    /// (user, item) pair add up to one cell. Summation order is the triples' order within a cell.
    @inlinable
    public init(rows: Int, columns: Int, triples: [Triple]) throws {
        for t in triples where t.row < 0 || t.row >= rows || t.column < 0 || t.column >= columns {
            throw LinearAlgebraError.indexOutOfRange(row: t.row, column: t.column)
        }
        // Two stable counting sorts (by column, then by row) put the triples in row-major order with
        // columns ascending and, within one cell, in the order given: O(nnz + rows + columns).
        let count = triples.count
        var columnStarts = [Int](repeating: 0, count: columns + 1)
        for t in triples { columnStarts[t.column + 1] += 1 }
        for c in 0..<columns { columnStarts[c + 1] += columnStarts[c] }
        var byColumn = [Int](repeating: 0, count: count)
        for index in 0..<count {
            let c = triples[index].column
            byColumn[columnStarts[c]] = index
            columnStarts[c] += 1
        }
        var rowCursor = [Int](repeating: 0, count: rows + 1)
        for t in triples { rowCursor[t.row + 1] += 1 }
        for r in 0..<rows { rowCursor[r + 1] += rowCursor[r] }
        let rowBegins = rowCursor
        var ordered = [Int](repeating: 0, count: count)
        for index in byColumn {
            let r = triples[index].row
            ordered[rowCursor[r]] = index
            rowCursor[r] += 1
        }
        var starts = [Int](repeating: 0, count: rows + 1)
        var indices: [Int32] = []
        var vals: [Scalar] = []
        indices.reserveCapacity(count)
        vals.reserveCapacity(count)
        for r in 0..<rows {
            var lastColumn = -1
            for position in rowBegins[r]..<rowBegins[r + 1] {
                let t = triples[ordered[position]]
                if t.column == lastColumn {
                    vals[vals.count - 1] += t.value
                } else {
                    indices.append(Int32(t.column))
                    vals.append(t.value)
                    lastColumn = t.column
                }
            }
            starts[r + 1] = indices.count
        }
        self.init(rows: rows, columns: columns, rowStarts: starts, columnIndices: indices, values: vals)
    }

    /// Wraps ready CSR arrays (columns ascending and unique within each row).
    @inlinable
    public init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int32], values: [Scalar]) {
        precondition(rowStarts.count == rows + 1 && columnIndices.count == values.count)
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Number of stored non-zeros.
    @inlinable
    public var nonZeroCount: Int { values.count }

    /// The stored entries of row r, columns ascending.
    @inlinable
    public func row(_ r: Int) -> (columns: ArraySlice<Int32>, values: ArraySlice<Scalar>) {
        let range = rowStarts[r]..<rowStarts[r + 1]
        return (columnIndices[range], values[range])
    }

    /// The transpose (rows become columns), itself in CSR with ascending column indices.
    @inlinable
    public func transposed() -> SparseMatrix {
        var counts = [Int](repeating: 0, count: columns + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for c in 0..<columns { counts[c + 1] += counts[c] }
        var next = counts
        var indices = [Int32](repeating: 0, count: nonZeroCount)
        var vals = [Scalar](repeating: 0, count: nonZeroCount)
        for r in 0..<rows {
            for p in rowStarts[r]..<rowStarts[r + 1] {
                let c = Int(columnIndices[p])
                indices[next[c]] = Int32(r)
                vals[next[c]] = values[p]
                next[c] += 1
            }
        }
        return SparseMatrix(rows: columns, columns: rows, rowStarts: counts, columnIndices: indices, values: vals)
    }

    /// The same pattern with every value mapped (e.g. binarised, or scaled).
    @inlinable
    public func mapValues(_ transform: (Scalar) -> Scalar) -> SparseMatrix {
        SparseMatrix(rows: rows, columns: columns, rowStarts: rowStarts, columnIndices: columnIndices,
                     values: values.map(transform))
    }

    /// The dense equivalent, for tests and small matrices.
    @inlinable
    public func dense() -> Matrix<Scalar> {
        var m = Matrix<Scalar>(rows: rows, columns: columns)
        for r in 0..<rows {
            for p in rowStarts[r]..<rowStarts[r + 1] { m[r, Int(columnIndices[p])] = values[p] }
        }
        return m
    }

    /// `self * b` (sparse x dense): each stored a_rc adds a_rc * b[c, :] to row r by AXPY, in column order.
    @inlinable
    public func multiply(_ b: Matrix<Scalar>) throws -> Matrix<Scalar> {
        guard b.rows == columns else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: [b.rows, b.columns]) }
        var out = Matrix<Scalar>(rows: rows, columns: b.columns)
        let width = b.columns
        if width == 0 { return out }
        b.elements.withUnsafeBufferPointer { bp in
            out.elements.withUnsafeMutableBufferPointer { op in
                for r in 0..<rows {
                    let target = op.baseAddress! + r * width
                    for p in rowStarts[r]..<rowStarts[r + 1] {
                        Scalar.axpy(n: width, alpha: values[p], x: bp.baseAddress! + Int(columnIndices[p]) * width, y: target)
                    }
                }
            }
        }
        return out
    }

    /// Row r of `self * b`, i.e. (sparse row) x dense, summed in column order: the fold-in product.
    @inlinable
    public func multiplyRow(_ r: Int, by b: Matrix<Scalar>) -> [Scalar] {
        precondition(b.rows == columns)
        let (cols, vals) = row(r)
        return Self.combineRows(of: b, indices: cols, weights: vals)
    }

    /// `sum_j weights[j] * b[indices[j], :]` by AXPY, in the given order.
    @inlinable
    public static func combineRows<I: Collection, W: Collection>(
        of b: Matrix<Scalar>, indices: I, weights: W
    ) -> [Scalar] where I.Element == Int32, W.Element == Scalar {
        var out = [Scalar](repeating: 0, count: b.columns)
        if b.columns == 0 { return out }
        b.elements.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { op in
                for (c, w) in zip(indices, weights) {
                    Scalar.axpy(n: b.columns, alpha: w, x: bp.baseAddress! + Int(c) * b.columns, y: op.baseAddress!)
                }
            }
        }
        return out
    }

    /// `selfᵀ self` as a dense columns x columns matrix (e.g. the item Gram matrix XᵀX).
    ///
    /// Sparse x sparse has no BLAS routine: each row adds its outer product to the upper triangle
    /// (only pairs of stored entries, so cost is sum over rows of nnz²), then the lower is mirrored.
    @inlinable
    public func gram() -> Matrix<Scalar> {
        let n = columns
        var g = Matrix<Scalar>(rows: n, columns: n)
        g.elements.withUnsafeMutableBufferPointer { gp in
            columnIndices.withUnsafeBufferPointer { ci in
                values.withUnsafeBufferPointer { vp in
                    for r in 0..<rows {
                        let start = rowStarts[r], end = rowStarts[r + 1]
                        for p in start..<end {
                            let i = Int(ci[p]), vi = vp[p]
                            let base = gp.baseAddress! + i * n
                            for q in p..<end { base[Int(ci[q])] += vi * vp[q] }
                        }
                    }
                }
            }
            for i in 0..<n {
                for j in 0..<i { gp[i * n + j] = gp[j * n + i] }
            }
        }
        return g
    }
}
