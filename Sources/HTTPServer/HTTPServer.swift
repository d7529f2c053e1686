import Foundation
import Logging

/// The service's HTTP/1.1 server: POSIX sockets, one poll(2) loop per core, handlers on Swift
/// concurrency. Knows nothing of SQL or models; the app gives it a `Router`.
///
///     var router = Router()
///     router.addHealthRoute()
///     let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 8080), router: router)
///     let signals = server.shutdownOnSignals()   // SIGTERM/SIGINT start a graceful drain
///     try await server.run()                     // returns once drained
///     signals.cancel()
public final class HTTPServer: Sendable {
    public let configuration: Configuration
    let context: ServerContext
    private let state = Locked(State())

    private struct State {
        enum Phase { case idle, running, draining, stopped }
        var phase = Phase.idle
        var port: Int?
        var listeners: [Int32] = []
        var inboxes: [LoopInbox] = []
        var runningLoops = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - router: the routes to serve; copied, so later changes to it have no effect.
    ///   - logger: receives one info line per request and warnings about the server itself.
    public init(configuration: Configuration = Configuration(), router: Router,
                logger: Logger = Logger(label: "solemate.http")) {
        self.configuration = configuration
        self.context = ServerContext(configuration: configuration, router: router, logger: logger)
    }

    /// The bound port once started (useful with port 0), nil before.
    public var localPort: Int? { state.withLock { $0.port } }

    /// Binds and starts the event loop threads, then returns; requests are served from now on.
    /// Throws if the address cannot be bound. Calling it twice is a programming error.
    public func start() throws(SocketError) {
        let loopCount = max(1, configuration.eventLoopCount)
        let (listener, boundPort) = try Socket.listen(host: configuration.host, port: configuration.port,
                                                      backlog: configuration.backlog)
        let listeners = [listener]
        var inboxes: [LoopInbox] = []
        do throws(SocketError) {
            for _ in 0..<loopCount { inboxes.append(try LoopInbox()) }
        } catch {
            _ = Glibc.close(listener)
            throw error
        }
        state.withLock { state in
            precondition(state.phase == .idle, "HTTPServer.start() called twice")
            state.phase = .running
            state.port = boundPort
            state.listeners = listeners
            state.inboxes = inboxes
            state.runningLoops = loopCount
        }
        let context = context
        let peers = inboxes
        for index in 0..<loopCount {
            let loopListener = index == 0 ? listener : -1
            let inbox = inboxes[index]
            let thread = Thread { [self] in
                EventLoop(index: index, listener: loopListener, inbox: inbox, peers: peers, context: context).run()
                loopDidExit()
            }
            thread.name = "http-loop-\(index)"
            thread.start()
        }
        context.logger.notice("listening", metadata: [
            "host": "\(configuration.host)", "port": "\(boundPort)", "loops": "\(loopCount)",
        ])
    }

    /// Starts (unless already started) and returns after a graceful shutdown has completed.
    public func run() async throws {
        if state.withLock({ $0.phase == .idle }) { try start() }
        await waitUntilStopped()
    }

    /// Begins a graceful shutdown: stop accepting, close idle connections, let in-flight requests
    /// finish (answered with `Connection: close`) for up to the drain timeout. Idempotent; returns
    /// at once (await `waitUntilStopped()` or `run()` for the end).
    public func shutdown() {
        let (listeners, inboxes): ([Int32], [LoopInbox]) = state.withLock { state in
            guard state.phase == .running else { return ([], []) }
            state.phase = .draining
            return (state.listeners, state.inboxes)
        }
        guard !inboxes.isEmpty else { return }
        context.logger.notice("draining", metadata: ["drain_timeout": "\(configuration.drainTimeout)"])
        // On Linux, shutting down a listening socket makes new connection attempts fail at once.
        listeners.forEach { _ = Glibc.shutdown($0, Int32(SHUT_RDWR)) }
        let deadline = MonotonicClock.now() + configuration.drainTimeout.nanoseconds
        inboxes.forEach { $0.post(.drain(deadline: deadline)) }
    }

    /// Returns once every loop has finished after `shutdown()` (at once if never started).
    public func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                guard state.phase == .running || state.phase == .draining else { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func loopDidExit() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.runningLoops -= 1
            guard state.runningLoops == 0 else { return [] }
            state.phase = .stopped
            state.listeners.forEach { _ = Glibc.close($0) }
            state.listeners = []
            state.inboxes = []
            defer { state.waiters = [] }
            return state.waiters
        }
        if state.withLock({ $0.phase == .stopped }) { context.handlerPool?.stop() }
        if !waiters.isEmpty { context.logger.notice("stopped") }
        waiters.forEach { $0.resume() }
    }
}
