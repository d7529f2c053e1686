/// Maps method and path to a handler. Build it before starting the server (it is a value);
/// patterns are `/literal/:parameter` segments, and `HEAD` falls back to the `GET` route.
///
///     var router = Router()
///     router.addHealthRoute()
///     router.use(ProblemMiddleware())
///     router.get("/users/:id/recommendations") { request in
///         try .json(["user": request.pathParameters["id"]])
///     }
///
/// A path that has routes also answers `OPTIONS` (204 with `Allow`) unless a handler is
/// registered for it, and any other method it does not take with 405 and `Allow`.
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
        let pattern: String
        let segments: [RouteSegment]
        var handlers: [HTTPMethod: Handler]
    }

    private enum RouteSegment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private struct Use: Sendable {
        let middleware: any Middleware
        let prefix: String
    }

    /// Routes without parameters, keyed by their exact path, for a single lookup.
    private var staticRoutes: [String: [HTTPMethod: Handler]] = [:]
    private var parameterRoutes: [Route] = []
    private var middleware: [Use] = []

    public init() {}

    /// Registers `handler` for `method` on `path`; registering the same pair again replaces it.
    /// - Parameters:
    ///   - method: the request method.
    ///   - path: a pattern such as `/users/:id/recommendations`.
    ///   - handler: the closure answering matching requests.
    public mutating func on(_ method: HTTPMethod, _ path: String, use handler: @escaping Handler) {
        let segments = Self.segments(of: path)
        precondition(path.hasPrefix("/"), "route patterns start with /")
        if !segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            staticRoutes[path, default: [:]][method] = handler
        } else if let index = parameterRoutes.firstIndex(where: { $0.segments == segments }) {
            parameterRoutes[index].handlers[method] = handler
        } else {
            parameterRoutes.append(Route(pattern: path, segments: segments, handlers: [method: handler]))
        }
    }

    public mutating func get(_ path: String, use handler: @escaping Handler) { on(.get, path, use: handler) }
    public mutating func post(_ path: String, use handler: @escaping Handler) { on(.post, path, use: handler) }
    public mutating func put(_ path: String, use handler: @escaping Handler) { on(.put, path, use: handler) }
    public mutating func patch(_ path: String, use handler: @escaping Handler) { on(.patch, path, use: handler) }
    public mutating func delete(_ path: String, use handler: @escaping Handler) { on(.delete, path, use: handler) }

    /// Wraps every route whose pattern lies under `prefix` (all of them by default) in
    /// `middleware`, whenever the route was registered: the order of `use` calls, not of routes,
    /// decides the nesting (the first registered runs outermost).
    /// - Parameters:
    ///   - middleware: the middleware to run.
    ///   - prefix: a path prefix such as `/admin/`; `/` for every route.
    public mutating func use(_ middleware: some Middleware, onPathsUnder prefix: String = "/") {
        self.middleware.append(Use(middleware: middleware, prefix: prefix))
    }

    /// Registers `GET path` answering `{"status":"ok"}` for load balancers and `make run` checks.
    public mutating func addHealthRoute(path: String = "/health") {
        let body = Array(#"{"status":"ok"}"#.utf8)
        get(path) { _ in Response(headers: ["Content-Type": "application/json"], body: body) }
    }

    /// The router the server runs: every path answers OPTIONS, and each handler is wrapped, once
    /// and for all, in the middleware that applies to it, and told its route pattern.
    func prepared() -> Router {
        var prepared = Router()
        for (path, handlers) in staticRoutes {
            prepared.staticRoutes[path] = wrapped(handlers, pattern: path)
        }
        prepared.parameterRoutes = parameterRoutes.map { route in
            Route(pattern: route.pattern, segments: route.segments, handlers: wrapped(route.handlers, pattern: route.pattern))
        }
        return prepared
    }

    private func wrapped(_ handlers: [HTTPMethod: Handler], pattern: String) -> [HTTPMethod: Handler] {
        var handlers = handlers
        if handlers[.options] == nil {
            let allow = Self.allowed(by: handlers).map(\.rawValue).joined(separator: ", ")
            handlers[.options] = { _ in Response(status: .noContent, headers: ["Allow": allow]) }
        }
        let applicable = middleware.filter { pattern.hasPrefix($0.prefix) }
        return handlers.mapValues { handler in
            let chain = applicable.reversed().reduce(handler) { next, use in
                { request in try await use.middleware.respond(to: request, next: next) }
            }
            return { request in
                var request = request
                request.route = pattern
                return try await chain(request)
            }
        }
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

    private static func segments(of path: String) -> [RouteSegment] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix(":") ? RouteSegment.parameter(String(part.dropFirst())) : .literal(String(part))
        }
    }

    private static func pick(_ method: HTTPMethod, from handlers: [HTTPMethod: Handler],
                             parameters: [String: String]) -> Match {
        if let handler = handlers[method] ?? (method == .head ? handlers[.get] : nil) {
            return .found(handler, parameters: parameters)
        }
        return .methodNotAllowed(allowed: allowed(by: handlers))
    }

    /// What `Allow` lists: the registered methods, with HEAD where GET is (OPTIONS, which every
    /// path answers, is left implicit).
    private static func allowed(by handlers: [HTTPMethod: Handler]) -> [HTTPMethod] {
        var allowed = handlers.keys.filter { $0 != .options }
        if handlers[.get] != nil, handlers[.head] == nil { allowed.append(.head) }
        return allowed.sorted { $0.rawValue < $1.rawValue }
    }
}
