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
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows / 64))
        // Rows are independent given Y: workers take disjoint chunks, each BLAS call single-threaded.
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

/// The per-row CG of implicit's `least_squares_cg`, with scratch buffers reused across rows.
private struct RowSolver {
    let factors: Int
    let yty: Matrix<Double>
    let y: Matrix<Double>
    let cgSteps: Int
    var gathered: [Double] = []
    var r: [Double], p: [Double], ap: [Double], current: [Double], projected: [Double] = []
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
        for item in items { gathered += y.elements[(Int(item) * f)..<((Int(item) + 1) * f)] }
        let c = Array(confidences)
        for a in 0..<f { current[a] = x[a] }
        // r = YᵀC_u p_u − (YᵀY + λI + Yᵀ(C_u − I)Y) x
        multiplyYty(current, into: &r, scale: -1)
        if count > 0 {
            projected = gatheredTimes(current)
            let coefficients = (0..<count).map { c[$0] - (c[$0] - 1) * projected[$0] }
            gatheredTransposeTimes(coefficients, accumulateInto: &r)
        }
        for a in 0..<f { p[a] = r[a] }
        var rsOld = Vector.dot(r, r)
        if rsOld < 1e-20 { return }
        for _ in 0..<cgSteps {
            multiplyYty(p, into: &ap, scale: 1)
            if count > 0 {
                let yp = gatheredTimes(p)
                gatheredTransposeTimes((0..<count).map { (c[$0] - 1) * yp[$0] }, accumulateInto: &ap)
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

    func multiplyYty(_ v: [Double], into out: inout [Double], scale: Double) {
        yty.elements.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { o in
                    Double.gemv(transpose: false, m: factors, n: factors, alpha: scale, a: a.baseAddress!, lda: factors,
                                x: vp.baseAddress!, beta: 0, y: o.baseAddress!)
                }
            }
        }
    }

    /// Y_u v (count entries) for the gathered rows Y_u.
    func gatheredTimes(_ v: [Double]) -> [Double] {
        let count = gathered.count / factors
        var out = [Double](repeating: 0, count: count)
        gathered.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { o in
                    Double.gemv(transpose: false, m: count, n: factors, alpha: 1, a: a.baseAddress!, lda: factors,
                                x: vp.baseAddress!, beta: 0, y: o.baseAddress!)
                }
            }
        }
        return out
    }

    /// out += Y_uᵀ w.
    func gatheredTransposeTimes(_ w: [Double], accumulateInto out: inout [Double]) {
        let count = gathered.count / factors
        gathered.withUnsafeBufferPointer { a in
            w.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { o in
                    Double.gemv(transpose: true, m: count, n: factors, alpha: 1, a: a.baseAddress!, lda: factors,
                                x: wp.baseAddress!, beta: 1, y: o.baseAddress!)
                }
            }
        }
    }
}
