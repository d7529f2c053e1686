import Dispatch
import Foundation
import Logging
import PostgresClient
import ShoeData
import Synchronization
import UTCTime

/// Writes every served list (and each user's first assignment to an experiment) to PostgreSQL
/// without ever making serving wait: `record` appends to a bounded in-memory queue under a lock
/// and returns; a thread of its own drains the queue in batches with one COPY each, on a
/// connection of its own (never one of the pool's, which requests need).
///
/// When the queue is full or PostgreSQL is away, entries are dropped and counted (`onDropped`,
/// exported in /metrics), and the outage is logged once when it starts and once when it ends.
/// The writer also creates the day partitions of `exposures` ahead of the rows (today and
/// tomorrow) and drops those older than the retention.
public final class ExposureLog: Sendable {
    public struct Configuration: Sendable {
        /// Off: nothing is queued or written (serving still assigns and answers ids).
        public var enabled = true
        /// Entries held at most; beyond it new ones are dropped.
        public var capacity = 100_000
        /// Rows per COPY at most.
        public var batchSize = 5_000
        /// How long the writer waits for a batch to fill before it writes what it has.
        public var flushInterval: Duration = .milliseconds(200)
        /// Day partitions older than this many days are dropped.
        public var retentionDays = 90

        public init(enabled: Bool = true, retentionDays: Int = 90) {
            self.enabled = enabled
            self.retentionDays = retentionDays
        }
    }

    private struct Queue {
        var exposures: [Exposure] = []
        var assignments: [ExperimentAssignmentRecord] = []
        /// (experiment, user) pairs already queued: a user is assigned once per experiment.
        var assigned = Set<Int64>()
        var stopping = false
    }

    public let configuration: Configuration
    private let databaseURL: String
    private let logger: Logger
    private let onWritten: @Sendable (Int) -> Void
    private let onDropped: @Sendable (Int) -> Void
    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Mutex(false)

