import Foundation
import HTTPServer
import Logging
import Recommender
import PostgresClient
import ShoeServices

/// The running service: the database pool, the models in memory, and the HTTP routes over them.
///
/// Start-up never blocks on the database: the HTTP server answers at once (`/health` ok, `/ready`
/// not ready) while `bootstrap()` connects with backoff and trains; the first version makes the
/// service ready. Retraining (`/admin/train`) swaps the models atomically and keeps the old ones
/// when it fails. This type only wires the parts together: training lives in
/// `TrainingCoordinator`, each group of routes in a `RouteGroup` given just what it needs.
public final class SolemateService: Sendable {
    public let configuration: AppConfiguration
    let pool: PostgresPool
    let engine: RecommendationEngine
    /// The models and histories in memory, as the routes serve them: what a batch export ranks
    /// with, and what tests compare a route's answer against.
    public var recommendations: RecommendationEngine { engine }
    let metrics = ServiceMetrics()
    let blocking = BlockingWork()
    let training: TrainingCoordinator
    let exports: ExportJobs
    let logger: Logger
    /// The running experiments, as serving resolves them (loaded from `experimentStore` at start).
    let experiments: ExperimentServing
    let experimentStore: ExperimentStore
    /// Every served list, written asynchronously; `EXPOSURE_LOG=off` turns it off.
    let exposureLog: ExposureLog
    /// Published model versions in PostgreSQL: what a training process writes and a replica reads.
    let store: ModelVersionStore
    /// The recent versions in memory, and the pinned ones restored from `store` after a restart.
    let shelf: ModelVersionShelf
    /// On a replica (`trains` false): what loads published versions and follows the other
    /// replicas' writes; nil in a process that trains.
    let replica: Replica?

