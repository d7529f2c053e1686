import Foundation
import HTTPServer
import Logging

// Our side of Benchmarks/http/run.sh: the same two routes as the Hummingbird yardstick.
// Usage: http-bench-server PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 18080 : 18080
let model = ScoringModel()

var router = Router()
router.addHealthRoute()
router.get("/users/:id/recommendations") { request in
    let user = Int(request.pathParameters["id"] ?? "") ?? 0
    return try .json(Recommendations(user: user, items: model.topTen(for: user)))
}

var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: port)
configuration.maxConnections = 8192
var logger = Logger(label: "http-bench")
logger.logLevel = .warning  // like the yardstick, which logs no line per request either
let server = HTTPServer(configuration: configuration, router: router, logger: logger)
let signals = server.shutdownOnSignals()
try await server.run()
signals.cancel()
