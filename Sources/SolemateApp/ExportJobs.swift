import Foundation
import JSON
import Logging
import PostgresClient
import ShoeServices
import Synchronization
import UTCTime

/// `POST /admin/exports`: the command line's export as a background job of the service, from the
/// version it serves; one at a time, its progress and result kept for `GET /admin/exports/{id}`.
///
/// It ranks on one core fewer than the machine has (at least one), on a thread of its own, so the
/// request handlers keep a core while it runs.
final class ExportJobs: Sendable {
    /// Thrown when an export is asked for while one runs (409).
    struct Busy: Error, CustomStringConvertible {
        var description: String { "an export is already running" }
    }

    enum Status: String, Sendable {
        case running, succeeded, failed
    }

    struct Job: Sendable {
        var id: Int
        var options: CampaignExport.Options
        var status = Status.running
        var usersDone = 0
        var usersTotal: Int?
        var startedAt = Date()
        var finishedAt: Date?
        var outcome: CampaignExport.Outcome?
        var error: String?
    }

    /// The newest jobs kept for GET, oldest dropped first.
    static let kept = 20

    private let engine: RecommendationEngine
    private let pool: PostgresPool
    private let blocking: BlockingWork
    private let logger: Logger
    private let state = Mutex<(jobs: [Job], running: Bool, nextID: Int)>(([], false, 1))
    /// Set at shutdown: a running export stops between chunks (a table export rolls back).
    private let stopping = Atomic<Bool>(false)

    private let hooks: ExportHooks

    init(engine: RecommendationEngine, pool: PostgresPool, blocking: BlockingWork, hooks: ExportHooks = .none, logger: Logger) {
        self.engine = engine
        self.hooks = hooks
        self.pool = pool
        self.blocking = blocking
        self.logger = logger
    }

    /// Starts `options` in the background and answers its id.
    /// - Throws: `Busy` while another export runs.
    func start(_ options: CampaignExport.Options) throws(Busy) -> Int {
        let id = try state.withLock { state throws(Busy) -> Int in
            guard !state.running else { throw Busy() }
            state.running = true
            let id = state.nextID
            state.nextID += 1
            state.jobs.append(Job(id: id, options: options))
            if state.jobs.count > Self.kept { state.jobs.removeFirst() }
            return id
        }
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        blocking.start(onOwnThread: "solemate-export") { [self] in
            do {
                let outcome = try CampaignExport.run(
                    options, engine: engine, pool: pool, threads: threads, isCancelled: { self.stopping.load(ordering: .relaxed) },
                    progress: { done, total in
                        self.update(id) {
                            $0.usersDone = done
                            $0.usersTotal = total
                        }
                    })
                hooks.beforeFinishing()
                update(id) {
                    $0.status = .succeeded
                    $0.outcome = outcome
                }
            } catch {
                logger.error("export failed", metadata: ["export": "\(id)", "error": "\(error)"])
                update(id) {
                    $0.status = .failed
                    // A RecommendationError is the client's to read; anything else may hold database text.
                    $0.error = (error as? RecommendationError)?.description ?? "the export failed; see the service log"
                }
            }
            state.withLock { $0.running = false }
        }
        return id
    }

    /// Makes a running export stop at its next chunk, so that shutdown need not wait for all of it.
    func stopAll() { stopping.store(true, ordering: .relaxed) }

    func job(_ id: Int) -> Job? { state.withLock { state in state.jobs.first { $0.id == id } } }

    private func update(_ id: Int, _ change: (inout Job) -> Void) {
        state.withLock { state in
            guard let index = state.jobs.firstIndex(where: { $0.id == id }) else { return }
            change(&state.jobs[index])
            if state.jobs[index].status != .running { state.jobs[index].finishedAt = Date() }
        }
    }
}

extension ExportJobs.Job {
    /// The wire form of GET /admin/exports/{id}.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .integer(id)), ("status", .string(status.rawValue)),
            ("model", .string(options.model)), ("k", .integer(options.k)), ("format", .string(options.format.rawValue)),
            ("filter", .string(RecommendationFilterWire.query(options.filter))),
            ("users_done", .integer(usersDone)),
            ("users_total", usersTotal.map { .integer($0) } ?? .null),
            ("started_at", .string(UTCTimestamp.format(startedAt))),
        ]
        if let finishedAt { members.append(("finished_at", .string(UTCTimestamp.format(finishedAt)))) }
        if let outcome {
            var result: [(String, JSONValue)] = [
                ("users", .integer(outcome.summary.users)), ("rows", .integer(outcome.summary.rows)),
                ("model_version", .string(outcome.summary.modelVersion)), ("seconds", .number(outcome.summary.seconds)),
                ("users_per_second", .number(outcome.summary.usersPerSecond)),
            ]
            if let runID = outcome.runID { result.append(("run_id", .integer(Int(runID)))) }
            if let output = outcome.output { result.append(("out", .string(output))) }
            members.append(("result", .object(result)))
        }
        if let error { members.append(("error", .string(error))) }
        return .object(members)
    }
}

/// A point inside a background export where a caller may step in: a test holds a finished export
/// there to see it running (and a second one refused) whatever the machine's speed.
public struct ExportHooks: Sendable {
    /// Runs on the export's thread after its lists are written and before it reports success; it
    /// may block.
    public var beforeFinishing: @Sendable () -> Void

    public init(beforeFinishing: @escaping @Sendable () -> Void = {}) {
        self.beforeFinishing = beforeFinishing
    }

    /// No hooks: what a production service runs with.
    public static let none = ExportHooks()
}
