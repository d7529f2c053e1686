import Foundation
import LinearAlgebra
import Logging
import PostgresClient
import Recommender
import ShoeData
import UTCTime

/// Trains every model the service serves from what PostgreSQL holds.
///
/// Reads the catalogue and the whole interaction log (binary COPY), fits the models on all cores,
/// and returns a version plus the log it read (so the live histories start from the same data).
public struct ModelTrainer: Sendable {
    public struct Configuration: Sendable {
        /// Weight of the collaborative part in the hybrid; the rest is content.
        public var hybridAlpha: Double
        /// Factors of the truncated SVD (the hybrid's collaborative part and `svd`: one fit for both).
        public var svdFactors: Int
        /// Days of events a training reads, back from now (`TRAINING_WINDOW_DAYS`); nil reads them
        /// all. On a table of billions of rows this bounds the read and the fit: the months before
        /// the window are not read at all.
        public var windowDays: Int?
        /// An event's weight halves every this many days of age (`TRAINING_DECAY_HALF_LIFE_DAYS`),
        /// so recent taste counts more than old; nil weighs every event by its kind alone. Age is
        /// counted back from the newest event read, so a shop's old data set keeps its scale.
        public var decayHalfLifeDays: Double?
        /// Tuning at training time (nil: off, the configured models as before). When on, each
        /// family is searched on a validation split of the log (each user's last item), the
        /// choices refitted on all of it and served under their names, the winner also as `tuned`.
        public var tuning: ModelTuner.Configuration?

        public init(hybridAlpha: Double = 0.7, svdFactors: Int = 64, windowDays: Int? = nil, decayHalfLifeDays: Double? = nil,
                    tuning: ModelTuner.Configuration? = nil) {
            self.hybridAlpha = hybridAlpha
            self.svdFactors = svdFactors
            self.windowDays = windowDays
            self.decayHalfLifeDays = decayHalfLifeDays
            self.tuning = tuning
        }
    }

    public struct Result: Sendable {
        public var version: ModelVersion
        public var log: InteractionLog
        public var shoes: [Shoe]
    }

    public let configuration: Configuration
    private let pool: PostgresPool
    private let logger: Logger

