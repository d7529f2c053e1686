import Foundation
import LinearAlgebra
import Recommender

/// Fits every model, then times top-10 for svd and hybrid, printing each figure beside its floor.
///
/// Floors (measured here, same process, same BLAS thread setting):
/// - top-10: one SGEMV of the Float item factors (items x k) by a k-vector, the one product a
///   factor model cannot skip;
/// - svd training: the DGEMMs its subspace iteration runs (iterations x G·Q, n x n by n x l);
/// - ease training: the Cholesky inverse (DPOTRF + DPOTRI) of the n x n Gram matrix;
/// - ials training: the dense part of every CG step done as one GEMM per step (rows x f by f x f);
/// - tfidf, popularity, imdb make no BLAS call: no floor, their time is shown alone.
func runBenchmark(users: Int, items: Int, interactions: Int) throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print("models-bench: \(users) users x \(items) items x \(interactions) interactions, \(cores) cores")
    var shop: SyntheticShop!
    let generation = seconds { shop = SyntheticShop(users: users, items: items, interactions: interactions) }
    let set = shop.set
    print("generated in \(format(generation)) s; RSS \(format(residentMegabytes().current, 0)) MB")
    BLASThreads.count = 1  // serving default; fits raise it to every core for their duration
    var models: [String: any RecommendationModel] = [:]
    let configurations: [ModelConfiguration] = [.popularity, .imdb, .tfidf, .svd(factors: 64), .svd(factors: 32),
                                                .hybrid(), .ease(), .ials(), .segment()]
    print("\nTraining (wall seconds; floor = unavoidable BLAS/LAPACK work, measured in this run)")
    for configuration in configurations {
        var model: (any RecommendationModel)!
        let rssBefore = residentMegabytes().current
        let time = try seconds { model = try configuration.fit(set) }
        let floor = try trainingFloor(of: model, set: set)
        let floorText = floor.map { "floor \(format($0)) s  ratio \(format(time / $0, 2))x" } ?? "floor n/a (no BLAS)"
        print("  \(model.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(format(time)) s   \(floorText)   RSS +\(format(residentMegabytes().current - rssBefore, 0)) MB")
        models[model.name] = model
    }
    let memory = residentMegabytes()
    print("\nMemory with all models alive: RSS \(format(memory.current, 0)) MB, peak \(format(memory.peak, 0)) MB")

    var seen = [Set<Int>](repeating: [], count: set.userCount)
    for cell in set.cells { seen[Int(cell.user)].insert(Int(cell.item)) }
    print("\nTop-10 for one user, 10,000 users (µs; BLAS on 1 thread as when serving)")
    for name in ["svd64", "svd", "hybrid"] {
        guard let model = models[name] else { continue }
        let factors = (model as? PureSVDModel)?.factors ?? (model as? HybridModel)?.collaborative.factors ?? 64
        let floor = sgemvFloor(items: set.itemCount, factors: factors)
        var samples: [Double] = []
        samples.reserveCapacity(10_000)
        var checksum = 0
        for n in 0..<10_000 {
            let user = (n * 7919) % set.userCount
            let excluded = seen[user]
            samples.append(seconds { checksum &+= model.recommend(user: user, k: 10, excluding: excluded).first?.item ?? 0 })
        }
        let (median, p99) = medianAndP99(samples)
        print("  \(name.padding(toLength: 7, withPad: " ", startingAt: 0)) median \(format(median, 1)) µs (floor SGEMV \(items)x\(factors) \(format(floor.median, 1)) µs, ratio \(format(median / floor.median, 2))x)   p99 \(format(p99, 1)) µs (floor p99 \(format(floor.p99, 1)) µs)   [\(checksum % 10)]")
    }
}

/// One SGEMV of items x factors Float matrix, median and p99 over 10,000 calls.
func sgemvFloor(items: Int, factors: Int) -> (median: Double, p99: Double) {
    var random = SplitMix64(seed: 7)
    let v = Matrix<Float>(rows: items, columns: factors, elements: (0..<(items * factors)).map { _ in Float(random.nextUniform()) })
    let x = (0..<factors).map { _ in Float(random.nextUniform()) }
    var y = [Float](repeating: 0, count: items)
    var samples: [Double] = []
    for _ in 0..<10_000 { samples.append(seconds { try? v.multiply(x, into: &y) }) }
    return medianAndP99(samples)
}

/// The BLAS work each fit cannot avoid, timed alone with the fit's thread setting.
func trainingFloor(of model: any RecommendationModel, set: TrainingSet) throws -> Double? {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    return try BLASThreads.withCount(cores) { () throws -> Double? in
        var random = SplitMix64(seed: 3)
        func randomMatrix(_ r: Int, _ c: Int) -> Matrix<Double> {
            Matrix(rows: r, columns: c, elements: (0..<(r * c)).map { _ in random.nextGaussian() })
        }
        let n = set.itemCount
        switch model {
        case let svd as PureSVDModel:
            let l = min(n, svd.factors + 32)
            let g = randomMatrix(n, n), q = randomMatrix(n, l)
            let one = try seconds { _ = try Matrix.product(g, q) }
            return one * Double(max(1, svd.iterations))
        case let hybrid as HybridModel:
            return try trainingFloor(of: hybrid.collaborative, set: set)
        case is EASEModel:
            var g = randomMatrix(n, n / 2)
            g = try Matrix.product(g, transposed: false, g, transposed: true)
            for i in 0..<n { g[i, i] += 500 }
            let spd = g
            return try seconds { _ = try spd.choleskyInverse() }
        case let ials as IALSModel:
            let p = ials.parameters
            let rows = set.userCount + set.itemCount
            let x = randomMatrix(rows, p.factors), yty = randomMatrix(p.factors, p.factors)
            let one = try seconds { _ = try Matrix.product(x, yty) }
            return one * Double(p.iterations * (p.cgSteps + 1))
        default:
            return nil
        }
    }
}
