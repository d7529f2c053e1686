import Testing
@testable import HTTPServer

/// Records the order middleware runs in by appending its name to a response header.
private struct Tag: Middleware {
    let name: String

    func respond(to request: Request, next: Router.Handler) async throws -> Response {
        var response = try await next(request)
        response.headers.add(name: "X-Trail", value: "\(name)@\(request.route ?? "-")")
        return response
    }
}

private struct Failure: Error {}

extension ServerTests {
    /// `router.use`: what wraps every route, in the order registered, scoped by path prefix.
    @Suite struct Middlewares {
        @Test func wrapsEveryRouteInRegistrationOrderAndTellsTheRoutePattern() async throws {
            try await withServer(routes: { router in
                router.get("/early/:id") { _ in .text("early") }
                router.use(Tag(name: "outer"))
                router.use(Tag(name: "admin"), onPathsUnder: "/admin/")
                router.use(Tag(name: "inner"))
                router.get("/admin/:id") { _ in .text("admin") }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /early/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /admin/2 HTTP/1.1\r\nHost: x\r\n\r\n")
                let early = try client.readResponse()
                #expect(early.headers.filter { $0.0 == "X-Trail" }.map(\.1) == ["inner@/early/:id", "outer@/early/:id"],
                        "registered before `use`, still wrapped; the innermost adds its field first")
                let admin = try client.readResponse()
                #expect(admin.headers.filter { $0.0 == "X-Trail" }.map(\.1) == [
                    "inner@/admin/:id", "admin@/admin/:id", "outer@/admin/:id",
                ])
            }
        }

        @Test func problemMiddlewareMapsTranslatedErrorsAndHidesTheRest() async throws {
            try await withServer(routes: { router in
                router.use(ProblemMiddleware { error, _ in error is Failure ? HTTPError(.conflict, detail: "busy") : nil })
                router.get("/conflict") { _ in throw Failure() }
                router.get("/other") { _ in throw CancellationError() }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /conflict HTTP/1.1\r\nHost: x\r\nX-Request-Id: r-1\r\n\r\nGET /other HTTP/1.1\r\nHost: x\r\nX-Request-Id: r-2\r\n\r\n")
                let conflict = try client.readResponse()
                #expect(conflict.status == 409)
                #expect(conflict.json?["detail"] as? String == "busy")
                let other = try client.readResponse()
                #expect(other.status == 500)
                #expect(other.json?["detail"] as? String == "The request failed; its id is r-2.")
                #expect(!other.text.contains("Cancellation"))
            }
        }

        @Test func bearerTokenGuardsItsPrefixOnly() async throws {
            try await withServer(routes: { router in
                router.use(BearerTokenMiddleware(token: "s3cret-token-0123456789"), onPathsUnder: "/admin/")
                router.get("/admin/state") { _ in .text("state") }
                router.get("/public") { _ in .text("public") }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /admin/state HTTP/1.1\r\nHost: x\r\n\r\n")
                let refused = try client.readResponse()
                #expect(refused.status == 401)
                #expect(refused.header("WWW-Authenticate") == "Bearer")
                #expect(refused.header("Content-Type") == "application/problem+json")
                try client.send("GET /admin/state HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-token-0123456789\r\n\r\n")
                #expect(try client.readResponse().text == "state")
                try client.send("GET /public HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().text == "public")
            }
            try await withServer(routes: { router in
                router.use(BearerTokenMiddleware(token: nil), onPathsUnder: "/admin/")
                router.get("/admin/state") { _ in .text("state") }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /admin/state HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer anything\r\n\r\n")
                #expect(try client.readResponse().status == 404, "with no token configured the routes do not exist")
            }
        }
    }

    /// CORS for an allow-list of origins, over real sockets.
    @Suite struct CORS {
        private func routes(_ router: inout Router) {
            router.use(CORSMiddleware(allowedOrigins: ["https://shop.example"]))
            router.get("/items") { _ in .text("items") }
            router.post("/items") { _ in .text("created", status: .created) }
        }

        @Test func anAllowedOriginGetsItsOriginBackWithCredentials() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /items HTTP/1.1\r\nHost: x\r\nOrigin: https://shop.example\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Access-Control-Allow-Origin") == "https://shop.example")
                #expect(response.header("Access-Control-Allow-Credentials") == "true")
                #expect(response.header("Access-Control-Expose-Headers")?.contains("X-Request-Id") == true)
                #expect(response.header("Vary") == "Origin")
            }
        }

        @Test func aRefusedOriginGetsNoAllowFieldsButStillVary() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                for request in ["GET /items HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n",
                                "OPTIONS /items HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n\r\n",
                                "GET /items HTTP/1.1\r\nHost: x\r\n\r\n"] {
                    try client.send(request)
                    let response = try client.readResponse()
                    #expect(!response.headers.contains { $0.0.lowercased().hasPrefix("access-control-") })
                    #expect(response.header("Vary") == "Origin")
                }
            }
        }

        @Test func aPreflightIsAnsweredWithMethodsHeadersAndMaxAge() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("OPTIONS /items HTTP/1.1\r\nHost: x\r\nOrigin: https://shop.example\r\n"
                    + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 204)
                #expect(response.header("Access-Control-Allow-Origin") == "https://shop.example")
                #expect(response.header("Access-Control-Allow-Methods") == "GET, HEAD, POST")
                #expect(response.header("Access-Control-Allow-Headers")?.contains("Content-Type") == true)
                #expect(response.header("Access-Control-Max-Age") == "600")
                #expect(response.header("Vary") == "Origin")
            }
        }

        @Test func aWildcardAllowsAnyOriginButNeverCredentials() async throws {
            try await withServer(routes: { router in
                router.use(CORSMiddleware(allowedOrigins: ["*"]))
                router.get("/items") { _ in .text("items") }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /items HTTP/1.1\r\nHost: x\r\nOrigin: https://anyone.example\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.header("Access-Control-Allow-Origin") == "*")
                #expect(response.header("Access-Control-Allow-Credentials") == nil)
            }
        }
    }
}
