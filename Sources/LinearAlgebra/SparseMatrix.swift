import Dispatch

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

    /// `self * b` (sparse x dense): each stored a_rc adds a_rc * b[c, :] to row r by AXPY, in column
    /// order. Output rows are disjoint, so `threads` workers split them.
    @inlinable
    public func multiply(_ b: Matrix<Scalar>, threads: Int = 1) throws -> Matrix<Scalar> {
        guard b.rows == columns else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: [b.rows, b.columns]) }
        var out = Matrix<Scalar>(rows: rows, columns: b.columns)
        let width = b.columns
        if width == 0 || rows == 0 { return out }
        let workers = Swift.max(1, Swift.min(threads, rows / 64))
        b.elements.withUnsafeBufferPointer { bp in
            out.elements.withUnsafeMutableBufferPointer { op in
                let source = UnsafeSendablePointer(UnsafeMutablePointer(mutating: bp.baseAddress!))
                let target = UnsafeSendablePointer(op.baseAddress!)
                let fill: @Sendable (Int) -> Void = { worker in
                    let chunk = (rows + workers - 1) / workers
                    self.columnIndices.withUnsafeBufferPointer { ci in
                        self.values.withUnsafeBufferPointer { vp in
                            for r in (worker * chunk)..<Swift.min(rows, (worker + 1) * chunk) {
                                let row = target.pointer + r * width
                                for p in self.rowStarts[r]..<self.rowStarts[r + 1] {
                                    Scalar.axpy(n: width, alpha: vp[p], x: source.pointer + Int(ci[p]) * width, y: row)
                                }
                            }
                        }
                    }
                }
                if workers == 1 {
                    fill(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: workers) { fill($0) }
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
    /// Sparse x sparse has no BLAS routine. Row i of the result is Σ over the rows r holding column i
    /// of a_ri · (row r), so each output row is built alone in a cache-resident buffer while the
    /// sparse rows stream past; output rows are disjoint, so `threads` workers split them.
    @inlinable
    public func gram(threads: Int = 1) -> Matrix<Scalar> {
        let n = columns
        var g = Matrix<Scalar>(rows: n, columns: n)
        if n == 0 { return g }
        let byColumn = transposed()
        let workers = Swift.max(1, Swift.min(threads, n / 64))
        g.elements.withUnsafeMutableBufferPointer { gp in
            let output = UnsafeSendablePointer(gp.baseAddress!)
            let fill: @Sendable (Int) -> Void = { worker in
                let chunk = (n + workers - 1) / workers
                self.columnIndices.withUnsafeBufferPointer { ci in
                    self.values.withUnsafeBufferPointer { vp in
                        for i in (worker * chunk)..<Swift.min(n, (worker + 1) * chunk) {
                            let row = output.pointer + i * n
                            for p in byColumn.rowStarts[i]..<byColumn.rowStarts[i + 1] {
                                let r = Int(byColumn.columnIndices[p]), weight = byColumn.values[p]
                                for q in self.rowStarts[r]..<self.rowStarts[r + 1] { row[Int(ci[q])] += weight * vp[q] }
                            }
                        }
                    }
                }
            }
            if workers == 1 {
                fill(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { fill($0) }
            }
        }
        return g
    }
}

/// A raw pointer handed to `concurrentPerform` workers that write disjoint parts of one buffer.
/// `@unchecked Sendable` is safe only for that use: every caller gives each worker its own rows,
/// and the buffer outlives `concurrentPerform`, which returns after all workers finish.
@usableFromInline
struct UnsafeSendablePointer<Element>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Element>
    @inlinable init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}
