import Foundation
import LinearAlgebra
import Recommender

/// `models-bench accuracy`: how far the capped randomized SVD (the default beyond 2,048 items) is
/// from the exact DSYEVR route on the benchmark data set: singular values and top-10 lists.
func runAccuracy(users: Int, items: Int, interactions: Int) throws {
    let set = SyntheticShop(users: users, items: items, interactions: interactions).set
    let cores = ProcessInfo.processInfo.activeProcessorCount
    try BLASThreads.withCount(cores) {
        var x: SparseMatrix<Double>!, g: Matrix<Double>!, svd: TruncatedSVD!
        let build = try seconds {
            x = try SparseMatrix(rows: set.userCount, columns: set.itemCount, triples: set.cells.map {
                .init(row: Int($0.user), column: Int($0.item), value: $0.weight)
            })
        }
        let gram = seconds { g = x.gram(threads: cores) }
        let dense = try seconds { svd = try TruncatedSVD(gram: g, rank: 64, method: .automatic(columns: set.itemCount)) }
        let sparse = try seconds { svd = try TruncatedSVD(of: x, rank: 64, method: .automatic(columns: set.itemCount)) }
        let project = try seconds { _ = try x.multiply(svd.rightVectors) }
        print("svd64 phases: CSR build \(format(build)) s; randomized on X (the default) \(format(sparse)) s; " +
              "for comparison, forming G = XᵀX \(format(gram)) s + randomized on dense G \(format(dense)) s; X·V \(format(project)) s")
    }
    var seen = [Set<Int>](repeating: [], count: set.userCount)
    for cell in set.cells { seen[Int(cell.user)].insert(Int(cell.item)) }
    let sample = stride(from: 0, to: set.userCount, by: 6).map { $0 }
    for factors in [32, 64] {
        var exact: PureSVDModel!
        let exactTime = try BLASThreads.withCount(cores) {
            try seconds { exact = try PureSVDModel(fitting: set, factors: factors, method: .exact) }
        }
        print("svd k=\(factors): exact (DSYEVR) \(format(exactTime)) s")
        let variants: [(String, TruncatedSVD.Method?)] = [
            ("default", nil),
            ("16 iterations", .randomized(oversampling: 32, maxIterations: 16, tolerance: 1e-10, seed: 0)),
            ("8 iterations, oversampling 64", .randomized(oversampling: 64, maxIterations: 8, tolerance: 1e-10, seed: 0)),
        ]
        for (label, method) in variants {
            var randomized: PureSVDModel!
            let time = try BLASThreads.withCount(cores) {
                try seconds { randomized = try PureSVDModel(fitting: set, factors: factors, method: method) }
            }
            let worst = zip(exact.singularValues, randomized.singularValues).map { abs($0 - $1) / $0 }.max() ?? 0
            var identical = 0, overlap = 0
            for user in sample {
                let a = TopK.select(10, from: exact.scores(forUser: user), excluding: seen[user]).map(\.item)
                let b = TopK.select(10, from: randomized.scores(forUser: user), excluding: seen[user]).map(\.item)
                if a == b { identical += 1 }
                overlap += Set(a).intersection(b).count
            }
            print("  randomized, \(label): \(format(time)) s (\(randomized.iterations) iterations); singular values max " +
                  "relative error \(String(format: "%.2e", worst)); top-10 identical for \(identical)/\(sample.count) users, " +
                  "mean overlap \(format(Double(overlap) / Double(sample.count), 2))/10")
        }
    }
}
