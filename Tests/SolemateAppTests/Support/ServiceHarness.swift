import Foundation
import HTTPServer
import Logging
import PostgresClient
import ShoeServices
import SolemateApp
import TestSupport

/// The whole service over real HTTP against a real database: the fixture shop imported into a
/// schema of its own, a `SolemateService` trained on it, an `HTTPServer` on a free loopback port,
/// and a client for it. The `with` functions tear everything down whatever the test did.
struct ServiceHarness: Sendable {
    static let adminToken = "test-admin-token-0123456789"

    let service: SolemateService
    let server: HTTPServer
    let client: HTTPTestClient
    let databaseURL: String

    var adminHeaders: [String: String] { ["Authorization": "Bearer \(Self.adminToken)"] }

    /// Runs `body` with a trained service over a fresh schema on the test server, holding the
    /// fixture shop or the CSV files of `dataset`.
    static func with<T>(
        dataset: URL? = nil, trainingHooks: TrainingHooks = .none, exportHooks: ExportHooks = .none, _ body: (ServiceHarness) async throws -> T
    ) async throws -> T {
        let schema = try await TestSchema.create()
        let result: Result<T, any Error>
        do {
            try await offCooperativePool { try importFixture(into: schema.url, from: dataset) }
            result = .success(try await serving(databaseURL: schema.url, trained: true, trainingHooks: trainingHooks, exportHooks: exportHooks, body))
        } catch {
            result = .failure(error)
        }
        await schema.drop()
        return try result.get()
    }

    /// Runs `body` with a service over a private PostgreSQL server the test may stop and start.
    /// With `trained` false the service is not trained: the test calls `bootstrap()` itself.
    static func withScratchServer<T>(trained: Bool = true, _ body: (ServiceHarness, ScratchServer) async throws -> T) async throws -> T {
        let scratch = try await offCooperativePool { try ScratchServer() }
        let result: Result<T, any Error>
        do {
            try await offCooperativePool {
                let connection = try PostgresConnection(url: scratch.url)
                defer { connection.close() }
                try PostgresMigrator(folder: RepositoryPaths.migrations, logger: quietLogger).migrate(connection)
                try importFixture(into: scratch.url)
            }
            result = .success(try await serving(databaseURL: scratch.url, trained: trained) { try await body($0, scratch) })
        } catch {
            result = .failure(error)
        }
        _ = try? await offCooperativePool { scratch.destroy() }
        return try result.get()
    }

    /// A service over `databaseURL`, served on a free port for the length of `body`. Admin
    /// routes answer before touching the database, so the URL may point nowhere for those.
    static func serving<T>(
        databaseURL: String, trained: Bool, adminToken: String? = Self.adminToken, corsOrigins: [String] = [],
        trainingHooks: TrainingHooks = .none, exportHooks: ExportHooks = .none,
        configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: (ServiceHarness) async throws -> T
    ) async throws -> T {
        var configuration = AppConfiguration()
        configuration.corsOrigins = corsOrigins
        configuration.databaseURL = databaseURL
        configuration.adminToken = adminToken
        configuration.svdFactors = 4
        configuration.databasePoolSize = 4
        // The whole suite runs at once on a 2-core machine, often beside other work: budgets
        // fitted to a quiet production box would turn starvation into 503s the tests never meant.
        configuration.databaseWaitSeconds = 60
        configuration.openAPIPath = RepositoryPaths.root.appendingPathComponent("openapi.yaml").path
        configuration.demoDirectory = RepositoryPaths.root.appendingPathComponent("web").path
        configure(&configuration)
        let service = SolemateService(configuration: configuration, logger: quietLogger, trainingHooks: trainingHooks, exportHooks: exportHooks)
        if trained { try await service.retrain() }
        var serverConfiguration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        serverConfiguration.handlerTimeout = .seconds(600)
        // A loaded machine may take seconds between a client's bytes: the simulated storefront's
        // POST once got 408 at the 10 s header bound with two fresh clones testing side by side.
        serverConfiguration.headerTimeout = .seconds(120)
        serverConfiguration.bodyTimeout = .seconds(120)
        let server = HTTPServer(configuration: serverConfiguration, router: service.router(), logger: quietLogger)
        try server.start()
        let harness = ServiceHarness(
            service: service, server: server, client: HTTPTestClient(port: server.localPort ?? 0), databaseURL: databaseURL)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(harness))
        } catch {
            result = .failure(error)
        }
        server.shutdown()
        await server.waitUntilStopped()
        service.shutdown()
        return try result.get()
    }

    static func importFixture(into url: String, from dataset: URL? = nil) throws {
        let folder = try dataset ?? ShopFixture.write()
        defer { if dataset == nil { try? FileManager.default.removeItem(at: folder) } }
        let pool = PostgresPool(configuration: .init(url: url, maxConnections: 1))
        defer { pool.shutdown() }
        _ = try ShopDataImporter(pool: pool, logger: quietLogger).importDirectory(folder)
    }

    /// Logs only errors: the suite's output stays readable.
    static var quietLogger: Logger {
        var logger = Logger(label: "solemate.tests")
        logger.logLevel = .error
        return logger
    }

    /// Answers one SQL count, on a connection of the test's own.
    func count(_ sql: String) async throws -> Int {
        let url = databaseURL
        return try await offCooperativePool {
            let connection = try PostgresConnection(url: url)
            defer { connection.close() }
            return try connection.query(sql)[0].decode(Int.self, at: 0)
        }
    }

    /// The version /admin/models names as current.
    func currentVersion() async throws -> String? {
        try await client.get("/admin/models", headers: adminHeaders).object()["current"] as? String
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass; answers whether it held.
    func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
