import Foundation
import LinearAlgebra
import Recommender

/// Fits every model, then times top-10 for each through `recommend(history:k:excluding:)`, the one
/// call the service's engine makes for every model, printing each figure beside its floor.
///
/// Floors (measured in this run, before the fits so their buffers do not inflate the peak memory):
/// - top-10: one SGEMV of the Float item factors (items x k) by a k-vector, the one product a
///   factor model cannot skip (k = the model's factors; 64 as the yardstick of the others);
/// - svd training: its products by XᵀX, as Xᵀ(X·Q) — one AXPY of length k+32 per stored entry and
///   pass, two passes per power iteration plus the start — timed alone on the same X;
/// - ease training: the Cholesky inverse (DPOTRF + DPOTRI) of an n x n SPD matrix;
/// - ials training: its CG arithmetic (per sweep and step: rows·f² + 2·nnz·f multiply-adds) at the
///   DGEMM rate measured here — what the same flops would cost as dense BLAS-3;
/// - hybrid: its svd part; tfidf, popularity, imdb, segment: no floor (little or no BLAS).
func runBenchmark(users: Int, items: Int, interactions: Int) throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print("models-bench: \(users) users x \(items) items x \(interactions) interactions, \(cores) cores")
    var shop: SyntheticShop!
    let generation = seconds { shop = SyntheticShop(users: users, items: items, interactions: interactions) }
    let set = shop.set
    let floors = try TrainingFloors(set: set, threads: cores)
    print("generated in \(format(generation)) s; floors measured; RSS \(format(residentMegabytes().current, 0)) MB, peak so far \(format(residentMegabytes().peak, 0)) MB")
    BLASThreads.count = 1  // serving default; fits raise it to every core for their duration
    var models: [String: any RecommendationModel] = [:]
    let configurations: [ModelConfiguration] = [.popularity, .imdb, .tfidf, .svd(factors: 64), .svd(factors: 32),
                                                .hybrid(), .ease(), .ials(), .segment()]
    print("\nTraining (wall seconds, BLAS on \(cores) threads; floor = unavoidable BLAS/LAPACK work)")
    for configuration in configurations {
        var model: (any RecommendationModel)!
        let rssBefore = residentMegabytes().current
        let time = try seconds { model = try configuration.fit(set) }
        let floor = floors.floor(of: model, set: set)
        let floorText = floor.map { "floor \(format($0)) s  ratio \(format(time / $0, 2))x" } ?? "floor n/a"
        let extra = (model as? PureSVDModel).map { " (\($0.iterations) power iterations)" } ?? ""
        print("  \(model.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(format(time)) s   \(floorText)   RSS +\(format(residentMegabytes().current - rssBefore, 0)) MB\(extra)")
        models[model.name] = model
    }
    let memory = residentMegabytes()
    print("\nMemory with all models alive (and the data set): RSS \(format(memory.current, 0)) MB, peak \(format(memory.peak, 0)) MB")

    // The service's hybrid and the models it shares parts with, fitted together: each distinct fit once.
    let shared: [ModelConfiguration] = [.hybrid(alpha: 0.7, svdFactors: 64), .tfidf, .imdb, .svd(factors: 64)]
    var results: [Result<any RecommendationModel, RecommenderError>] = []
    let sharedTime = seconds { results = ModelConfiguration.fitSharingParts(shared, on: set) }
    print("  service's hybrid (svd64 parts) + content + popularity + svd, parts shared: \(format(sharedTime)) s")
    models["hybrid (svd64, served)"] = try results[0].get()

    // Each user's history as the engine hands it over: summed weight per item, in item order.
    var sums = [[Int: Double]](repeating: [:], count: set.userCount)
    for cell in set.cells { sums[Int(cell.user)][Int(cell.item), default: 0] += cell.weight }
    let histories = sums.map { row in row.keys.sorted().map { ItemWeight(item: $0, weight: row[$0]!) } }
    let seen = sums.map { Set($0.keys) }
    let gemvFloors = [32: sgemvFloor(items: set.itemCount, factors: 32), 64: sgemvFloor(items: set.itemCount, factors: 64)]
    print("\nTop-10 for one user by recommend(history:), 10,000 requests (µs; BLAS on 1 thread as when serving)")
    for name in ["svd64", "svd", "hybrid", "hybrid (svd64, served)", "tfidf", "ease", "ials", "segment", "imdb", "popularity"] {
        guard let model = models[name] else { continue }
        let factors = (model as? PureSVDModel)?.factors ?? (model as? HybridModel)?.collaborative.factors ?? 64
        let floor = gemvFloors[factors] ?? sgemvFloor(items: set.itemCount, factors: factors)
        var samples: [Double] = []
        samples.reserveCapacity(10_000)
        var checksum = 0
        for n in 0..<10_000 {
            let user = (n * 7919) % set.userCount
            let history = histories[user], excluded = seen[user]
            samples.append(seconds { checksum &+= model.recommend(history: history, k: 10, excluding: excluded).first?.item ?? 0 })
        }
        let (median, p99) = medianAndP99(samples)
        print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) median \(format(median, 1)) µs (floor SGEMV \(items)x\(factors) \(format(floor.median, 1)) µs, ratio \(format(median / floor.median, 2))x)   p99 \(format(p99, 1)) µs (floor p99 \(format(floor.p99, 1)) µs)   [\(checksum % 10)]")
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

