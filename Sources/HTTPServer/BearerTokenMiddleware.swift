/// Guards the routes it wraps (say `/admin/`) with `Authorization: Bearer <token>`.
///
/// With no token configured the routes do not exist for clients (404), so an unconfigured
/// deployment exposes nothing to guess at. A wrong or missing token is a 401 with
/// `WWW-Authenticate: Bearer`, as RFC 9110 requires. The comparison takes the same time wherever
/// the tokens differ, so timing reveals nothing about the token. OPTIONS passes without a token:
/// it reveals only `Allow`, and browsers send CORS preflights without credentials.
public struct BearerTokenMiddleware: Middleware {
    private let token: [UInt8]?

    /// - Parameter token: the expected token; nil turns the guarded routes off.
    public init(token: String?) {
        self.token = token.map { Array($0.utf8) }
    }

    public func respond(to request: Request, next: Router.Handler) async throws -> Response {
        guard let token else {
            throw HTTPError(.notFound, detail: "Admin endpoints are off: no ADMIN_TOKEN is configured.")
        }
        if request.method == .options { return try await next(request) }
        let header = request.headers["Authorization"] ?? ""
        let prefix = "Bearer "
        let given = header.hasPrefix(prefix) ? Array(header.utf8.dropFirst(prefix.utf8.count)) : []
        guard Self.constantTimeEquals(given, token) else {
            throw HTTPError(.unauthorized, detail: "A valid bearer token is required.", headers: ["WWW-Authenticate": "Bearer"])
        }
        return try await next(request)
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = a.count ^ b.count
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= Int(x ^ y)
        }
        return difference == 0
    }
}
