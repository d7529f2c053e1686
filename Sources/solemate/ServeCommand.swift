import ArgumentParser
import Foundation
import SolemateApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (configuration from the environment; see the README).",
        discussion: """
            Flags override HOST, PORT and DATABASE_URL. Trains from PostgreSQL at start, retrying while it is unreachable, \
            and publishes each version it trains. With --no-train it is a replica: it loads the newest published version, \
            follows new ones and the other replicas' writes, and never trains.
            """
    )

    @Flag(name: .customLong("no-train"), help: "Serve published versions only (a replica behind a load balancer).")
    var noTrain = false

    @Option(help: "Address to listen on, IPv4 or IPv6 (default: $HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: $PORT or 8080).")
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        JSONLogHandler.bootstrap()
        var configuration = try database.serviceConfiguration()
        if let host { configuration.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
            configuration.port = port
        }
        configuration.trains = !noTrain
        try await ServiceRunner.run(try configuration.validated())
    }
}
