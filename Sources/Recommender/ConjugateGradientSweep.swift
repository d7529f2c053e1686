import Foundation
import LinearAlgebra

/// One half-iteration of implicit's `least_squares_cg`: every row of `updating` takes `cgSteps`
/// conjugate-gradient steps towards the solution of (YᵀY + λI + Yᵀ(C_u − I)Y) x = YᵀC_u p_u.
enum ConjugateGradientSweep {
    static func run(updating x: inout Matrix<Double>, fixed y: Matrix<Double>, confidence: SparseMatrix<Double>,
                    parameters: IALSModel.Parameters) throws {
        let f = y.columns
        var gram = try Matrix.product(y, transposed: true, y)
        for a in 0..<f { gram[a, a] += parameters.regularization }
        let yty = gram
        let rows = x.rows
        // Rows are independent given Y: as many workers as the fit's BLAS thread count (so a fit asked
        // for 1 thread stays on 1), each taking a disjoint chunk, each BLAS call single-threaded.
        let workers = max(1, min(BLASThreads.count, rows / 64))
        try x.elements.withUnsafeMutableBufferPointer { buffer in
            let output = DisjointRows(base: buffer.baseAddress!)
            try BLASThreads.withCount(1) {
                let failures = FailureFlag()
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let chunk = (rows + workers - 1) / workers
                    let range = (worker * chunk)..<min(rows, (worker + 1) * chunk)
                    var solver = RowSolver(factors: f, yty: yty, y: y, cgSteps: parameters.cgSteps)
                    for row in range {
                        let (columns, values) = confidence.row(row)
                        solver.solve(row: output.base + row * f, items: columns, confidences: values)
                    }
                    if solver.failed { failures.set() }
                }
                if failures.isSet { throw LinearAlgebraError.nonFinite }
            }
        }
    }
}

/// Raw access to the factor matrix for workers that each write only their own rows.
/// `@unchecked Sendable` is safe because the chunks of rows given to workers are disjoint and the
/// buffer outlives `concurrentPerform`, which returns only after every worker is done.
private struct DisjointRows: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}

/// Set by any worker whose solve produced a non-finite number.
private final class FailureFlag: @unchecked Sendable {
    // Safe: guarded by the lock.
    private let lock = NSLock()
    private var failed = false
    func set() { lock.lock(); failed = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return failed }
}

/// The per-row CG of implicit's `least_squares_cg`, with scratch buffers reused across rows so the
/// inner loop allocates nothing.
private struct RowSolver {
    let factors: Int
    let yty: Matrix<Double>
    let y: Matrix<Double>
    let cgSteps: Int
    var gathered: [Double] = []
    var c: [Double] = [], projected: [Double] = [], coefficients: [Double] = []
    var r: [Double], p: [Double], ap: [Double], current: [Double]
    var failed = false

    init(factors: Int, yty: Matrix<Double>, y: Matrix<Double>, cgSteps: Int) {
        self.factors = factors
        self.yty = yty
        self.y = y
        self.cgSteps = cgSteps
        r = [Double](repeating: 0, count: factors)
        p = r
        ap = r
        current = r
    }

    mutating func solve(row x: UnsafeMutablePointer<Double>, items: ArraySlice<Int32>, confidences: ArraySlice<Double>) {
        let f = factors, count = items.count
        gathered.removeAll(keepingCapacity: true)
        y.elements.withUnsafeBufferPointer { all in
            for item in items { gathered.append(contentsOf: UnsafeBufferPointer(start: all.baseAddress! + Int(item) * f, count: f)) }
        }
        c.removeAll(keepingCapacity: true)
        c.append(contentsOf: confidences)
        if projected.count < count {
            projected = [Double](repeating: 0, count: count)
            coefficients = projected
        }
        for a in 0..<f { current[a] = x[a] }
        // r = YᵀC_u p_u − (YᵀY + λI + Yᵀ(C_u − I)Y) x
        gemv(yty.elements, rows: f, current, into: &r, alpha: -1, beta: 0, transpose: false)
        if count > 0 {
            gemv(gathered, rows: count, current, into: &projected, alpha: 1, beta: 0, transpose: false)
            for j in 0..<count { coefficients[j] = c[j] - (c[j] - 1) * projected[j] }
            gemv(gathered, rows: count, coefficients, into: &r, alpha: 1, beta: 1, transpose: true)
        }
        for a in 0..<f { p[a] = r[a] }
        var rsOld = Vector.dot(r, r)
        if rsOld < 1e-20 { return }
        for _ in 0..<cgSteps {
            gemv(yty.elements, rows: f, p, into: &ap, alpha: 1, beta: 0, transpose: false)
            if count > 0 {
                gemv(gathered, rows: count, p, into: &projected, alpha: 1, beta: 0, transpose: false)
                for j in 0..<count { coefficients[j] = (c[j] - 1) * projected[j] }
                gemv(gathered, rows: count, coefficients, into: &ap, alpha: 1, beta: 1, transpose: true)
            }
            let step = rsOld / Vector.dot(p, ap)
            for a in 0..<f {
                current[a] += step * p[a]
                r[a] -= step * ap[a]
            }
            let rsNew = Vector.dot(r, r)
            if rsNew < 1e-20 { break }
            for a in 0..<f { p[a] = r[a] + (rsNew / rsOld) * p[a] }
            rsOld = rsNew
        }
        if current.contains(where: { !$0.isFinite }) { failed = true; return }
        for a in 0..<f { x[a] = current[a] }
    }

    /// out = alpha·op(A)·v + beta·out for A of rows x factors (row-major), by DGEMV.
    func gemv(_ a: [Double], rows: Int, _ v: [Double], into out: inout [Double], alpha: Double, beta: Double, transpose: Bool) {
        a.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { o in
                    Double.gemv(transpose: transpose, m: rows, n: factors, alpha: alpha, a: a.baseAddress!, lda: factors,
                                x: vp.baseAddress!, beta: beta, y: o.baseAddress!)
                }
            }
        }
    }
}