    public init(pool: PostgresPool, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "solemate.train")) {
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads and fits. Throws PostgresError when the database cannot be read, RecommenderError
    /// when a model cannot be fitted (for example, no interactions at all).
    public func train(now: Date = Date()) throws -> Result {
        let started = Date()
        let since = configuration.windowDays.map { now.addingTimeInterval(-Double($0) * 86_400) }
        let (shoes, log) = try pool.withConnection { connection in
            (try ShoeCatalog.loadShoes(connection), try InteractionLog.read(connection, since: since))
        }
        return try fit(shoes: shoes, log: log, started: started, readSeconds: Date().timeIntervalSince(started))
    }

    /// Fits every served model (or those of `only`, which must include the required ones) on a
    /// catalogue and log already in memory (what `train()` read, or a generated shop in a benchmark).
    public func fit(
        shoes: [Shoe], log: InteractionLog, started: Date = Date(), readSeconds read: Double = 0, only: Set<String>? = nil
    ) throws -> Result {
        let shoeIDs = shoes.map(\.id)
        let itemIndex = Dictionary(uniqueKeysWithValues: shoeIDs.enumerated().map { ($1, $0) })
        var userIndex: [Int32: Int32] = [:]
        var cells: [TrainingSet.Cell] = []
        var seconds: [Int64] = [], purchases: [Bool] = []
        cells.reserveCapacity(log.count)
        let newest = log.occurredAtMicros.max() ?? 0
        for event in 0..<log.count {
            guard let item = itemIndex[Int(log.shoeIDs[event])] else { continue }
            let user = log.userIDs[event]
            let row = userIndex[user] ?? {
                let next = Int32(userIndex.count)
                userIndex[user] = next
                return next
            }()
            var weight = InteractionLog.weights[Int(log.kinds[event])]
            if let halfLife = configuration.decayHalfLifeDays {
                weight *= Self.decay(ageMicros: newest - log.occurredAtMicros[event], halfLifeDays: halfLife)
            }
            cells.append(.init(user: row, item: Int32(item), weight: weight))
            let micros = log.occurredAtMicros[event]
            seconds.append(micros >= 0 ? micros / 1_000_000 : (micros + 1) / 1_000_000 - 1)
            purchases.append(log.kinds[event] == InteractionKind.purchase.code)
        }
        var types: [ShoeType: Int32] = [:]
        let groups = shoes.map { shoe in
            types[shoe.type] ?? { types[shoe.type] = Int32(types.count); return Int32(types.count - 1) }()
        }
        let set = TrainingSet(
            userCount: max(userIndex.count, 1), itemCount: shoes.count, cells: cells,
            itemTexts: shoes.map(\.text), timeline: .init(seconds: seconds, purchases: purchases), itemGroups: groups)

        let factors = min(configuration.svdFactors, max(1, shoes.count - 1))
        var served = Self.servedModels(hybridAlpha: configuration.hybridAlpha, svdFactors: factors)
        let tuning = configuration.tuning.flatMap { tune(set, $0) }
        if let tuning { served = Self.tunedModels(served, tuning.result) }
        served = served.filter { only?.contains($0.name) ?? true }
        var models: [String: any RecommendationModel] = [:]
        for ((name, model), result) in zip(served, ModelConfiguration.fitSharingParts(served.map(\.model), on: set)) {
            switch result {
            case .success(let fitted): models[name] = fitted
            case .failure(let error) where Self.required.contains(name): throw error
            case .failure(let error):
                logger.warning("model not trained", metadata: ["model": "\(name)", "error": "\(error)", "as": "\(model)"])
            }
        }
        let finished = Date()
        let version = ModelVersion(
            id: Self.version(finished), trainedAt: finished, trainingSeconds: finished.timeIntervalSince(started),
            eventCount: log.count, userCount: userIndex.count, shoeIDs: shoeIDs, itemTexts: set.itemTexts, models: models,
            configurations: Dictionary(uniqueKeysWithValues: served.filter { models[$0.name] != nil }.map { ($0.name, $0.model) }),
            tuning: tuning?.record)
        logger.info("trained", metadata: [
            "version": "\(version.id)", "events": "\(log.count)", "users": "\(userIndex.count)",
            "shoes": "\(shoes.count)", "window_days": "\(configuration.windowDays.map(String.init) ?? "all")",
            "decay_half_life_days": "\(configuration.decayHalfLifeDays.map { "\($0)" } ?? "none")", "read_s": "\(String(format: "%.3f", read))",
            "total_s": "\(String(format: "%.3f", version.trainingSeconds))", "models": "\(version.modelNames)",
        ])
        return Result(version: version, log: log, shoes: shoes)
    }

    /// The factor an event's weight is multiplied by at an age (microseconds): 1 when new, ½ at
    /// one half-life, ¼ at two.
    public static func decay(ageMicros: Int64, halfLifeDays: Double) -> Double {
        exp2(-Double(ageMicros) / (halfLifeDays * 86_400e6))
    }

    /// What the service serves, by the name clients use: fitted together, so the hybrid shares its
    /// svd, content and imdb parts with `svd`, `content` and `popularity`.
    static func servedModels(hybridAlpha: Double, svdFactors: Int) -> [(name: String, model: ModelConfiguration)] {
        [("hybrid", .hybrid(alpha: hybridAlpha, svdFactors: svdFactors)), ("content", .tfidf), ("popularity", .imdb),
         ("svd", .svd(factors: svdFactors)), ("ease", .ease(lambda: 500)), ("ials", .ials(.init())),
         ("segment", .segment(.init()))]
    }

    /// The search, with its time and choices in the log. A set without validation users (a shop
    /// whose users each have one shoe) cannot be tuned: the configured models serve, with a warning.
    private func tune(_ set: TrainingSet, _ tuning: ModelTuner.Configuration) -> (result: ModelTuner.Result, record: TuningRecord)? {
        do {
            let result = try ModelTuner(tuning).tune(set)
            logger.info("tuned", metadata: [
                "winner": "\(result.winner.chosen.configuration.summary)", "validation_users": "\(result.validationUsers)",
                "budget": "\(tuning.budget)", "tuning_s": "\(String(format: "%.3f", result.seconds))",
                "validation_ndcg@10": "\(String(format: "%.4f", result.winner.chosen.ndcg))",
            ])
            return (result, TuningRecord(result, budget: tuning.budget))
        } catch {
            logger.warning("tuning skipped: the configured models serve", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The served list with each tuned family's choice under its name (new names added), plus the
    /// winner as `tuned`. `popularity` and `content` have nothing to tune and stay.
    static func tunedModels(_ served: [(name: String, model: ModelConfiguration)], _ result: ModelTuner.Result)
        -> [(name: String, model: ModelConfiguration)]
    {
        var list = served
        for choice in result.choices {
            if let index = list.firstIndex(where: { $0.name == choice.family }) {
                list[index].model = choice.chosen.configuration
            } else {
                list.append((choice.family, choice.chosen.configuration))
            }
        }
        list.append(("tuned", result.winner.chosen.configuration))
        return list
    }

    /// Without these the service cannot answer (they serve by default, cold starts and similar
    /// shoes), so their failure fails the training; any other model is left out with a warning.
    static let required: Set<String> = ["hybrid", "content", "popularity"]
    public static var requiredModels: Set<String> { required }

    /// The UTC time to the millisecond: two trainings finished within one second (a few
    /// milliseconds each on a small shop) must not publish the same version.
    static func version(_ date: Date) -> String {
        UTCTimestamp.compact(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