    struct Replica: Sendable {
        let versions: ModelVersionFollower
        let live: LiveStateFollower
    }

    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "solemate.service"), trainingHooks: TrainingHooks = .none,
        exportHooks: ExportHooks = .none
    ) {
        self.configuration = configuration
        self.logger = logger
        pool = PostgresPool(configuration: .init(
            url: configuration.databaseURL, maxConnections: configuration.databasePoolSize,
            acquireTimeout: .seconds(configuration.databaseWaitSeconds),
            connectTimeoutSeconds: configuration.databaseWaitSeconds))
        engine = RecommendationEngine(
            histories: UserHistories(eventsPerUser: configuration.userHistoryEvents),
            serving: ServingConfiguration(defaultModel: configuration.defaultModel))
        let trainer = ModelTrainer(pool: pool, configuration: configuration.trainerConfiguration)
        let shelf = ModelVersionShelf(capacity: configuration.modelVersionsKept)
        self.shelf = shelf
        store = ModelVersionStore(pool: pool)
        training = TrainingCoordinator(
            engine: engine, shelf: shelf, trainer: trainer, store: configuration.trains ? store : nil,
            publishedKept: configuration.modelVersionsKept, hooks: trainingHooks, metrics: metrics, blocking: blocking,
            logger: logger)
        experiments = ExperimentServing(shelf: shelf)
        experimentStore = ExperimentStore(pool: pool)
        if configuration.trains {
            replica = nil
        } else {
            let versions = ModelVersionFollower(
                store: store, pool: pool, databaseURL: configuration.databaseURL, engine: engine, shelf: shelf,
                pollInterval: .seconds(configuration.modelPollSeconds), logger: logger)
            replica = Replica(
                versions: versions,
                live: LiveStateFollower(
                    pool: pool, engine: engine, experiments: experiments, experimentStore: experimentStore, logger: logger,
                    loadPinned: { [store, logger] ids in shelf.restore(ids, from: store, logger: logger) }))
        }
        exposureLog = ExposureLog(
            databaseURL: configuration.databaseURL,
            configuration: .init(enabled: configuration.exposureLogEnabled, retentionDays: configuration.exposureRetentionDays),
            logger: logger, onWritten: { [metrics] in metrics.exposuresWritten($0) },
            onDropped: { [metrics] in metrics.exposuresDropped($0) })
        exposureLog.start()
        exports = ExportJobs(engine: engine, pool: pool, blocking: blocking, hooks: exportHooks, logger: logger)
    }

    /// Connects and trains, retrying with exponential backoff (1 s doubling to 30 s) while the
    /// database cannot be reached; returns once a model is published or the task is cancelled.
    public func bootstrap() async {
        if let replica {
            await startFollowing(replica)
        } else {
            await training.bootstrap()
        }
        var delay = 1.0
        while !Task.isCancelled && !experiments.loaded {
            do {
                try await loadExperiments()
            } catch {
                logger.warning("cannot read the running experiments; retrying", metadata: ["retry_in_s": "\(delay)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 30)
            }
        }
    }

    /// A replica's start: the histories from the whole log (retrying with backoff while the
    /// database is away), then the followers of published versions and of the other replicas'
    /// writes. Ready once the first version is loaded.
    private func startFollowing(_ replica: Replica) async {
        var delay = 1.0
        while !Task.isCancelled {
            do {
                try await blocking.run(onOwnThread: "solemate-replica-start") { try replica.live.prepare() }
                break
            } catch {
                logger.warning("cannot read the interaction log at start; retrying", metadata: ["retry_in_s": "\(delay)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 30)
            }
        }
        guard !Task.isCancelled else { return }
        replica.versions.start()
        replica.live.start()
    }

    /// Reads the running experiments from PostgreSQL and serves them (after a restart: the same
    /// salts, so every user lands in the same arm as before).
    func loadExperiments() async throws {
        let running = try await blocking.run { [experimentStore, shelf, store, logger] in
            let running = try experimentStore.runningExperiments()
            shelf.restore(running.flatMap { $0.arms.compactMap(\.version) }, from: store, logger: logger)
            return running
        }
        experiments.replaceAll(with: running)
        for experiment in running {
            if let reason = experiments.unavailability(of: experiment.name) {
                logger.warning("experiment cannot serve", metadata: ["experiment": "\(experiment.name)", "reason": "\(reason)"])
            }
        }
    }

    /// Trains from PostgreSQL off the request threads and publishes the result. A failure leaves
    /// the current models in place and is recorded (and thrown).
    @discardableResult
    public func retrain() async throws -> ModelVersion {
        let version = try await training.retrain()
        if !experiments.loaded { try await loadExperiments() }
        return version
    }

    /// Waits (up to `seconds`) for a training or evaluation still running, then closes the
    /// database connections.
    public func shutdown(waitingUpTo seconds: Int = 60) {
        replica?.versions.stop()
        replica?.live.stop()
        exports.stopAll()
        training.waitForRunningWork(upTo: seconds)
        exposureLog.shutdown(waitingUpTo: 10)
        pool.shutdown()
    }

    /// Every route of the service, inside the middleware that applies to all of them: CORS
    /// outermost (so problems carry its headers too), then metrics (which count the status the
    /// client got), then the one error mapping; `/admin/` also needs the bearer token.
    public func router() -> Router {
        var router = Router()
        // Ingestion logs under its own name, at the level the service was given (a quiet service
        // stays quiet when a simulator posts thousands of batches).
        var ingestLogger = Logger(label: "solemate.ingest")
        ingestLogger.logLevel = logger.logLevel
        if !configuration.corsOrigins.isEmpty {
            router.use(CORSMiddleware(allowedOrigins: configuration.corsOrigins))
        }
        router.use(MetricsMiddleware(metrics: metrics))
        router.use(ProblemMiddleware(logger: logger, translate: ServiceErrors.translation(logger: logger)))
        router.use(BearerTokenMiddleware(token: configuration.adminToken), onPathsUnder: "/admin/")
        let groups: [any RouteGroup] = [
            OpsRoutes(pool: pool, engine: engine, training: training, metrics: metrics, openAPIPath: configuration.openAPIPath),
            RecommendationRoutes(lists: ServedLists(engine: engine, experiments: experiments, log: exposureLog)),
            CatalogueRoutes(directory: ShopDirectory(pool: pool), engine: engine, blocking: blocking),
            IngestionRoutes(ingest: InteractionIngest(
                pool: pool, histories: engine.histories, timeWindow: configuration.eventTimeWindow, logger: ingestLogger),
                metrics: metrics, blocking: blocking),
            NotificationRoutes(
                care: CareNotifications(pool: pool),
                replacements: ReplacementSuggestions(pool: pool) { [engine] user, worn, k, owned, filter in
                    engine.replacements(userID: user, wornShoeID: worn, k: k, owned: owned, filter: filter)
                },
                careIntervalDays: configuration.careIntervalDays, blocking: blocking),
            AdminRoutes(training: configuration.trains ? training : nil, engine: engine, exports: exports),
            ExperimentRoutes(
                store: experimentStore, experiments: experiments, engine: engine,
                reporter: ExperimentReporter(pool: pool, windows: .init(
                    viewHours: configuration.attributionViewHours, purchaseDays: configuration.attributionPurchaseDays)),
                blocking: blocking),
            DemoPage.load(from: configuration.demoDirectory, logger: logger),
        ]
        for group in groups { group.register(on: &router) }
        return router
    }
}

/// A set of routes that belong together, registered by the service.
protocol RouteGroup: Sendable {
    func register(on router: inout Router)
}
