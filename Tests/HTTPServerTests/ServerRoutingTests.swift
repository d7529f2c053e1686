import Foundation
import Logging
import Testing
@testable import HTTPServer

private struct Secret: Error {
let text = "password=hunter2 at db.internal"
}

private struct ScoreQuery: Codable {
var limit: Int
}

private struct Scored: Codable, Equatable {
    var item: String
    var score: Double
}

extension ServerTests {
    /// Routing, JSON, problem documents, request ids and the access log over real sockets.
    @Suite struct Routing {
        private func routes(_ router: inout Router) {
            router.post("/users/:id/recommendations") { request in
                let query = try request.decode(ScoreQuery.self)
                let items = (0..<query.limit).map { Scored(item: "\(request.pathParameters["id"]!)-\($0)", score: Double($0)) }
                return try .json(items)
            }
            router.get("/search") { request in try .json(request.query) }
            router.get("/boom") { _ in throw Secret() }
            router.get("/teapot") { _ in throw HTTPError(HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), detail: "Short and stout.") }
            router.get("/slow") { _ in
                try await Task.sleep(for: .seconds(10))
                return .text("too late")
            }
        }

        @Test func routesPathParametersAndJSONBothWays() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                let body = #"{"limit":2}"#
                try client.send("POST /users/u%2042/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Content-Type") == "application/json")
                let items = try JSONDecoder().decode([Scored].self, from: Data(response.body))
                #expect(items == [Scored(item: "u 42-0", score: 0), Scored(item: "u 42-1", score: 1)])

                try client.send("POST /users/7/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{no")
                let bad = try client.readResponse()
                #expect(bad.status == 400)
                #expect(bad.header("Content-Type") == "application/problem+json")
            }
        }

        @Test func decodesQueryParameters() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /search?q=red+running%20shoes&size=42 HTTP/1.1\r\nHost: x\r\n\r\n")
                let json = try client.readResponse().json
                #expect(json?["q"] as? String == "red running shoes")
                #expect(json?["size"] as? String == "42")
            }
        }

        @Test func answers404And405WithAllow() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\nDELETE /search HTTP/1.1\r\nHost: x\r\n\r\n")
                let missing = try client.readResponse()
                #expect(missing.status == 404)
                #expect(missing.json?["title"] as? String == "Not Found")
                let wrongMethod = try client.readResponse()
                #expect(wrongMethod.status == 405)
                #expect(wrongMethod.header("Allow") == "GET, HEAD")
                #expect(wrongMethod.header("Content-Type") == "application/problem+json")
            }
        }

        @Test func hidesInternalErrorTextBehindAGeneric500() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 500)
                #expect(response.header("Content-Type") == "application/problem+json")
                #expect(response.json?["status"] as? Int == 500)
                #expect(!response.text.contains("hunter2"))
                #expect(!response.text.contains("Secret"))
                try client.send("GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n")
                let teapot = try client.readResponse()
                #expect(teapot.status == 418)
                #expect(teapot.json?["detail"] as? String == "Short and stout.")
            }
        }

        @Test func answers503WhenAHandlerOverrunsItsBudget() async throws {
            try await withServer(configure: { $0.handlerTimeout = .milliseconds(300) }, routes: routes) { _, port in
                let client = try RawClient(port: port)
                let started = Date()
                try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 503)
                #expect(response.header("Content-Type") == "application/problem+json")
                #expect(Date().timeIntervalSince(started) < 2)
                #expect(client.isClosedByServer())
            }
        }

        @Test func echoesOrGeneratesRequestIDs() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n")
                #expect(try client.readResponse().header("X-Request-Id") == "abc-123")
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: bad id <script>\r\n\r\n")
                let generated = try client.readResponse().header("X-Request-Id")
                #expect(generated != nil && generated != "bad id <script>")
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                let another = try client.readResponse().header("X-Request-Id")
                #expect(another != nil && another != generated)
            }
        }

        @Test func logsOneStructuredLinePerRequest() async throws {
            let handler = RecordingLogHandler()
            let logger = Logger(label: "test") { _ in handler }
            try await withServer(logger: logger) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: log-1\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try client.readResponse()
                _ = try client.readResponse()
            }
            let lines = handler.records.withLock { $0 }.filter { $0.message == "request" }
            #expect(lines.count == 2)
            let first = try #require(lines.first)
            #expect(first.level == .info)
            #expect(first.metadata["method"] == "GET")
            #expect(first.metadata["path"] == "/health")
            #expect(first.metadata["status"] == "200")
            #expect(first.metadata["bytes"] == "15")
            #expect(first.metadata["request_id"] == "log-1")
            #expect(Double(first.metadata["duration_ms"] ?? "") != nil)
            #expect(lines.last?.metadata["status"] == "404")
        }
    }
}

extension ServerTests {
    /// `handlerThreads > 0`: blocking handlers leave the loops free and still get their 503.
    @Suite struct BlockingHandlers {
        @Test func aBlockingHandlerOnTheHandlerThreadsBlocksNoOneAndGets503() async throws {
            // The handler holds its thread until the test lets it go, so what the test sees
            // happens while it is provably blocked, however slowly the machine runs.
            let entered = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            try await withServer(configure: {
                $0.handlerThreads = 2
                $0.handlerTimeout = .milliseconds(300)
                $0.eventLoopCount = 1
            }, routes: { router in
                router.get("/block") { _ in
                    entered.signal()
                    _ = release.wait(timeout: .now() + 120)  // a synchronous call that ignores cancellation
                    return .text("late")
                }
            }) { _, port in
                defer { release.signal() }
                let blocked = try RawClient(port: port, receiveTimeout: 60)
                try blocked.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(entered.wait(timeout: .now() + 120) == .success, "the handler never ran")
                let other = try RawClient(port: port, receiveTimeout: 60)
                try other.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try other.readResponse().status == 200, "the loop waited for the blocked handler")
                let response = try blocked.readResponse()
                #expect(response.status == 503, "the blocked handler's budget did not end its request")
            }
        }
    }
}
