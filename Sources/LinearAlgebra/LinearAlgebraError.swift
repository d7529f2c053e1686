/// Why a dense or sparse operation refused to run.
public enum LinearAlgebraError: Error, Equatable, Sendable {
    /// Operand shapes do not fit (`a` and `b` as rows x columns).
    case shapeMismatch(a: [Int], b: [Int])
    /// A sparse triple points outside the matrix.
    case indexOutOfRange(row: Int, column: Int)
    /// A LAPACK routine reported failure (`info` as LAPACK defines it: < 0 bad argument,
    /// > 0 e.g. not positive definite or no convergence).
    case lapackFailure(routine: String, info: Int)
    /// A value is NaN or infinite where only finite numbers make sense.
    case nonFinite
}
