import Testing
@testable import LinearAlgebra

@Suite("Truncated SVD against LAPACK's full SVD")
struct TruncatedSVDTests {
    /// A 60 x 40 matrix with a decaying spectrum, as sparse triples (dense pattern).
    func sample() throws -> SparseMatrix<Double> {
        let a = randomMatrix(60, 40, seed: 11)
        var triples: [SparseMatrix<Double>.Triple] = []
        for r in 0..<60 {
            for c in 0..<40 { triples.append(.init(row: r, column: c, value: a[r, c] / Double(1 + c))) }
        }
        return try SparseMatrix(rows: 60, columns: 40, triples: triples)
    }

    @Test("randomized and exact singular values match DGESDD within 1e-3 relative", arguments: [
        TruncatedSVD.Method.exact,
        .randomized(oversampling: 5, maxIterations: 50, tolerance: 1e-10, seed: 1),
    ])
    func singularValues(method: TruncatedSVD.Method) throws {
        let x = try sample()
        let full = try x.dense().singularValueDecomposition().singularValues
        let truncated = try TruncatedSVD(of: x, rank: 8, method: method)
        #expect(truncated.singularValues.count == 8)
        for (s, reference) in zip(truncated.singularValues, full) {
            #expect(abs(s - reference) <= 1e-3 * reference)
        }
        // The right vectors span the same subspace as LAPACK's: projecting LAPACK's onto ours loses nothing.
        let vt = try x.dense().singularValueDecomposition().vt
        let v = truncated.rightVectors
        for j in 0..<8 {
            let reference = vt.row(j)
            let coefficients = try v.multiply(reference, transposed: true)
            #expect(abs(Vector.norm(coefficients) - 1) < 1e-6)
        }
    }

    @Test("the randomized route is deterministic for a seed")
    func deterministic() throws {
        let x = try sample()
        let method = TruncatedSVD.Method.randomized(oversampling: 4, maxIterations: 3, tolerance: 0, seed: 5)
        let a = try TruncatedSVD(of: x, rank: 6, method: method), b = try TruncatedSVD(of: x, rank: 6, method: method)
        #expect(a.rightVectors == b.rightVectors)
        #expect(a.iterations == 3)
    }
}
