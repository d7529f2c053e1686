import Foundation
import HTTPServer
import LinearAlgebra
import Logging

/// Runs the service until SIGTERM or SIGINT: HTTP first (so /health answers at once), then the
/// database connection and the first training in the background, then a graceful drain.
public enum ServiceRunner {
    public static func run(_ configuration: AppConfiguration) async throws {
        let logger = Logger(label: "solemate")
        // Scoring a request must not fan out to OpenBLAS threads under the server's own load;
        // fits raise the count to every core for their duration and put it back.
        BLASThreads.count = 1
        let service = SolemateService(
            configuration: configuration,
            trainingHooks: FaultInjection.trainingHooks(from: ProcessInfo.processInfo.environment))
        let server = HTTPServer(
            configuration: .init(host: configuration.host, port: configuration.port), router: service.router(),
            logger: Logger(label: "solemate.http"))
        try server.start()
        logger.info("serving", metadata: [
            "host": "\(configuration.host)", "port": "\(server.localPort ?? configuration.port)",
            "admin": "\(configuration.adminToken == nil ? "off" : "on")",
        ])
        let signals = server.shutdownOnSignals()
        let bootstrap = Task { await service.bootstrap() }
        try await server.run()
        bootstrap.cancel()
        signals.cancel()
        service.shutdown()
        logger.info("stopped")
    }
}
