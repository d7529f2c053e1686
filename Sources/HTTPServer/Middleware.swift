/// What wraps routes: it sees each request before its handler and each response after it, and
/// may answer on its own (a refused token, a CORS preflight) without calling `next`.
///
/// Concerns that apply to every route (metrics, error mapping, authentication of a path prefix,
/// CORS) are written once as middleware instead of by hand around each handler, so a new route
/// cannot forget one. Register them with `Router.use(_:onPathsUnder:)`; the first registered is
/// the outermost.
public protocol Middleware: Sendable {
    /// - Parameters:
    ///   - request: the request, with its path parameters and matched route pattern.
    ///   - next: the rest of the chain, ending in the route's handler.
    func respond(to request: Request, next: Router.Handler) async throws -> Response
}
