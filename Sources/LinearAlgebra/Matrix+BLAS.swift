/// Products through BLAS (GEMM, GEMV): the only way this module multiplies dense matrices.
extension Matrix {
    /// `alpha * op(a) * op(b)` by GEMM, where op transposes when asked.
    @inlinable
    public static func product(
        _ a: Matrix, transposed transposeA: Bool = false,
        _ b: Matrix, transposed transposeB: Bool = false,
        alpha: Scalar = 1
    ) throws -> Matrix {
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard ka == kb else { throw LinearAlgebraError.shapeMismatch(a: [a.rows, a.columns], b: [b.rows, b.columns]) }
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return c }
        if ka == 0 { return c }
        a.elements.withUnsafeBufferPointer { ap in
            b.elements.withUnsafeBufferPointer { bp in
                c.elements.withUnsafeMutableBufferPointer { cp in
                    Scalar.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                                alpha: alpha, a: ap.baseAddress!, lda: a.columns,
                                b: bp.baseAddress!, ldb: b.columns, beta: 0,
                                c: cp.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    /// `op(self) * x` by GEMV.
    @inlinable
    public func multiply(_ x: [Scalar], transposed: Bool = false) throws -> [Scalar] {
        var y = [Scalar](repeating: 0, count: transposed ? columns : rows)
        try multiply(x, transposed: transposed, into: &y)
        return y
    }

    /// `y = op(self) * x` by GEMV into a caller-owned buffer: the allocation-free form for hot loops.
    @inlinable
    public func multiply(_ x: [Scalar], transposed: Bool = false, into y: inout [Scalar]) throws {
        let (inCount, outCount) = transposed ? (rows, columns) : (columns, rows)
        guard x.count == inCount, y.count == outCount else {
            throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: [x.count, y.count])
        }
        if rows == 0 || columns == 0 {
            for i in y.indices { y[i] = 0 }
            return
        }
        elements.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    Scalar.gemv(transpose: transposed, m: rows, n: columns, alpha: 1,
                                a: ap.baseAddress!, lda: columns, x: xp.baseAddress!, beta: 0,
                                y: yp.baseAddress!)
                }
            }
        }
    }
}

/// Vector helpers over BLAS level 1.
public enum Vector {
    /// x . y by DOT.
    @inlinable
    public static func dot<S: BLASScalar>(_ x: [S], _ y: [S]) -> S {
        precondition(x.count == y.count)
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in S.dot(n: x.count, x: xp.baseAddress!, y: yp.baseAddress!) }
        }
    }

    /// ||x||_2 by NRM2.
    @inlinable
    public static func norm<S: BLASScalar>(_ x: [S]) -> S {
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { S.nrm2(n: x.count, x: $0.baseAddress!) }
    }
}
