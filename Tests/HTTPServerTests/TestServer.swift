import Foundation
import Logging

import Testing
@testable import HTTPServer

/// Runs a server on loopback port 0 for one test, with short timeouts, and stops it afterwards.
func withServer(
    host: String = "127.0.0.1",
    configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    routes: (inout Router) -> Void = { _ in },
    logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    var configuration = HTTPServer.Configuration(host: host, port: 0)
    configuration.eventLoopCount = 2
    configuration.headerTimeout = .seconds(2)
    configuration.bodyTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(5)
    configuration.writeTimeout = .seconds(2)
    configuration.handlerTimeout = .seconds(2)
    configuration.drainTimeout = .seconds(2)
    configure(&configuration)
    var router = Router()
    router.addHealthRoute()
    routes(&router)
    let server = HTTPServer(configuration: configuration, router: router, logger: logger)
    try server.start()
    do {
        try await body(server, server.localPort!)
    } catch {
        server.shutdown()
        await server.waitUntilStopped()
        throw error
    }
    server.shutdown()
    await server.waitUntilStopped()
}

/// Keeps log records in memory so tests can assert on the per-request line.
final class RecordingLogHandler: LogHandler, @unchecked Sendable {
    // @unchecked: the only mutable state, `records`, sits behind a lock; `metadata` and
    // `logLevel` are set once when the logger is built, before any other thread sees it.
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    let records = Locked<[Record]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let flat = (event.metadata ?? [:]).mapValues { "\($0)" }
        records.withLock { $0.append(Record(level: event.level, message: event.message.description, metadata: flat)) }
    }
}

/// Socket tests run one at a time: their clients block threads of the small cooperative pool,
/// and parallel runs would turn every timing assertion into noise.
@Suite(.serialized) struct ServerTests {}

/// One route, `POST /echo`, that answers the request's body: what the framing tests send through.
let echoRoutes: @Sendable (inout Router) -> Void = { router in
    router.post("/echo") { request in Response(body: request.body) }
}
