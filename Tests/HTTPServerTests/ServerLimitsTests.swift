#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HTTPServer

extension ServerTests {
    /// Every limit answers with its status, as problem+json, and closes where the framing is lost.
    @Suite struct Limits {
        /// Sends `raw`, expects `status` with a problem document, then a closed connection.
        private func expectRejection(_ raw: String, status: Int, port: Int) throws {
            let client = try RawClient(port: port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.status == status, "\(raw.prefix(60))")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json?["status"] as? Int == status)
            #expect(response.json?["title"] is String)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }

        @Test func refusesAnOverlongRequestLineWith414() async throws {
            try await withServer { _, port in
                try expectRejection("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                                    status: 414, port: port)
            }
        }

        @Test func refusesOversizedHeadersWith431() async throws {
            try await withServer { _, port in
                try expectRejection("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 17_000) + "\r\n\r\n",
                                    status: 431, port: port)
                try expectRejection("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n",
                                    status: 431, port: port)
            }
        }

        @Test func refusesAnOversizedBodyWith413WhileTheClientIsStillSending() async throws {
            try await withServer(routes: echoRoutes) { _, port in
                let client = try RawClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
                try? client.send([UInt8](repeating: 0x61, count: 100_000))
                let response = try client.readResponse()
                #expect(response.status == 413)
                #expect(client.isClosedByServer())

                try expectRejection("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    + "100000\r\n" + String(repeating: "a", count: 0x100000) + "\r\n1\r\na\r\n",
                                    status: 413, port: port)
            }
        }

        @Test func sendsTheFinalStatusInsteadOf100ContinueWhenTheBodyIsTooLarge() async throws {
            try await withServer { _, port in
                try expectRejection("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n",
                                    status: 413, port: port)
            }
        }

        @Test func refusesSmugglingAttempts() async throws {
            try await withServer { _, port in
                try expectRejection("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                                    status: 400, port: port)
                try expectRejection("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
                                    status: 400, port: port)
                try expectRejection("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4x\r\n\r\nabcd", status: 400, port: port)
                try expectRejection("POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501, port: port)
            }
        }

        @Test func refusesMalformedRequests() async throws {
            try await withServer { _, port in
                try expectRejection("GET /health HTTP/1.1\r\n\r\n", status: 400, port: port)
                try expectRejection("GET /health HTTP/1.1\r\nHost: x\r\nX-Evil: a\u{01}b\r\n\r\n", status: 400, port: port)
                try expectRejection("GET /health HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\n\r\n", status: 400, port: port)
                try expectRejection("GET /health HTTP/3.0\r\nHost: x\r\n\r\n", status: 505, port: port)
                try expectRejection("BREW /health HTTP/1.1\r\nHost: x\r\n\r\n", status: 501, port: port)
                try expectRejection("this is not http\r\n\r\n", status: 400, port: port)
            }
        }

        @Test func honoursConfiguredLimits() async throws {
            try await withServer(configure: { configuration in
                configuration.maxRequestLineLength = 64
                configuration.maxHeaderCount = 3
                configuration.maxBodyBytes = 8
            }) { _, port in
                try expectRejection("GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\nHost: x\r\n\r\n", status: 414, port: port)
                try expectRejection("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", status: 431, port: port)
                try expectRejection("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n123456789", status: 413, port: port)
            }
        }
    }
}
