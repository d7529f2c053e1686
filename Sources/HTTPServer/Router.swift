/// Maps method and path to a handler. Build it before starting the server (it is a value);
/// patterns are `/literal/:parameter` segments, and `HEAD` falls back to the `GET` route.
///
///     var router = Router()
///     router.addHealthRoute()
///     router.get("/users/:id/recommendations") { request in
///         try .json(["user": request.pathParameters["id"]])
///     }
public struct Router: Sendable {
    /// Handlers run on Swift concurrency, off the connection threads; throwing an `HTTPError`
    /// answers with that problem, any other error with a generic 500.
    public typealias Handler = @Sendable (Request) async throws -> Response

    /// What matching a request found.
    enum Match {
        case found(Handler, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
        case badPath
    }

    private struct Route: Sendable {
        let segments: [RouteSegment]
        var handlers: [HTTPMethod: Handler]
    }

    private enum RouteSegment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// Routes without parameters, keyed by their exact path, for a single lookup.
    private var staticRoutes: [String: [HTTPMethod: Handler]] = [:]
    private var parameterRoutes: [Route] = []

    public init() {}

    /// Registers `handler` for `method` on `path`; registering the same pair again replaces it.
    /// - Parameters:
    ///   - method: the request method.
    ///   - path: a pattern such as `/users/:id/recommendations`.
    ///   - handler: the closure answering matching requests.
    public mutating func on(_ method: HTTPMethod, _ path: String, use handler: @escaping Handler) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix(":") ? RouteSegment.parameter(String(part.dropFirst())) : .literal(String(part))
        }
        precondition(path.hasPrefix("/"), "route patterns start with /")
        if !segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            staticRoutes[path, default: [:]][method] = handler
        } else if let index = parameterRoutes.firstIndex(where: { $0.segments == segments }) {
            parameterRoutes[index].handlers[method] = handler
        } else {
            parameterRoutes.append(Route(segments: segments, handlers: [method: handler]))
        }
    }

    public mutating func get(_ path: String, use handler: @escaping Handler) { on(.get, path, use: handler) }
    public mutating func post(_ path: String, use handler: @escaping Handler) { on(.post, path, use: handler) }
    public mutating func put(_ path: String, use handler: @escaping Handler) { on(.put, path, use: handler) }
    public mutating func patch(_ path: String, use handler: @escaping Handler) { on(.patch, path, use: handler) }
    public mutating func delete(_ path: String, use handler: @escaping Handler) { on(.delete, path, use: handler) }

    /// Registers `GET path` answering `{"status":"ok"}` for load balancers and `make run` checks.
    public mutating func addHealthRoute(path: String = "/health") {
        let body = Array(#"{"status":"ok"}"#.utf8)
        get(path) { _ in Response(headers: ["Content-Type": "application/json"], body: body) }
    }

    func match(method: HTTPMethod, path: String) -> Match {
        if let handlers = staticRoutes[path] {
            return Self.pick(method, from: handlers, parameters: [:])
        }
        guard !parameterRoutes.isEmpty else { return .notFound }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        routes: for route in parameterRoutes where route.segments.count == parts.count {
            var parameters: [String: String] = [:]
            for (segment, part) in zip(route.segments, parts) {
                switch segment {
                case .literal(let literal):
                    if part != literal { continue routes }
                case .parameter(let name):
                    guard !part.isEmpty else { continue routes }
                    guard let value = PercentDecoding.decode(part, plusAsSpace: false) else { return .badPath }
                    parameters[name] = value
                }
            }
            return Self.pick(method, from: route.handlers, parameters: parameters)
        }
        return .notFound
    }

    private static func pick(_ method: HTTPMethod, from handlers: [HTTPMethod: Handler],
                             parameters: [String: String]) -> Match {
        if let handler = handlers[method] ?? (method == .head ? handlers[.get] : nil) {
            return .found(handler, parameters: parameters)
        }
        var allowed = Array(handlers.keys)
        if handlers[.get] != nil, handlers[.head] == nil { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }
}
