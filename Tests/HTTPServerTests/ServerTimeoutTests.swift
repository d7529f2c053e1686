#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HTTPServer

extension ServerTests {
    /// Slow, idle and non-reading clients are cut off without holding anyone else up.
    @Suite struct Timeout {
        @Test func cutsOffSlowlorisClientsAfterTheHeaderTimeout() async throws {
            try await withServer(configure: { $0.headerTimeout = .milliseconds(400) }) { _, port in
                let client = try RawClient(port: port)
                let started = Date()
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\n")
                var sendFailed = false
                // One header byte every 50 ms: each byte is "progress", yet the deadline holds.
                for _ in 0..<40 where !sendFailed {
                    do { try client.send("X") } catch { sendFailed = true }
                    usleep(50_000)
                    if Date().timeIntervalSince(started) > 1.2 { break }
                }
                let response = try? client.readResponse()
                #expect(response == nil || response?.status == 408)
                #expect(client.isClosedByServer())
                #expect(Date().timeIntervalSince(started) < 3)
            }
        }

        @Test func cutsOffClientsThatStallInsideTheBody() async throws {
            try await withServer(configure: { $0.bodyTimeout = .milliseconds(300) }, routes: echoRoutes) { _, port in
                let client = try RawClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(client.isClosedByServer())
            }
        }

        @Test func closesIdleKeepAliveConnections() async throws {
            try await withServer(configure: { $0.idleTimeout = .milliseconds(300) }) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                let started = Date()
                #expect(client.isClosedByServer())
                let waited = Date().timeIntervalSince(started)
                #expect(waited > 0.2 && waited < 2)

                let silent = try RawClient(port: port)  // never sends a byte
                #expect(silent.isClosedByServer())
            }
        }

        @Test func aClientThatDoesNotReadBlocksNoOne() async throws {
            let big = [UInt8](repeating: 0x62, count: 4 * 1024 * 1024)
            // The write timeout is long next to a loaded machine's hiccups, so "answered before the hog
            // is cut off" is not a race; the bound on each answer is that timeout.
            try await withServer(configure: { $0.writeTimeout = .seconds(3) }, routes: { router in
                router.get("/big") { _ in Response(body: big) }
            }) { _, port in
                let hog = try RawClient(port: port)
                var small: Int32 = 4096
                setsockopt(hog.fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
                try hog.send(String(repeating: "GET /big HTTP/1.1\r\nHost: x\r\n\r\n", count: 4))
                usleep(100_000)
                for _ in 0..<5 {
                    let other = try RawClient(port: port)
                    let started = Date()
                    try other.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                    #expect(try other.readResponse().status == 200)
                    #expect(Date().timeIntervalSince(started) < 3, "answered only after the hog was cut off")
                }
                // The hog is cut off (reset) once its response has been stuck past the write timeout.
                usleep(3_500_000)
                let started = Date()
                var received = 0
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(hog.fd, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { break }
                    received += count
                }
                #expect(Date().timeIntervalSince(started) < 2)
                #expect(received < 4 * big.count)
            }
        }
    }
}