/// The BLAS work each fit cannot avoid, timed alone with the fits' thread setting.
struct TrainingFloors {
    let gramProduct: [Int: Double]      // block width -> seconds of one Xᵀ(X·Q)
    let choleskyInverse: Double
    let dgemmFlopsPerSecond: Double

    init(set: TrainingSet, threads: Int) throws {
        var random = SplitMix64(seed: 3)
        func randomMatrix(_ r: Int, _ c: Int) -> Matrix<Double> {
            Matrix(rows: r, columns: c, elements: (0..<(r * c)).map { _ in random.nextGaussian() })
        }
        let n = set.itemCount
        let x = try SparseMatrix(rows: set.userCount, columns: n, triples: set.cells.map {
            .init(row: Int($0.user), column: Int($0.item), value: $0.weight)
        })
        let xt = x.transposed()
        (gramProduct, choleskyInverse, dgemmFlopsPerSecond) = try BLASThreads.withCount(threads) {
            var products: [Int: Double] = [:]
            for width in [64, 96] {
                let q = randomMatrix(n, width)
                products[width] = try (0..<3).map { _ in
                    try seconds { _ = try xt.multiply(try x.multiply(q, threads: threads), threads: threads) }
                }.min()!
            }
            let a = randomMatrix(n, 96), b = randomMatrix(96, n)
            let rate = 2 * Double(n) * Double(n) * 96 / (try (0..<3).map { _ in try seconds { _ = try Matrix.product(a, b) } }.min()!)
            let half = randomMatrix(n / 2, n)
            var spd = try Matrix.product(half, transposed: true, half)
            for i in 0..<n { spd[i, i] += 500 }
            let inverse = try seconds { try spd.formCholeskyInverse() }
            return (products, inverse, rate)
        }
    }

    func floor(of model: any RecommendationModel, set: TrainingSet) -> Double? {
        switch model {
        case let svd as PureSVDModel:
            let width = svd.factors + 32
            let one = gramProduct[width] ?? gramProduct[96]! * Double(width) / 96
            return one * Double(svd.iterations + 1)
        case let hybrid as HybridModel:
            return floor(of: hybrid.collaborative, set: set)
        case is EASEModel:
            return choleskyInverse
        case let ials as IALSModel:
            let p = ials.parameters, f = Double(p.factors)
            let pairs = Double(Set(set.cells.map { Int($0.user) * set.itemCount + Int($0.item) }).count)
            let rows = Double(set.userCount + set.itemCount)
            let multiplyAdds = Double(p.iterations * (p.cgSteps + 1)) * (rows * f * f + 2 * 2 * pairs * f)
            return 2 * multiplyAdds / dgemmFlopsPerSecond
        default:
            return nil
        }
    }
}
