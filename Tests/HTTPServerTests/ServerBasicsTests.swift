#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Testing
@testable import HTTPServer

extension ServerTests {
    /// Real sockets on loopback, raw bytes in, raw bytes out.
    @Suite struct Basics {
        @Test func healthAnswersOKWithDateAndContentLength() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == #"{"status":"ok"}"#)
                #expect(response.header("Content-Type") == "application/json")
                #expect(response.header("Content-Length") == "15")
                #expect(response.header("Date")?.hasSuffix(" GMT") == true)
                #expect(response.header("X-Request-Id")?.isEmpty == false)
            }
        }

        @Test func servesIPv6Loopback() async throws {
            try await withServer(host: "::1") { _, port in
                let client = try RawClient(port: port, host: "::1")
                try client.send("GET /health HTTP/1.1\r\nHost: [::1]\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
        }

        @Test func keepsConnectionsAliveAndHonoursConnectionClose() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                for _ in 0..<3 {
                    try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                    let response = try client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.header("Connection") == nil)
                }
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                let last = try client.readResponse()
                #expect(last.status == 200)
                #expect(last.header("Connection") == "close")
                #expect(client.isClosedByServer())
            }
        }

        @Test func answersPipelinedRequestsInOrder() async throws {
            try await withServer(routes: { router in
                router.get("/echo/:n") { request in
                    // Later requests finish sooner, so order must come from the server, not luck.
                    let n = Int(request.pathParameters["n"] ?? "0") ?? 0
                    try await Task.sleep(for: .milliseconds(30 - n * 10))
                    return .text("n=\(n)")
                }
            }) { _, port in
                let client = try RawClient(port: port)
                try client.send((0..<3).map { "GET /echo/\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
                                + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n")
                for n in 0..<3 {
                    #expect(try client.readResponse().text == "n=\(n)")
                }
                #expect(try client.readResponse().status == 404)
            }
        }

        @Test func parsesRequestsSentByteByByte() async throws {
            try await withServer(routes: echoRoutes) { _, port in
                let client = try RawClient(port: port)
                try client.sendByteByByte("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "hello world")
            }
        }

        @Test func servesHTTP10ClientsAndClosesByDefault() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.0\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.statusLine.hasPrefix("HTTP/1.1 200"))
                #expect(client.isClosedByServer())

                let keepAlive = try RawClient(port: port)
                try keepAlive.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
                try keepAlive.send("GET /health HTTP/1.0\r\n\r\n")
                #expect(try keepAlive.readResponse().status == 200)
                #expect(keepAlive.isClosedByServer())
            }
        }

        @Test func answersHeadWithHeadersOnly() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                try client.send("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                let head = try client.readResponse(head: true)
                #expect(head.status == 200)
                #expect(head.header("Content-Length") == "15")
                #expect(head.body.isEmpty)
                // The next response starts right after the head: no stray body bytes in between.
                let get = try client.readResponse()
                #expect(get.text == #"{"status":"ok"}"#)
            }
        }

        @Test func decodesChunkedRequestBodies() async throws {
            try await withServer(routes: echoRoutes) { _, port in
                let client = try RawClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                try client.send("4\r\nWiki\r\n")
                try client.send("5\r\npedia\r\n0\r\n\r\n")
                #expect(try client.readResponse().text == "Wikipedia")
            }
        }

        @Test func answersExpectContinueBeforeTheBody() async throws {
            try await withServer(routes: echoRoutes) { _, port in
                let client = try RawClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
                let interim = try client.readResponse()
                #expect(interim.status == 100)
                try client.send("body")
                #expect(try client.readResponse().text == "body")
            }
        }

        @Test func answersHalfClosedClients() async throws {
            try await withServer { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                client.shutdownWrite()
                #expect(try client.readResponse().status == 200)
                #expect(try client.readResponse().status == 200)
                #expect(client.isClosedByServer())
            }
        }
    }
}
