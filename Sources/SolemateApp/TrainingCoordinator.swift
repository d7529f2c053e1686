import Foundation
import Logging
import PostgresClient
import ShoeServices
import Synchronization

/// Owns the life of model versions: trains from PostgreSQL, publishes to the engine, retries the
/// first training with backoff while the database is down, evaluates each new version in the
/// background, and lets shutdown wait for all of it.
///
/// Kept apart from the routes so that the rules of training (one at a time, a failure keeps the
/// served models, figures arrive after publishing) live in one place that the admin routes and
/// start-up both go through.
final class TrainingCoordinator: Sendable {
    /// What the service knows about its trainings, for /ready and /admin/models.
    struct State: Sendable {
        var inProgress = false
        var lastError: String?
        /// The newest versions, oldest first, at most `historyLimit`.
        var history: [ModelVersionRecord] = []
    }

    /// Thrown when a training is asked for while one runs (409 at the admin route).
    struct Busy: Error, CustomStringConvertible {
        var description: String { "a training is already running" }
    }

    static let historyLimit = 20

    private let engine: RecommendationEngine
    /// Every published version goes on it, so an experiment can pin one that is no longer current.
    let shelf: ModelVersionShelf
    private let trainer: ModelTrainer
    /// Where each trained version is published for replicas, keeping the newest `publishedKept`.
    private let store: ModelVersionStore?
    private let publishedKept: Int
    private let hooks: TrainingHooks
    private let metrics: ServiceMetrics
    private let blocking: BlockingWork
    private let logger: Logger
    private let state = Mutex(State())

    init(
        engine: RecommendationEngine, shelf: ModelVersionShelf = ModelVersionShelf(), trainer: ModelTrainer,
        store: ModelVersionStore? = nil, publishedKept: Int = 3,
        hooks: TrainingHooks, metrics: ServiceMetrics, blocking: BlockingWork, logger: Logger
    ) {
        self.engine = engine
        self.shelf = shelf
        self.trainer = trainer
        self.store = store
        self.publishedKept = publishedKept
        self.hooks = hooks
        self.metrics = metrics
        self.blocking = blocking
        self.logger = logger
    }

    /// A copy of the training state.
    var current: State { state.withLock { $0 } }

    /// Trains and publishes, retrying with exponential backoff (1 s doubling to 30 s) while the
    /// database cannot be reached; returns once a model is published or the task is cancelled.
    func bootstrap() async {
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

    /// Starts a training in the background unless one runs; throws `Busy` if one does. The
    /// training is claimed here, before the task starts, so a second call that arrives before the
    /// task runs is refused too.
    func startRetraining() throws(Busy) {
        guard claim() else { throw Busy() }
        Task { try? await self.trainClaimed() }
    }

    /// Trains from PostgreSQL off the request threads and publishes the result. A failure leaves
    /// the current models in place and is recorded (and thrown).
    @discardableResult
    func retrain() async throws -> ModelVersion {
        guard claim() else { throw Busy() }
        return try await trainClaimed()
    }

    /// Marks a training as running; false if one already is.
    private func claim() -> Bool {
        state.withLock { state -> Bool in
            guard !state.inProgress else { return false }
            state.inProgress = true
            return true
        }
    }

    /// The training itself, once `claim()` succeeded; releases the claim when it ends.
    private func trainClaimed() async throws -> ModelVersion {
        defer { state.withLock { $0.inProgress = false } }
        engine.histories.beginJournal()
        do {
            // The histories are rebuilt from the log on the training's thread too: O(events) work
            // that must not hold one of the few threads requests run on.
            let result = try await blocking.run(onOwnThread: "solemate-training") { [trainer, engine, hooks] in
                let result = try trainer.train()
                try hooks.beforePublish()
                engine.histories.replace(with: result.log)
                return result
            }
            engine.publish(result.version, catalog: result.shoes)
            shelf.published(engine.version ?? result.version)
            metrics.trainingFinished(version: result.version.id, seconds: result.version.trainingSeconds, succeeded: true)
            state.withLock {
                $0.lastError = nil
                $0.history.append(ModelVersionRecord(result.version))
                if $0.history.count > Self.historyLimit { $0.history.removeFirst() }
            }
            evaluateInBackground(result)
            publishInBackground(result.version)
            return result.version
        } catch {
            engine.histories.endJournal()
            metrics.trainingFinished(version: "", seconds: 0, succeeded: false)
            state.withLock { $0.lastError = "\(error)" }
            logger.error("training failed; keeping the current models", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Publishes the new version through PostgreSQL for replicas, after it serves here: a
    /// failure to publish (the database away) is logged and leaves this process serving it.
    private func publishInBackground(_ version: ModelVersion) {
        guard let store else { return }
        blocking.start(onOwnThread: "solemate-publication") { [logger, publishedKept] in
            let started = Date()
            do {
                let published = try store.publish(version, keeping: publishedKept)
                logger.info("model version published", metadata: [
                    "version": "\(published.id)", "bytes": "\(published.byteCount)", "chunks": "\(published.chunkCount)",
                    "publish_s": "\(String(format: "%.3f", Date().timeIntervalSince(started)))",
                ])
            } catch {
                logger.error("model version not published; replicas keep the one before", metadata: [
                    "version": "\(version.id)", "error": "\(error)",
                ])
            }
        }
    }

    /// Measures the new version offline (leave-last-out on its own training data) after it is
    /// published, so serving never waits for it; /admin/models shows the figures once ready.
    private func evaluateInBackground(_ result: ModelTrainer.Result) {
        let version = result.version.id
        blocking.start(onOwnThread: "solemate-evaluation") { [self] in
            do {
                let figures = try TrainingEvaluation.figures(log: result.log, shoes: result.shoes)
                state.withLock { state in
                    guard let index = state.history.lastIndex(where: { $0.version == version }) else { return }
                    state.history[index].evaluation = figures
                }
            } catch {
                logger.warning("offline evaluation of the new models failed", metadata: ["version": "\(version)", "error": "\(error)"])
            }
        }
    }

    /// Waits (up to `seconds`) for a training or evaluation still running.
    func waitForRunningWork(upTo seconds: Int) {
        if !blocking.waitForLongJobs(upTo: seconds) {
            logger.warning("stopping with a training or evaluation still running")
        }
    }
}
