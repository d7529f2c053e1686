import Dispatch
import Foundation
import LinearAlgebra
import PostgresClient
import Recommender
import ShoeData
import ShoeServices
import SolemateApp
import Synchronization

/// export-bench: the costs of issue 13 on a generated shop, in one run, each beside its yardstick.
///
/// 1. A filtered request against an unfiltered one: `RecommendationEngine.recommend(userID:k:filter:)`
///    (the route's whole model path: history, mask, scoring, top k, shoes) for the same users,
///    rounds interleaved so the machine's noise falls on both alike; medians and their ratio
///    (goal ≤ 1.5x).
/// 2. The export of every user (`CampaignExport.run`, JSON Lines to a file) in users/s, against a
///    batched SGEMM of all user factors (x·V) by all item factors (Vᵀ), in blocks of 256 users on
///    every core: the arithmetic no factor model's export can skip (goal ≥ 0.5x).
///
/// Usage: export-bench [--users N] [--shoes M] [--interactions K] [--seed S] [--k K] [--rounds R]
@main
struct ExportBench {
    static func main() throws {
        var options = ["--users": 200_000, "--shoes": 10_000, "--interactions": 10_000_000, "--seed": 7, "--k": 20, "--rounds": 5]
        var arguments = CommandLine.arguments.dropFirst()
        while let name = arguments.popFirst() {
            guard options[name] != nil, let value = arguments.popFirst().flatMap({ Int($0) }) else {
                print("usage: export-bench [--users N] [--shoes M] [--interactions K] [--seed S] [--k K] [--rounds R]")
                exit(2)
            }
            options[name] = value
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("export-bench: \(options["--users"]!) users x \(options["--shoes"]!) shoes x \(options["--interactions"]!) events, \(cores) cores")
        let (engine, seconds) = try prepare(
            users: options["--users"]!, shoes: options["--shoes"]!, events: options["--interactions"]!, seed: UInt64(options["--seed"]!))
        print(String(format: "generated and trained in %.1f s", seconds))
        if options["--rounds"]! > 0 { try filterCosts(engine, rounds: options["--rounds"]!) }
        try exportSpeed(engine, k: options["--k"]!, cores: cores)
    }

    /// Neither the fit nor an export of listed users reads the database: a pool never connected.
    static let unconnected = PostgresPool(configuration: .init(url: "postgresql://unused@127.0.0.1:1/unused"))

    /// The shop generated in memory, trained as the service trains, published into an engine.
    static func prepare(users: Int, shoes: Int, events: Int, seed: UInt64) throws -> (RecommendationEngine, Double) {
        let started = Date()
        let shop = try SyntheticDataGenerator(configuration: GeneratorConfiguration(
            userCount: users, shoeCount: shoes, interactionCount: events, seed: seed)).generate()
        let log = InteractionLog(shop.interactions)
        let trained = try ModelTrainer(pool: unconnected).fit(shoes: shop.shoes, log: log, only: ModelTrainer.requiredModels.union(["svd"]))
        let engine = RecommendationEngine()
        engine.histories.replace(with: trained.log)
        engine.publish(trained.version, catalog: trained.shoes)
        return (engine, Date().timeIntervalSince(started))
    }

    static func filterCosts(_ engine: RecommendationEngine, rounds: Int) throws {
        let version = engine.version!
        let sample = Array(stride(from: 1, through: version.userCount, by: max(1, version.userCount / 2000)))
        let brands = Array(Set(sample.prefix(50).compactMap { engine.catalog.shoe(version.shoeIDs[$0 % version.shoeIDs.count])?.brand }).sorted().prefix(3))
        let filters: [(String, RecommendationFilter)] = [
            ("none", .none),
            ("type=running", RecommendationFilter(types: ["running"])),
            ("brand=3 brands&max_price=150", RecommendationFilter(brands: brands, maxPrice: Price(cents: 15_000))),
            ("exclude=20 ids&exclude_interacted=view", RecommendationFilter(
                excludedShoes: Set(version.shoeIDs.prefix(20)), excludedInteractions: [.view])),
            ("max_per_brand=2", RecommendationFilter(maxPerBrand: 2)),
            ("all of them", RecommendationFilter(
                types: ["running", "sneaker"], brands: brands, materials: ["mesh", "knit", "synthetic"], maxPrice: Price(cents: 20_000),
                excludedShoes: Set(version.shoeIDs.prefix(20)), excludedInteractions: [.view], maxPerBrand: 2)),
        ]
        print("\nOne request, k = 10, hybrid, \(sample.count) users, \(rounds) interleaved rounds (µs per request, wall and this thread's CPU; BLAS on 1 thread as when serving)")
        var perRound = [[Double]](repeating: [], count: filters.count)
        var cpuPerRound = [[Double]](repeating: [], count: filters.count)
        try BLASThreads.withCount(1) {
            for _ in 0..<rounds {
                for (index, (_, filter)) in filters.enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID)
                    var checksum = 0
                    for user in sample { checksum &+= try engine.recommend(userID: user, k: 10, filter: filter).items.count }
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(sample.count)
                    perRound[index].append(elapsed)
                    cpuPerRound[index].append((cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart) * 1e6 / Double(sample.count))
                    if checksum < 0 { print(checksum) }
                }
            }
        }
        let medians = perRound.map { $0.sorted()[$0.count / 2] }, cpu = cpuPerRound.map { $0.sorted()[$0.count / 2] }
        for (index, (name, _)) in filters.enumerated() {
            print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(
                format: " wall %7.1f µs %5.2fx   cpu %7.1f µs %5.2fx unfiltered",
                medians[index], medians[index] / medians[0], cpu[index], cpu[index] / cpu[0]))
        }
    }

    static func exportSpeed(_ engine: RecommendationEngine, k: Int, cores: Int) throws {
        let version = engine.version!
        let users = Array(1...version.userCount)
        let svd = (version.models["hybrid"] as! HybridModel).collaborative
        let histories = users.map { user in
            engine.histories.history(of: user).weights.compactMap { shoe, weight in
                version.itemIndex[shoe].map { ItemWeight(item: $0, weight: weight) }
            }
        }
        let (gemm, gemmCPU) = yardstick(svd, users: histories, cores: cores)
        let gemmRate = Double(users.count) / gemm, gemmCPURate = Double(users.count) / gemmCPU
        print(String(format: "\nYardstick: SGEMM of all user factors by all item factors, %.0f users/s (%.2f s; %.0f users per CPU-second): %d x %d by %d x %d in blocks of 256, %d threads",
                     gemmRate, gemm, gemmCPURate, users.count, svd.factors, svd.factors, svd.itemCount, cores))
        for model in ["hybrid", "svd"] { try exportSpeed(engine, model: model, users: users, k: k, cores: cores, gemmRate: gemmRate, gemmCPURate: gemmCPURate) }
    }

    static func exportSpeed(
        _ engine: RecommendationEngine, model: String, users: [Int], k: Int, cores: Int, gemmRate: Double, gemmCPURate: Double
    ) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-bench-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let exportCPU = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID)
        let outcome = try CampaignExport.run(
            .init(model: model, k: k, users: users, format: .jsonl, output: out.path), engine: engine,
            pool: unconnected, threads: cores)
        let exportCPUSeconds = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - exportCPU
        let size = (try? FileManager.default.attributesOfItem(atPath: out.path)[.size] as? Int) ?? 0
        let exportRate = outcome.summary.usersPerSecond, exportCPURate = Double(users.count) / exportCPUSeconds
        print("Export of every user, \(model), k = \(k), JSON Lines (\(size / 1_000_000) MB), \(cores) threads")
        print(String(format: "  wall %7.0f users/s (%.2f s)   %.2fx the SGEMM (goal >= 0.5x)", exportRate, outcome.summary.seconds, exportRate / gemmRate))
        print(String(format: "  CPU  %7.0f users per CPU-second  %.2fx the SGEMM's (the machine is shared: the fair ratio)",
                     exportCPURate, exportCPURate / gemmCPURate))
    }

    /// Seconds for C = U·Vᵀ over all users, U the users' projections x·V (built first, not timed).
    static func yardstick(_ svd: PureSVDModel, users histories: [[ItemWeight]], cores: Int) -> (wall: Double, cpu: Double) {
        let f = svd.factors, n = svd.itemCount, v: Matrix<Float> = svd.itemFactors.converted()
        var u = [Float](repeating: 0, count: histories.count * f)
        for (row, history) in histories.enumerated() {
            for entry in history {
                for j in 0..<f { u[row * f + j] += Float(entry.weight) * v.elements[entry.item * f + j] }
            }
        }
        let factors = u  // read-only from here on, shared by the threads
        let blocks = (histories.count + 255) / 256
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID)
        BLASThreads.withCount(1) {
            let next = Atomic(0)
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                var c = [Float](repeating: 0, count: 256 * n)
                while true {
                    let block = next.add(1, ordering: .relaxed).oldValue
                    if block >= blocks { break }
                    let rows = min(256, histories.count - block * 256)
                    factors.withUnsafeBufferPointer { u in
                        v.elements.withUnsafeBufferPointer { v in
                            c.withUnsafeMutableBufferPointer { c in
                                Float.gemm(transposeA: false, transposeB: true, m: rows, n: n, k: f, alpha: 1,
                                           a: u.baseAddress! + block * 256 * f, lda: f, b: v.baseAddress!, ldb: f,
                                           beta: 0, c: c.baseAddress!, ldc: n)
                            }
                        }
                    }
                }
            }
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart)
    }

    /// CPU seconds of this thread or process: what a shared machine's other load does not inflate.
    static func cpuSeconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
