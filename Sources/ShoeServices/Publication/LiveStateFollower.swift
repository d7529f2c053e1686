import Foundation
import Logging
import PostgresClient
import ShoeData
import Synchronization

/// A replica's view of what other replicas write: new interactions and shoes, read from
/// PostgreSQL by id every `interval` (200 ms by default, so an event posted to any replica shows in
/// every replica's recommendations well within a second), and the running experiments, re-read
/// every few seconds. No replica needs another to be up: each reads the tables they all write.
///
/// Ids come from sequences, and a transaction may commit after one that took a higher id, so a
/// poll asks again for everything above a floor that trails the newest id seen by `settle` (3 s):
/// an event that commits late is still found, and the histories count every id once (see
/// `UserHistories.follow(from:rememberingAbove:)`).
public final class LiveStateFollower: Sendable {
    private struct State {
        var events = SettlingCursor()
        var shoes = SettlingCursor()
        var experimentKey: [Int] = []
        var lastExperimentCheck = ContinuousClock.now
    }

    private let pool: PostgresPool
    private let engine: RecommendationEngine
    private let experiments: ExperimentServing
    private let experimentStore: ExperimentStore
    private let interval: Duration
    private let logger: Logger
    private let state = Mutex(State())
    private let thread = FollowerThread(name: "solemate-live-follower")
    /// Pinned versions an experiment names that this replica must hold (loaded from the store).
    private let loadPinned: @Sendable ([String]) -> Void

    public init(
        pool: PostgresPool, engine: RecommendationEngine, experiments: ExperimentServing, experimentStore: ExperimentStore,
        interval: Duration = .milliseconds(200), logger: Logger, loadPinned: @escaping @Sendable ([String]) -> Void = { _ in }
    ) {
        self.pool = pool
        self.engine = engine
        self.experiments = experiments
        self.experimentStore = experimentStore
        self.interval = interval
        self.logger = logger
        self.loadPinned = loadPinned
    }

    /// Reads the whole interaction log into the histories and notes where following starts.
    /// Throws when the database cannot be read (the caller retries).
    public func prepare() throws {
        let (log, shoeFloor) = try pool.withConnection { connection in
            (try InteractionLog.read(connection), try connection.query("SELECT coalesce(max(id), 0)::int8 FROM shoes")[0].decode(Int64.self, at: 0))
        }
        let newest = log.ids.max() ?? 0
        // Events below the newest may still commit: re-read a margin of ids below it once.
        let floor = max(0, newest - SettlingCursor.startMargin)
        engine.histories.follow(from: log, rememberingAbove: floor)
        state.withLock { state in
            state.events = SettlingCursor(floor: floor)
            state.shoes = SettlingCursor(floor: max(0, shoeFloor - SettlingCursor.startMargin))
        }
    }

    /// Starts following on a thread named `solemate-live-follower`.
    public func start() {
        thread.start { [self] in
            while !thread.isStopped {
                do {
                    try poll()
                } catch {
                    logger.warning("cannot read other replicas' writes; retrying", metadata: ["error": "\(error)"])
                    Thread.sleep(forTimeInterval: 1)
                }
                Thread.sleep(forTimeInterval: ModelVersionFollower.seconds(interval))
            }
        }
    }

    /// Stops following and waits (up to `seconds`) for the thread to end.
    public func stop(waitingUpTo seconds: Int = 10) {
        thread.stop(waitingUpTo: seconds)
    }

    /// One round: new events, new shoes, and (every 2 s) the running experiments.
    public func poll() throws {
        let (eventFloor, shoeFloor) = state.withLock { ($0.events.floor, $0.shoes.floor) }
        let (events, shoes) = try pool.withConnection { connection in
            let events = try connection.query("""
                SELECT id, user_id, shoe_id, kind::text FROM interactions WHERE id > $1 ORDER BY id LIMIT 100000
                """, [eventFloor]).map { row in
                UserHistories.Event(
                    id: try row.decode(Int64.self, at: 0), user: try row.decode(Int.self, at: 1), shoe: try row.decode(Int.self, at: 2),
                    kind: InteractionKind(rawValue: try row.decode(String.self, at: 3))?.code ?? 0)
            }
            let shoes = try connection.query(
                "SELECT \(ShoeCatalog.columns) FROM shoes WHERE id > $1 ORDER BY id", [shoeFloor]).map(ShoeCatalog.decode)
            return (events, shoes)
        }
        engine.histories.add(events)
        for shoe in shoes where engine.catalog.shoe(shoe.id) == nil { engine.add(shoe) }
        let now = ContinuousClock.now
        let settled = state.withLock { state in
            state.events.observed(newest: events.last?.id, at: now)
            state.shoes.observed(newest: shoes.last.map { Int64($0.id) }, at: now)
            return state.events.floor
        }
        engine.histories.settle(atOrBelow: settled)
        if state.withLock({ now - $0.lastExperimentCheck >= .seconds(2) }) {
            try followExperiments()
            state.withLock { $0.lastExperimentCheck = now }
        }
    }

    /// Serves the experiments running now if they changed (created or stopped on another replica),
    /// after loading the versions they pin.
    func followExperiments() throws {
        let running = try experimentStore.runningExperiments()
        let key = running.map(\.id).sorted()
        guard state.withLock({ $0.experimentKey != key }) else { return }
        loadPinned(running.flatMap { $0.arms.compactMap(\.version) })
        experiments.replaceAll(with: running)
        state.withLock { $0.experimentKey = key }
        logger.info("running experiments followed", metadata: ["experiments": "\(running.map(\.name))"])
    }
}

/// The id below which every row of a table is taken as committed and read: it trails the newest id
/// seen by `settle`, since a sequence hands out ids in order but transactions commit in any order.
struct SettlingCursor {
    /// How far behind the newest id the first poll starts.
    static let startMargin: Int64 = 10_000
    /// How long an id may take from its sequence to its commit and still be seen.
    static let settle: Duration = .seconds(3)

    private(set) var floor: Int64 = 0
    private var seen: [(at: ContinuousClock.Instant, newest: Int64)] = []
    private var newest: Int64 = 0

    init(floor: Int64 = 0) {
        self.floor = floor
        newest = floor
    }

    /// Notes a poll's newest id (nil when it found nothing new) and raises the floor to the newest
    /// id seen `settle` ago.
    mutating func observed(newest found: Int64?, at now: ContinuousClock.Instant) {
        if let found { newest = max(newest, found) }
        seen.append((now, newest))
        while let first = seen.first, now - first.at >= Self.settle {
            floor = max(floor, first.newest)
            seen.removeFirst()
        }
    }
}
