import Dispatch
import Foundation
import LinearAlgebra
import Recommender
import Synchronization

/// One user's exported list: what a campaign mails them.
public struct ExportedList: Sendable, Equatable {
    public var userID: Int
    /// The model that ranked it (`serving.coldStartModel` for a user without history, as the API says).
    public var model: String
    public var items: [Item]

    public struct Item: Sendable, Equatable {
        public var shoeID: Int
        public var score: Double
    }
}

/// Ranks the top k of many users at once, for campaigns: the same lists `recommend(userID:...)`
/// answers one by one, from the same version, histories and filter.
///
/// Why blocks: a user's list costs one GEMV over the item factors; a block of 256 users costs one
/// GEMM, which reads the factors once for all of them at BLAS-3 speed. Blocks run on every core
/// (BLAS on one thread each, so the cores are not oversubscribed), a chunk of `threads` blocks at a
/// time, and each chunk is handed to `emit` in user order before the next is scored: memory holds
/// one chunk of lists, however many users there are.
public struct RecommendationExporter: Sendable {
    public static let blockSize = 256

    public let engine: RecommendationEngine
    public let threads: Int

    public init(engine: RecommendationEngine, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.engine = engine
        self.threads = max(1, threads)
    }

    /// What an export did.
    public struct Summary: Sendable {
        public var users: Int
        public var rows: Int
        public var modelVersion: String
        public var seconds: Double
        public var usersPerSecond: Double { seconds > 0 ? Double(users) / seconds : 0 }
    }

    /// Ranks `users` in order and hands their lists to `emit` a chunk at a time, then `progress`
    /// the users done so far. Stops with `CancellationError` when `isCancelled` says so between chunks.
    /// - Throws: ``RecommendationError`` for a bad model, k or filter; whatever `emit` throws.
    public func run(
        users: [Int], modelName: String? = nil, k: Int, filter: RecommendationFilter = .none,
        isCancelled: () -> Bool = { false },
        emit: ([ExportedList]) throws -> Void, progress: (Int) -> Void = { _ in }
    ) throws -> Summary {
        guard let version = engine.version else { throw RecommendationError.noModel }
        guard (1...100).contains(k) else { throw RecommendationError.invalidK(k) }
        try filter.validate()
        let name = modelName ?? engine.serving.defaultModel
        let model = try version.model(named: name)
        let coldStart = try version.model(named: engine.serving.coldStartModel)
        let started = Date()
        var rows = 0
        let chunk = Self.blockSize * threads
        try BLASThreads.withCount(1) {
            var start = 0
            while start < users.count {
                if isCancelled() { throw CancellationError() }
                let chunkUsers = Array(users[start..<min(users.count, start + chunk)])
                let blocks = stride(from: 0, to: chunkUsers.count, by: Self.blockSize).map {
                    Array(chunkUsers[$0..<min(chunkUsers.count, $0 + Self.blockSize)])
                }
                let results = Mutex([[ExportedList]](repeating: [], count: blocks.count))
                DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                    let lists = rank(blocks[index], model: model, name: name, coldStart: coldStart, k: k, filter: filter, version)
                    results.withLock { $0[index] = lists }
                }
                let lists = results.withLock { $0 }.flatMap { $0 }
                rows += lists.reduce(0) { $0 + $1.items.count }
                try emit(lists)
                start += chunkUsers.count
                progress(start)
            }
        }
        return Summary(users: users.count, rows: rows, modelVersion: version.id, seconds: Date().timeIntervalSince(started))
    }

    /// One block: the users with a history through the model's batch call, the others through the
    /// cold-start model, each list filtered as the API filters it.
    private func rank(
        _ block: [Int], model: any RecommendationModel, name: String, coldStart: any RecommendationModel, k: Int,
        filter: RecommendationFilter, _ version: ModelVersion
    ) -> [ExportedList] {
        let histories = block.map { engine.histories.history(of: $0) }
        let weights = histories.map { RecommendationEngine.weights($0, version).sorted { $0.item < $1.item } }
        let filters = histories.map { engine.itemFilter(filter, version, history: $0) }
        let warm = weights.indices.filter { !weights[$0].isEmpty }
        let ranked = model.recommend(histories: warm.map { weights[$0] }, k: k, filters: warm.map { filters[$0] })
        var byRow = [Int: [ScoredItem]](uniqueKeysWithValues: zip(warm, ranked))
        return block.indices.map { row in
            let top: [ScoredItem]
            let served: String
            if let list = byRow.removeValue(forKey: row) {
                (top, served) = (list, name)
            } else {
                (top, served) = (coldStart.recommend(history: [], k: k, filter: filters[row]), engine.serving.coldStartModel)
            }
            let items = top.compactMap { scored -> ExportedList.Item? in
                guard scored.item < version.shoeIDs.count, engine.catalog.shoe(version.shoeIDs[scored.item]) != nil else { return nil }
                return ExportedList.Item(shoeID: version.shoeIDs[scored.item], score: scored.score.isFinite ? scored.score : 0)
            }
            return ExportedList(userID: block[row], model: served, items: items)
        }
    }
}