    public init(databaseURL: String, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "solemate.exposures"),
                onWritten: @escaping @Sendable (Int) -> Void = { _ in }, onDropped: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.databaseURL = databaseURL
        self.configuration = configuration
        self.logger = logger
        self.onWritten = onWritten
        self.onDropped = onDropped
    }

    /// Queues one served list (and the user's assignment, the first time); never blocks on I/O.
    public func record(_ exposure: Exposure, assignment: ExperimentAssignmentRecord? = nil) {
        guard configuration.enabled else { return }
        let (accepted, full) = queue.withLock { queue -> (Bool, Bool) in
            guard !queue.stopping, queue.exposures.count + queue.assignments.count < configuration.capacity else {
                return (false, false)
            }
            queue.exposures.append(exposure)
            if let assignment, queue.assigned.insert(assignment.key).inserted {
                queue.assignments.append(assignment)
            }
            return (true, queue.exposures.count == configuration.batchSize)
        }
        if !accepted { onDropped(1) }
        if full { wake.signal() }
    }

    /// Queues a user's assignment alone (the request served no list).
    public func record(assignment: ExperimentAssignmentRecord) {
        guard configuration.enabled else { return }
        queue.withLock { queue in
            guard !queue.stopping, queue.exposures.count + queue.assignments.count < configuration.capacity,
                queue.assigned.insert(assignment.key).inserted
            else { return }
            queue.assignments.append(assignment)
        }
    }

    /// Starts the writer thread (once).
    public func start() {
        guard configuration.enabled, started.withLock({ state in defer { state = true }; return !state }) else { return }
        let thread = Thread { [self] in
            writeUntilStopped()
            finished.signal()
        }
        thread.name = "solemate-exposure-log"
        thread.start()
    }

    /// Writes what is queued (for up to `seconds`) and stops the writer.
    public func shutdown(waitingUpTo seconds: Int = 10) {
        guard started.withLock({ $0 }) else { return }
        queue.withLock { $0.stopping = true }
        wake.signal()
        _ = finished.wait(timeout: .now() + .seconds(seconds))
    }

    // MARK: - The writer

    private final class WriterState {
        var connection: PostgresConnection?
        var lastConnectAttempt = Date.distantPast
        var inOutage = false
        var droppedInOutage = 0
        var partitionsMade = Set<Int64>()
        var lastRetention = Date.distantPast
    }

    private func writeUntilStopped() {
        let state = WriterState()
        while true {
            let interval = configuration.flushInterval.components
            _ = wake.wait(timeout: .now() + .nanoseconds(Int(interval.seconds * 1_000_000_000 + interval.attoseconds / 1_000_000_000)))
            let (exposures, assignments, stopping) = queue.withLock { queue in
                let batch = Array(queue.exposures.prefix(configuration.batchSize))
                queue.exposures.removeFirst(batch.count)
                let assignments = queue.assignments
                queue.assignments.removeAll(keepingCapacity: true)
                return (batch, assignments, queue.stopping)
            }
            if !exposures.isEmpty || !assignments.isEmpty {
                write(exposures, assignments, state)
            }
            let more = queue.withLock { !$0.exposures.isEmpty }
            if more { wake.signal() }
            if stopping && !more { break }
        }
        state.connection?.close()
    }

    private func write(_ exposures: [Exposure], _ assignments: [ExperimentAssignmentRecord], _ state: WriterState) {
        do {
            let connection = try connected(state)
            try makePartitions(for: exposures, connection, state)
            if !assignments.isEmpty { try Self.insert(assignments, connection) }
            if !exposures.isEmpty { try Self.copy(exposures, connection) }
            onWritten(exposures.count)
            if state.inOutage {
                logger.notice("exposure log writing again", metadata: ["dropped_during_outage": "\(state.droppedInOutage)"])
                state.inOutage = false
                state.droppedInOutage = 0
            }
            try dropExpiredPartitions(connection, state)
        } catch {
            if !(state.connection?.isUsable ?? false) {
                state.connection?.close()
                state.connection = nil
            }
            state.droppedInOutage += exposures.count
            onDropped(exposures.count)
            // The assignments go back: the user's next request would not queue them again.
            queue.withLock { queue in
                for assignment in assignments { queue.assigned.remove(assignment.key) }
            }
            if !state.inOutage {
                state.inOutage = true
                logger.warning("exposure log cannot write; dropping entries until the database is back", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The writer's connection, reconnecting at most once a second while the database is away.
    private func connected(_ state: WriterState) throws -> PostgresConnection {
        if let connection = state.connection, connection.isUsable { return connection }
        guard Date().timeIntervalSince(state.lastConnectAttempt) >= 1 else {
            throw PostgresError(.connection, message: "exposure log: waiting before reconnecting")
        }
        state.lastConnectAttempt = Date()
        let connection = try PostgresConnection(url: databaseURL, applicationName: "solemate-exposures", connectTimeoutSeconds: 2)
        state.connection = connection
        return connection
    }

    private static func copy(_ exposures: [Exposure], _ connection: PostgresConnection) throws {
        var rows = CopyText(reservingCapacity: exposures.count * 160)
        for exposure in exposures {
            rows.plain(UTCTimestamp.format(microsecondsOf: exposure.servedAt))
            rows.plain(exposure.recommendationID)
            rows.optional(exposure.userID)
            rows.optional(exposure.experimentID)
            rows.optional(exposure.arm)
            rows.plain(exposure.surface.rawValue)
            rows.field(exposure.latencyMicroseconds)
            rows.plain("{" + exposure.shoeIDs.map(String.init).joined(separator: ",") + "}")
            rows.text(exposure.model)
            rows.text(exposure.modelVersion)
            rows.endRow()
        }
        try connection.copyIn("""
            COPY exposures (served_at, recommendation_id, user_id, experiment_id, arm, surface, latency_us, shoe_ids, model, model_version)
            FROM STDIN
            """) { try $0.write(rows.bytes) }
    }

    private static func insert(_ assignments: [ExperimentAssignmentRecord], _ connection: PostgresConnection) throws {
        try connection.execute("""
            INSERT INTO experiment_assignments (experiment_id, user_id, arm, assigned_at)
            SELECT * FROM unnest($1::int4[], $2::int4[], $3::int2[], $4::timestamptz[])
            ON CONFLICT DO NOTHING
            """, [assignments.map(\.experimentID), assignments.map(\.userID), assignments.map(\.arm), assignments.map(\.assignedAt)])
    }

    /// Creates the day partitions the batch needs, and tomorrow's, each once per process.
    private func makePartitions(for exposures: [Exposure], _ connection: PostgresConnection, _ state: WriterState) throws {
        let tomorrow = Day(containing: Date()).daysSinceEpoch + 1
        let days = Set(exposures.map { Day(containing: $0.servedAt).daysSinceEpoch }).union([tomorrow])
        for day in days.sorted() where !state.partitionsMade.contains(day) {
            try ExposurePartitions.create(day: Day(daysSinceEpoch: day), connection)
            state.partitionsMade.insert(day)
        }
    }

    /// Once an hour: drops the day partitions past the retention.
    private func dropExpiredPartitions(_ connection: PostgresConnection, _ state: WriterState) throws {
        guard Date().timeIntervalSince(state.lastRetention) >= 3600 else { return }
        state.lastRetention = Date()
        let dropped = try ExposurePartitions.dropOlder(than: configuration.retentionDays, connection)
        if !dropped.isEmpty { logger.info("exposure partitions dropped by retention", metadata: ["partitions": "\(dropped)"]) }
    }
}

extension ExperimentAssignmentRecord {
    /// (experiment, user) in one integer: the queue's "already assigned" set.
    fileprivate var key: Int64 { Int64(experimentID) << 32 | Int64(userID) }
}
