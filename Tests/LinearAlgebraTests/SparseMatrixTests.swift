import Testing
@testable import LinearAlgebra

@Suite("CSR sparse matrices")
struct SparseMatrixTests {
    /// Unordered triples with a duplicate cell (1, 2) given twice.
    let triples: [SparseMatrix<Double>.Triple] = [
        .init(row: 2, column: 0, value: 4), .init(row: 1, column: 2, value: 1), .init(row: 0, column: 1, value: 2),
        .init(row: 1, column: 2, value: 5), .init(row: 1, column: 0, value: 3),
    ]
    let dense: [[Double]] = [[0, 2, 0], [3, 0, 6], [4, 0, 0], [0, 0, 0]]

    @Test("building from triples sorts each row and adds duplicates")
    func build() throws {
        let m = try SparseMatrix(rows: 4, columns: 3, triples: triples)
        #expect(nested(m.dense()) == dense)
        #expect(m.nonZeroCount == 4)
        #expect(Array(m.row(1).columns) == [0, 2])
        #expect(Array(m.row(1).values) == [3, 6])
        #expect(m.row(3).columns.isEmpty)
        #expect(throws: LinearAlgebraError.indexOutOfRange(row: 4, column: 0)) {
            try SparseMatrix<Double>(rows: 4, columns: 3, triples: [.init(row: 4, column: 0, value: 1)])
        }
    }

    @Test("transpose equals the dense transpose")
    func transpose() throws {
        let m = try SparseMatrix(rows: 4, columns: 3, triples: triples)
        #expect(m.transposed().dense() == m.dense().transposed())
        #expect(m.transposed().transposed() == m)
    }

    @Test("sparse x dense and the Gram matrix equal their dense computations")
    func products() throws {
        let m = try SparseMatrix(rows: 4, columns: 3, triples: triples)
        let b = randomMatrix(3, 5, seed: 9)
        let expected = try Matrix.product(m.dense(), b)
        #expect(maxDifference(try m.multiply(b).elements, expected.elements) < 1e-12)
        #expect(maxDifference(m.multiplyRow(1, by: b), expected.row(1)) < 1e-12)
        let gram = try Matrix.product(m.dense(), transposed: true, m.dense())
        #expect(maxDifference(m.gram().elements, gram.elements) < 1e-12)
    }

    @Test("threaded products and Gram equal the single-threaded ones")
    func threaded() throws {
        var g = SplitMix64(seed: 21)
        let triples = (0..<3000).map { _ in
            SparseMatrix<Double>.Triple(row: Int(g.next() % 300), column: Int(g.next() % 200), value: g.nextGaussian())
        }
        let m = try SparseMatrix(rows: 300, columns: 200, triples: triples)
        let b = randomMatrix(200, 7, seed: 22)
        #expect(try m.multiply(b, threads: 2) == m.multiply(b))
        #expect(m.gram(threads: 2) == m.gram())
        let dense = try Matrix.product(m.dense(), transposed: true, m.dense())
        #expect(maxDifference(m.gram().elements, dense.elements) < 1e-10)
    }
}
