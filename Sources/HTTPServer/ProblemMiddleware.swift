import Logging

/// Turns whatever a handler throws into a problem response: the one error mapping of a server.
///
/// An `HTTPError` keeps its status and detail; an error `translate` recognises becomes the
/// `HTTPError` it returns (this is where an app maps its own typed errors, in one switch); any
/// other error becomes a bare 500 naming only the request id, and its text goes to the log,
/// never to the client. Register it inside the metrics middleware, so that what is counted is
/// the status the client got, and outside the rest.
public struct ProblemMiddleware: Middleware {
    /// The client-facing problem for an error, or nil for "an internal failure".
    public typealias Translation = @Sendable (any Error, Request) -> HTTPError?

    private let translate: Translation
    private let logger: Logger

    /// - Parameters:
    ///   - logger: receives the internal errors.
    ///   - translate: the app's mapping of its own errors.
    public init(logger: Logger = Logger(label: "http.problems"), translate: @escaping Translation = { _, _ in nil }) {
        self.translate = translate
        self.logger = logger
    }

    public func respond(to request: Request, next: Router.Handler) async throws -> Response {
        do {
            return try await next(request)
        } catch {
            return Self.response(for: error, request: request, translate: translate, logger: logger)
        }
    }

    /// The mapping itself, also the server's last resort for a router without this middleware.
    static func response(for error: any Error, request: Request, translate: Translation, logger: Logger) -> Response {
        if let error = error as? HTTPError { return .problem(error) }
        if let translated = translate(error, request) { return .problem(translated) }
        logger.error("request failed", metadata: [
            "request_id": "\(request.requestID)", "route": "\(request.route ?? request.path)",
            "error_type": "\(String(reflecting: type(of: error)))", "error": "\(String(reflecting: error))",
        ])
        return .problem(status: .internalServerError, detail: "The request failed; its id is \(request.requestID).")
    }
}
