import Testing
@testable import HTTPServer

@Suite struct RouterTests {
    private func router() -> Router {
        var router = Router()
        router.get("/users/:id/recommendations") { request in .text(request.pathParameters["id"] ?? "") }
        router.post("/users") { _ in .text("created", status: .created) }
        router.get("/users") { _ in .text("list") }
        return router
    }

    private func run(_ method: HTTPMethod, _ target: String) async throws -> Response? {
        let request = Request(method: method, target: target)
        guard case let .found(handler, parameters) = router().match(method: method, path: request.path) else { return nil }
        var routed = request
        routed.pathParameters = parameters
        return try await handler(routed)
    }

    @Test func capturesPercentDecodedPathParameters() async throws {
        let response = try #require(try await run(.get, "/users/a%20b/recommendations?n=3"))
        #expect(response.body == Array("a b".utf8))
    }

    @Test func fallsBackFromHeadToGet() async throws {
        #expect(try await run(.head, "/users")?.body == Array("list".utf8))
    }

    @Test func listsAllowedMethodsForAKnownPath() {
        guard case .methodNotAllowed(let allowed) = router().match(method: .delete, path: "/users") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head, .post])
    }

    @Test func answersNotFoundOtherwise() {
        let router = router()
        #expect({ if case .notFound = router.match(method: .get, path: "/nope") { true } else { false } }())
        #expect({ if case .notFound = router.match(method: .get, path: "/users/1/other") { true } else { false } }())
        #expect({ if case .notFound = router.match(method: .get, path: "/users//recommendations") { true } else { false } }())
        #expect({ if case .badPath = router.match(method: .get, path: "/users/%zz/recommendations") { true } else { false } }())
    }

    @Test func parsesQueriesWithPercentDecoding() {
        let request = Request(method: .get, target: "/s?q=red+shoes&size=42&q=second&tag=a%26b&empty&bad=%zz")
        #expect(request.path == "/s")
        #expect(request.query["q"] == "red shoes")
        #expect(request.query["tag"] == "a&b")
        #expect(request.query["empty"] == "")
        #expect(request.query["bad"] == "%zz")
        #expect(request.queryItems.filter { $0.name == "q" }.map(\.value) == ["red shoes", "second"])
    }
}
