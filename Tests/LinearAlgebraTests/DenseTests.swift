import Testing
@testable import LinearAlgebra

/// A naive triple loop: the reference BLAS results are checked against.
func naiveProduct(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    a.map { row in (0..<b[0].count).map { j in zip(row, b).reduce(0) { $0 + $1.0 * $1.1[j] } } }
}

func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
    var g = SplitMix64(seed: seed)
    return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in g.nextGaussian() })
}

func nested(_ m: Matrix<Double>) -> [[Double]] { (0..<m.rows).map { m.row($0) } }

func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite("Dense matrices through BLAS")
struct DenseTests {
    @Test("GEMM equals the triple loop, with and without transposes")
    func gemm() throws {
        let a = randomMatrix(5, 3, seed: 1), b = randomMatrix(3, 4, seed: 2)
        let expected = naiveProduct(nested(a), nested(b)).flatMap { $0 }
        #expect(maxDifference(try Matrix.product(a, b).elements, expected) < 1e-12)
        let viaTransposes = try Matrix.product(a.transposed(), transposed: true, b.transposed(), transposed: true)
        #expect(maxDifference(viaTransposes.elements, expected) < 1e-12)
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(a, a) }
    }

    @Test("GEMV equals the row-by-row dot products, in Float and Double")
    func gemv() throws {
        let a = randomMatrix(4, 3, seed: 3)
        let x: [Double] = [1, -2, 0.5]
        let y = try a.multiply(x)
        for r in 0..<4 { #expect(abs(y[r] - zip(a.row(r), x).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-12) }
        let z: [Double] = [1, 2, 3, 4]
        let yt = try a.multiply(z, transposed: true)
        for c in 0..<3 { #expect(abs(yt[c] - (0..<4).reduce(0) { $0 + a[$1, c] * z[$1] }) < 1e-12) }
        let f: Matrix<Float> = a.converted()
        let yf = try f.multiply(x.map(Float.init))
        #expect(maxDifference(yf.map(Double.init), y) < 1e-5)
    }

    @Test("thin QR gives orthonormal columns spanning the input")
    func qr() throws {
        let a = randomMatrix(8, 3, seed: 4)
        let q = try a.orthonormalBasis()
        let qtq = try Matrix.product(q, transposed: true, q)
        #expect(maxDifference(qtq.elements, Matrix<Double>.identity(3).elements) < 1e-12)
        let projected = try Matrix.product(q, try Matrix.product(q, transposed: true, a))
        #expect(maxDifference(projected.elements, a.elements) < 1e-12)
    }

    @Test("Cholesky inverse times the matrix is the identity; the solve agrees")
    func cholesky() throws {
        let b = randomMatrix(6, 6, seed: 5)
        var spd = try Matrix.product(b, transposed: true, b)
        for i in 0..<6 { spd[i, i] += 1 }
        let inverse = try spd.choleskyInverse()
        #expect(maxDifference(try Matrix.product(spd, inverse).elements, Matrix<Double>.identity(6).elements) < 1e-10)
        let rhs: [Double] = [1, 2, 3, 4, 5, 6]
        #expect(maxDifference(try spd.choleskySolve(rhs), try inverse.multiply(rhs)) < 1e-10)
        var notDefinite = spd
        notDefinite[0, 0] = -1
        #expect(throws: LinearAlgebraError.self) { try notDefinite.choleskyInverse() }
    }

    /// Only what cannot race: other suites' fits change the process-wide count concurrently.
    @Test("BLAS thread count is readable and a block's result passes through")
    func threads() {
        #expect(BLASThreads.count >= 1)
        #expect(BLASThreads.withCount(1) { 42 } == 42)
    }
}
