import COpenBLAS

/// `lapack_int` is a C macro Swift cannot import; Debian's liblapacke-dev is built without LAPACK_ILP64, so it is int32_t.
typealias LAPACKInt = Int32

/// Factorisations of small dense matrices through LAPACKE (row-major), in Double: they feed fits,
/// where the evaluation protocol is float64.
extension Matrix where Scalar == Double {
    /// The thin Q of a QR factorisation (rows x columns, orthonormal columns spanning ours), by
    /// DGEQRF + DORGQR. Requires rows >= columns.
    public func orthonormalBasis() throws -> Matrix<Double> {
        guard rows >= columns else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: []) }
        if columns == 0 { return self }
        var a = elements
        var tau = [Double](repeating: 0, count: columns)
        var info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, LAPACKInt(rows), LAPACKInt(columns), &a, LAPACKInt(columns), &tau)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: Int(info)) }
        info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, LAPACKInt(rows), LAPACKInt(columns), LAPACKInt(columns),
                              &a, LAPACKInt(columns), &tau)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dorgqr", info: Int(info)) }
        return Matrix(rows: rows, columns: columns, elements: a)
    }

    /// The thin SVD `self = U diag(s) Vᵀ`, singular values descending, by DGESDD.
    public func singularValueDecomposition() throws -> (u: Matrix<Double>, singularValues: [Double], vt: Matrix<Double>) {
        let m = rows, n = columns, r = Swift.min(m, n)
        var a = elements
        var s = [Double](repeating: 0, count: r)
        var u = [Double](repeating: 0, count: m * r)
        var vt = [Double](repeating: 0, count: r * n)
        if r == 0 { return (Matrix(rows: m, columns: 0), [], Matrix(rows: 0, columns: n)) }
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), LAPACKInt(m), LAPACKInt(n), &a,
                                  LAPACKInt(n), &s, &u, LAPACKInt(r), &vt, LAPACKInt(n))
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: Int(info)) }
        return (Matrix(rows: m, columns: r, elements: u), s, Matrix(rows: r, columns: n, elements: vt))
    }

    /// The `count` largest eigenpairs of a symmetric matrix, eigenvalues descending and eigenvectors as
    /// the columns of an n x count matrix, by DSYEVR (MRRR, only the requested range is computed).
    /// Each eigenvector's sign is fixed so that its largest-magnitude entry is positive, so results do
    /// not depend on LAPACK's arbitrary sign.
    public func symmetricEigen(largest count: Int) throws -> (values: [Double], vectors: Matrix<Double>) {
        guard rows == columns else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: []) }
        let n = rows
        let k = Swift.min(count, n)
        if k == 0 { return ([], Matrix(rows: n, columns: 0)) }
        var a = elements
        var found: LAPACKInt = 0
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * k)
        var support = [LAPACKInt](repeating: 0, count: 2 * k)
        let info = LAPACKE_dsyevr(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "I")),
                                  Int8(UInt8(ascii: "U")), LAPACKInt(n), &a, LAPACKInt(n), 0, 0,
                                  LAPACKInt(n - k + 1), LAPACKInt(n), 0, &found, &w, &z, LAPACKInt(k), &support)
        guard info == 0, Int(found) == k else { throw LinearAlgebraError.lapackFailure(routine: "dsyevr", info: Int(info)) }
        // DSYEVR returns ascending order; reverse to descending.
        var values = [Double](repeating: 0, count: k)
        var vectors = Matrix<Double>(rows: n, columns: k)
        for j in 0..<k {
            let source = k - 1 - j
            values[j] = w[source]
            for i in 0..<n { vectors[i, j] = z[i * k + source] }
        }
        vectors.normalizeColumnSigns()
        return (values, vectors)
    }

    /// The inverse of a symmetric positive definite matrix, by Cholesky (DPOTRF + DPOTRI).
    public func choleskyInverse() throws -> Matrix<Double> {
        var copy = self
        try copy.formCholeskyInverse()
        return copy
    }

    /// Replaces a symmetric positive definite matrix by its inverse, in place: for an n x n Gram
    /// matrix of a large catalogue this saves a second n² buffer (128 MB at n = 4,000).
    public mutating func formCholeskyInverse() throws {
        guard rows == columns else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: []) }
        let n = rows
        if n == 0 { return }
        let info: (routine: String, code: LAPACKInt) = elements.withUnsafeMutableBufferPointer { a in
            let factor = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), LAPACKInt(n), a.baseAddress!, LAPACKInt(n))
            if factor != 0 { return ("dpotrf", factor) }
            let invert = LAPACKE_dpotri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), LAPACKInt(n), a.baseAddress!, LAPACKInt(n))
            if invert != 0 { return ("dpotri", invert) }
            for i in 0..<n {
                for j in 0..<i { a[i * n + j] = a[j * n + i] }
            }
            return ("", 0)
        }
        guard info.code == 0 else { throw LinearAlgebraError.lapackFailure(routine: info.routine, info: Int(info.code)) }
    }

    /// Solves `self * x = b` for symmetric positive definite `self`, by DPOSV (Cholesky).
    public func choleskySolve(_ b: [Double]) throws -> [Double] {
        guard rows == columns, b.count == rows else { throw LinearAlgebraError.shapeMismatch(a: [rows, columns], b: [b.count]) }
        if rows == 0 { return [] }
        var a = elements
        var x = b
        let info = LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), LAPACKInt(rows), 1, &a,
                                 LAPACKInt(rows), &x, 1)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dposv", info: Int(info)) }
        return x
    }

    /// Flips each column so its largest-magnitude entry is positive (singular/eigen vectors are only
    /// defined up to sign; a fixed sign makes fits reproducible across algorithms).
    mutating func normalizeColumnSigns() {
        for j in 0..<columns {
            var best = 0.0
            for i in 0..<rows where Swift.abs(self[i, j]) > Swift.abs(best) { best = self[i, j] }
            if best < 0 {
                for i in 0..<rows { self[i, j] = -self[i, j] }
            }
        }
    }
}
