import Logging
import Synchronization

/// What every event loop shares: immutable settings, the router, the logger and the
/// connection count the cap is enforced against.
final class ServerContext: Sendable {
    let configuration: HTTPServer.Configuration
    let limits: HTTPParserLimits
    let timeouts: ConnectionTimer.Timeouts
    let router: Router
    let logger: Logger
    let activeConnections = Atomic<Int>(0)
    /// Where handlers run when they must not run on the loops (`handlerThreads > 0`).
    let handlerPool: HandlerThreadPool?

    init(configuration: HTTPServer.Configuration, router: Router, logger: Logger) {
        self.configuration = configuration
        self.limits = configuration.parserLimits
        self.timeouts = configuration.timeouts
        self.router = router.prepared()
        self.logger = logger
        handlerPool = configuration.handlerThreads > 0
            ? HandlerThreadPool(threadCount: configuration.handlerThreads) : nil
    }

    /// Runs a handler; an error that escaped every middleware (a router without
    /// `ProblemMiddleware`, or an error thrown by a middleware outside it) is mapped the same way.
    func run(_ handler: Router.Handler, _ request: Request) async -> Response {
        do {
            return try await handler(request)
        } catch {
            return ProblemMiddleware.response(for: error, request: request, translate: { _, _ in nil }, logger: logger)
        }
    }
}
