import Dispatch
import Foundation
import HTTPServer
import Logging
import PostgresClient
import Recommender
import ShoeServices
import Synchronization

/// The running service: the database pool, the models in memory, and the HTTP routes over them.
///
/// Start-up never blocks on the database: the HTTP server answers at once (`/health` ok, `/ready`
/// not ready) while `bootstrap()` connects with backoff and trains; the first snapshot makes the
/// service ready. Retraining (`/admin/train`) swaps the models atomically and keeps the old ones
/// when it fails.
public final class SolemateService: Sendable {
    public let configuration: AppConfiguration
    let pool: PostgresPool
    let engine: RecommendationEngine
    let ingest: InteractionIngest
    let directory: ShopDirectory
    let care: CareNotifications
    let replacements: ReplacementSuggestions
    let metrics = ServiceMetrics()
    let trainer: ModelTrainer
    let logger: Logger
    let training = Mutex(TrainingState())
    /// Trainings and evaluations running on threads of their own.
    let backgroundWork = DispatchGroup()

    /// What the service knows about its trainings, for /ready and /admin/models.
    struct TrainingState: Sendable {
        var inProgress = false
        var lastError: String?
        var history: [ModelVersionRecord] = []
    }

    public init(configuration: AppConfiguration, logger: Logger = Logger(label: "solemate.service")) {
        self.configuration = configuration
        self.logger = logger
        pool = PostgresPool(configuration: .init(
            url: configuration.databaseURL, maxConnections: configuration.databasePoolSize,
            acquireTimeout: .seconds(2), connectTimeoutSeconds: 2))
        engine = RecommendationEngine()
        ingest = InteractionIngest(pool: pool, histories: engine.histories)
        directory = ShopDirectory(pool: pool)
        care = CareNotifications(pool: pool)
        replacements = ReplacementSuggestions(pool: pool) { [engine] user, worn, k, owned in
            engine.replacements(userID: user, wornShoeID: worn, k: k, owned: owned)
        }
        trainer = ModelTrainer(
            pool: pool, configuration: .init(hybridAlpha: configuration.hybridAlpha, svdFactors: configuration.svdFactors))
    }

    /// Connects and trains, retrying with exponential backoff (1 s doubling to 30 s) while the
    /// database cannot be reached; returns once a model is published or the task is cancelled.
    public func bootstrap() async {
        var delay = 1.0
        while !Task.isCancelled {
            do {
                _ = try await retrain()
                return
            } catch let error as PostgresError where error.isConnectionFailure || error.kind == .poolTimeout {
                logger.warning("database unreachable at start; retrying", metadata: [
                    "retry_in_s": "\(delay)", "error": "\(error)",
                ])
            } catch {
                logger.error("initial training failed; retrying", metadata: ["retry_in_s": "\(delay)", "error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(delay))
            delay = min(delay * 2, 30)
        }
    }

    /// Trains from PostgreSQL off the request threads and publishes the result. A failure leaves
    /// the current models in place and is recorded (and thrown).
    @discardableResult
    public func retrain() async throws -> ModelSnapshot {
        let started = training.withLock { state -> Bool in
            guard !state.inProgress else { return false }
            state.inProgress = true
            return true
        }
        guard started else { throw TrainingBusy() }
        defer { training.withLock { $0.inProgress = false } }
        engine.histories.beginJournal()
        do {
            // The histories are rebuilt from the log on the training's thread too: O(events) work
            // that must not hold one of the few threads requests run on.
            let result = try await onOwnThread("solemate-training") { [trainer, engine] in
                let result = try trainer.train()
                engine.histories.replace(with: result.log)
                return result
            }
            engine.publish(result.snapshot, catalog: result.shoes)
            metrics.trainingFinished(version: result.snapshot.version, seconds: result.snapshot.trainingSeconds, succeeded: true)
            training.withLock {
                $0.lastError = nil
                $0.history.append(ModelVersionRecord(result.snapshot))
                if $0.history.count > 20 { $0.history.removeFirst() }
            }
            evaluateInBackground(result)
            return result.snapshot
        } catch {
            engine.histories.endJournal()
            metrics.trainingFinished(version: "", seconds: 0, succeeded: false)
            training.withLock { $0.lastError = "\(error)" }
            logger.error("training failed; keeping the current models", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Measures the new version offline (leave-last-out on its own training data) after it is
    /// published, so serving never waits for it; /admin/models shows the figures once ready.
    private func evaluateInBackground(_ result: ModelTrainer.Result) {
        let version = result.snapshot.version
        // Counted before the thread starts, so a shutdown that begins right now still waits for it.
        backgroundWork.enter()
        let thread = Thread { [self] in
            defer { backgroundWork.leave() }
            do {
                let figures = try TrainingEvaluation.figures(log: result.log, shoes: result.shoes)
                training.withLock { state in
                    guard let index = state.history.lastIndex(where: { $0.version == version }) else { return }
                    state.history[index].evaluation = figures
                }
            } catch {
                logger.warning("offline evaluation of the new models failed", metadata: ["version": "\(version)", "error": "\(error)"])
            }
        }
        thread.name = "solemate-evaluation"
        thread.start()
    }

    struct TrainingBusy: Error, CustomStringConvertible {
        var description: String { "a training is already running" }
    }

    /// Runs blocking work (libpq calls, model fitting) on a Dispatch thread, never on Swift's
    /// cooperative pool, whose few threads the request handlers share.
    static func onBlockingThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs a long job (a training, an evaluation) on a thread of its own. On Dispatch's global
    /// queue it would hold one of its few workers for the whole job, and the short blocking calls
    /// of requests (writes, /users, /care) would wait behind it: seconds, past the handler budget.
    ///
    /// The work is counted in `backgroundWork`, so `shutdown()` can wait for it: exiting while a
    /// fit or an evaluation still runs would tear OpenBLAS down under it (a crash at exit).
    func onOwnThread<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let backgroundWork = backgroundWork
        backgroundWork.enter()
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                defer { backgroundWork.leave() }
                continuation.resume(with: Result { try work() })
            }
            thread.name = name
            thread.start()
        }
    }

    /// Waits (up to `seconds`) for a training or evaluation still running, then closes the
    /// database connections.
    public func shutdown(waitingUpTo seconds: Int = 60) {
        if backgroundWork.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
            logger.warning("stopping with a training or evaluation still running")
        }
        pool.shutdown()
    }
}

/// One trained model version, as /admin/models lists it.
struct ModelVersionRecord: Sendable, Codable {
    var version: String
    var trainedAt: Date
    var trainingSeconds: Double
    var events: Int
    var users: Int
    var models: [String]
    var evaluation: [String: ModelSnapshot.ModelFigures]

    init(_ snapshot: ModelSnapshot) {
        version = snapshot.version
        trainedAt = snapshot.trainedAt
        trainingSeconds = snapshot.trainingSeconds
        events = snapshot.eventCount
        users = snapshot.userCount
        models = snapshot.modelNames
        evaluation = snapshot.evaluation
    }

    enum CodingKeys: String, CodingKey {
        case version
        case trainedAt = "trained_at"
        case trainingSeconds = "training_seconds"
        case events, users, models, evaluation
    }
}
