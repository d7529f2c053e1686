import Foundation
import Logging
import PostgresClient
import Synchronization

/// A replica's side of publication: loads the newest published version at start, then follows
/// new ones, by `LISTEN` on `ModelVersionStore.channel` and by polling the pointer every
/// `pollInterval` (a notification sent while the listening connection was down is never replayed).
///
/// A new version is loaded beside the one served, checked whole (`ModelVersionStore.load`), and
/// only then published to the engine, which swaps it in atomically: requests in flight finish on
/// the old one. A version that is refused is logged and remembered (not fetched again), and the
/// old one keeps serving. Runs on a thread of its own; `stop()` ends it.
public final class ModelVersionFollower: Sendable {
    /// What a load did, for logs, metrics and tests.
    public struct Loaded: Sendable {
        public var version: PublishedVersion
        /// Fetching, checking and parsing the bytes.
        public var loadSeconds: Double
        /// From the pointer's commit to the swap.
        public var delaySeconds: Double
    }

    private struct State {
        var current: PublishedVersion?
        var refused: Set<String> = []
        var lastError: String?
    }

    private let store: ModelVersionStore
    private let pool: PostgresPool
    private let databaseURL: String
    private let engine: RecommendationEngine
    private let shelf: ModelVersionShelf
    private let pollInterval: Duration
    private let logger: Logger
    private let onLoaded: @Sendable (Loaded) -> Void
    private let state = Mutex(State())
    private let thread = FollowerThread(name: "solemate-model-follower")

    /// - Parameters:
    ///   - databaseURL: for the listening connection, which is the follower's own (a pooled one
    ///     would be handed to requests between waits and lose its LISTEN).
    ///   - pollInterval: how often the pointer is read whatever the notifications say.
    ///   - onLoaded: called after each version is swapped in.
    public init(
        store: ModelVersionStore, pool: PostgresPool, databaseURL: String, engine: RecommendationEngine,
        shelf: ModelVersionShelf, pollInterval: Duration = .seconds(3), logger: Logger,
        onLoaded: @escaping @Sendable (Loaded) -> Void = { _ in }
    ) {
        self.store = store
        self.pool = pool
        self.databaseURL = databaseURL
        self.engine = engine
        self.shelf = shelf
        self.pollInterval = pollInterval
        self.logger = logger
        self.onLoaded = onLoaded
    }

    /// The version served now, as published.
    public var current: PublishedVersion? { state.withLock { $0.current } }

    /// Why the last check or load failed, nil after one that succeeded.
    public var lastError: String? { state.withLock { $0.lastError } }

    /// Starts following on a thread named `solemate-model-follower`.
    public func start() {
        thread.start { [self] in run() }
    }

    /// Stops following and waits (up to `seconds`) for the thread to end.
    public func stop(waitingUpTo seconds: Int = 10) {
        thread.stop(waitingUpTo: seconds)
    }

    private func run() {
        var listener: PostgresConnection?
        var nextPoll = ContinuousClock.now
        while !thread.isStopped {
            var notified = false
            if listener == nil {
                listener = try? PostgresConnection(url: databaseURL, applicationName: "solemate-follower", connectTimeoutSeconds: 2)
                do {
                    try listener?.listen(ModelVersionStore.channel)
                } catch {
                    listener = nil
                }
                notified = listener != nil   // (re)connected: whatever was sent meanwhile is lost, so look now
            }
            if let connection = listener {
                do {
                    notified = try !connection.notifications(waitingUpTo: .milliseconds(500)).isEmpty || notified
                } catch {
                    logger.warning("model version notifications lost; reconnecting", metadata: ["error": "\(error)"])
                    listener = nil
                }
            } else {
                Thread.sleep(forTimeInterval: 0.5)
            }
            if notified || ContinuousClock.now >= nextPoll {
                checkForNewVersion()
                nextPoll = ContinuousClock.now + pollInterval
            }
        }
        listener?.close()
    }

    /// Reads the pointer and loads the newest version if it is newer than the one served.
    public func checkForNewVersion() {
        let newest: PublishedVersion?
        do {
            newest = try store.newest()
        } catch {
            state.withLock { $0.lastError = "cannot read the published versions: \(error)" }
            return
        }
        let skip = state.withLock { state -> Bool in
            guard let newest else { return true }
            return state.refused.contains(newest.id) || (state.current.map { $0.sequence >= newest.sequence } ?? false)
        }
        guard !skip, let newest else { return }
        load(newest)
    }

    private func load(_ pointer: PublishedVersion) {
        let started = ContinuousClock.now
        do {
            let version = try store.load(pointer)
            let shoes = try pool.withConnection { try ShoeCatalog.loadShoes($0) }
            let loadSeconds = Self.seconds(ContinuousClock.now - started)
            engine.publish(version, catalog: shoes.filter { version.itemIndex[$0.id] != nil })
            for shoe in shoes where version.itemIndex[shoe.id] == nil { engine.add(shoe) }
            shelf.published(engine.version ?? version)
            state.withLock {
                $0.current = pointer
                $0.lastError = nil
            }
            let loaded = Loaded(version: pointer, loadSeconds: loadSeconds, delaySeconds: Date().timeIntervalSince(pointer.publishedAt))
            logger.info("model version loaded", metadata: [
                "version": "\(pointer.id)", "bytes": "\(pointer.byteCount)", "load_s": "\(String(format: "%.3f", loadSeconds))",
                "since_published_s": "\(String(format: "%.3f", loaded.delaySeconds))",
            ])
            onLoaded(loaded)
        } catch let error as ModelPublicationError {
            state.withLock {
                $0.refused.insert(pointer.id)
                $0.lastError = error.description
            }
            logger.error("model version refused; serving the one before", metadata: [
                "version": "\(pointer.id)", "error": "\(error)", "serving": "\(engine.version?.id ?? "none")",
            ])
        } catch {
            state.withLock { $0.lastError = "cannot load version \(pointer.id): \(error)" }
            logger.warning("model version not loaded; will retry", metadata: ["version": "\(pointer.id)", "error": "\(error)"])
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
