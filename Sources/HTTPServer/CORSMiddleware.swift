/// Cross-origin resource sharing for an allow-list of origins, so a storefront on its own origin
/// may call the API from the browser while every other origin is refused.
///
/// - An allowed `Origin` gets `Access-Control-Allow-Origin` (the origin itself, with
///   `Access-Control-Allow-Credentials: true`; or `*` when the list is `*`, never with credentials,
///   which browsers would refuse and which would open the API to every site with the user's cookies).
/// - A preflight (`OPTIONS` with `Access-Control-Request-Method`) of an allowed origin also gets the
///   route's methods, the request headers the API reads, and a `Max-Age` so browsers cache it.
/// - A refused origin gets the response without any `Access-Control-Allow-*` field: the browser
///   then withholds it from the page.
/// - `Vary: Origin` is on every response (unless the list is only `*`), so a cache never hands one
///   origin's answer to another.
public struct CORSMiddleware: Middleware {
    private let origins: Set<String>
    private let anyOrigin: Bool
    private let maxAgeSeconds: Int

    /// The request headers a preflight may announce.
    static let allowedHeaders = "Authorization, Content-Type, X-Request-Id"

    /// - Parameters:
    ///   - allowedOrigins: origins such as `https://shop.example` (scheme, host and port, as
    ///     browsers send them); `*` allows any origin, without credentials.
    ///   - maxAgeSeconds: how long browsers may cache a preflight's answer.
    public init(allowedOrigins: [String], maxAgeSeconds: Int = 600) {
        anyOrigin = allowedOrigins.contains("*")
        origins = Set(allowedOrigins.filter { $0 != "*" })
        self.maxAgeSeconds = maxAgeSeconds
    }

    public func respond(to request: Request, next: Router.Handler) async throws -> Response {
        var response = try await next(request)
        if !origins.isEmpty { response.headers.add(name: "Vary", value: "Origin") }
        guard let origin = request.headers["Origin"] else { return response }
        if origins.contains(origin) {
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
        } else if anyOrigin {
            response.headers["Access-Control-Allow-Origin"] = "*"
        } else {
            return response
        }
        if request.method == .options, request.headers.contains("Access-Control-Request-Method"),
           let allow = response.headers["Allow"] {
            response.headers["Access-Control-Allow-Methods"] = allow
            response.headers["Access-Control-Allow-Headers"] = Self.allowedHeaders
            response.headers["Access-Control-Max-Age"] = String(maxAgeSeconds)
        } else {
            response.headers["Access-Control-Expose-Headers"] = "X-Request-Id, Allow, WWW-Authenticate"
        }
        return response
    }
}
