import Dispatch
import Foundation
import Logging

/// A small thread-safe pool of connections.
///
/// Each borrower gets a connection to itself for the length of a closure. A connection that
/// broke (the server restarted, the network dropped) is closed and replaced instead of being
/// handed out again, so the pool recovers by itself once the server is back. Waiting for a free
/// connection is bounded by `acquireTimeout`.
public final class PostgresPool: @unchecked Sendable {
    // @unchecked Sendable: every mutable field below is read and written only while holding
    // `condition`; connections themselves are handed to one borrower at a time.
    public struct Configuration: Sendable {
        public var url: String
        public var maxConnections: Int
        public var acquireTimeout: Duration
        public var connectTimeoutSeconds: Int
        public var applicationName: String

        /// - Parameters:
        ///   - url: a `postgres://` URL or libpq conninfo string.
        ///   - maxConnections: bounds the load the service puts on the server.
        ///   - acquireTimeout: how long a borrower waits for a free connection before failing,
        ///     so a stuck database turns into quick errors rather than a pile of blocked threads.
        public init(
            url: String, maxConnections: Int = 8, acquireTimeout: Duration = .seconds(5),
            connectTimeoutSeconds: Int = 5, applicationName: String = "solemate"
        ) {
            self.url = url
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.applicationName = applicationName
        }
    }

    /// What the pool holds right now, for metrics and readiness checks.
    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var inUse: Int
        public var idle: Int
    }

    public let configuration: Configuration
    private let logger: Logger
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var openCount = 0
    private var isShutDown = false
    private let blockingQueue = DispatchQueue(label: "solemate.postgres.pool", attributes: .concurrent)

    public init(configuration: Configuration, logger: Logger = Logger(label: "solemate.postgres")) {
        self.configuration = configuration
        self.logger = logger
    }

    public var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return Statistics(open: openCount, inUse: openCount - idle.count, idle: idle.count)
    }

    /// Lends a connection to `body` and takes it back afterwards, even when `body` throws.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try acquire()
        defer { release(connection) }
        return try body(connection)
    }

    /// Runs `body` in a transaction on a pooled connection.
    @discardableResult
    public func withTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { try $0.transaction(body) }
    }

    /// The same as `withConnection`, for async callers: the blocking libpq calls run on a
    /// dispatch queue of the pool's, never on Swift's cooperative threads.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            blockingQueue.async {
                continuation.resume(with: Result { try self.withConnection(body) })
            }
        }
    }

    /// Closes idle connections and refuses new borrowers; connections in use close when returned.
    public func shutdown() {
        condition.lock()
        isShutDown = true
        let closing = idle
        openCount -= idle.count
        idle.removeAll()
        condition.broadcast()
        condition.unlock()
        closing.forEach { $0.close() }
    }

    private func acquire() throws -> PostgresConnection {
        let deadline = Date().addingTimeInterval(configuration.acquireTimeout.seconds)
        condition.lock()
        while true {
            if isShutDown {
                condition.unlock()
                throw PostgresError(.client, message: "the pool is shut down")
            }
            while let connection = idle.popLast() {
                // A server that restarted closed this socket while it sat idle: notice it now
                // rather than on the borrower's first statement.
                connection.pollForServerClose()
                if connection.isUsable {
                    condition.unlock()
                    return connection
                }
                openCount -= 1
                logger.info("discarding a broken PostgreSQL connection")
                connection.close()
            }
            if openCount < configuration.maxConnections {
                openCount += 1
                condition.unlock()
                return try openConnection()
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw PostgresError(.poolTimeout, message: "no connection free within \(configuration.acquireTimeout)")
            }
        }
    }

    /// Opens a connection for a slot already counted in `openCount`, giving the slot back on failure.
    private func openConnection() throws -> PostgresConnection {
        do {
            return try PostgresConnection(
                url: configuration.url, applicationName: configuration.applicationName,
                connectTimeoutSeconds: configuration.connectTimeoutSeconds)
        } catch {
            condition.lock()
            openCount -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        condition.lock()
        if isShutDown || !connection.isUsable {
            openCount -= 1
            condition.signal()
            condition.unlock()
            connection.close()
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point value for Foundation APIs.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
