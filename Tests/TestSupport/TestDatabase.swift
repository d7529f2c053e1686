import Foundation
import PostgresClient

/// A fresh, empty database on the test server, dropped when the test is done.
///
/// `make test` starts a project-local PostgreSQL and exports SOLEMATE_TEST_DATABASE_URL (a URL to
/// a maintenance database there, or to the user's own server). Without it the tests fail with a
/// message saying so: a database test never skips itself.
public struct TestDatabase: Sendable {
    public let name: String
    public let url: String
    let adminURL: String

    /// The server tests run against.
    public static var adminURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["SOLEMATE_TEST_DATABASE_URL"], !url.isEmpty else {
                throw TestEnvironmentError(
                    "SOLEMATE_TEST_DATABASE_URL is not set: run the tests through `make test`, which starts PostgreSQL")
            }
            return url
        }
    }

    /// Creates a database with a unique name.
    public static func create(migrated: Bool = false) throws -> TestDatabase {
        let adminURL = try adminURL
        let name = "solemate_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try PostgresConnection(url: adminURL)
        defer { admin.close() }
        // CREATE DATABASE takes no parameters; the name is ours, made of [a-z0-9_] only.
        try admin.execute("CREATE DATABASE \(name) TEMPLATE template0")
        let database = TestDatabase(name: name, url: Self.url(adminURL, replacingDatabaseWith: name), adminURL: adminURL)
        if migrated {
            let connection = try database.connect()
            defer { connection.close() }
            try PostgresMigrator(folder: RepositoryPaths.migrations).migrate(connection)
        }
        return database
    }

    /// Runs `body` with a fresh database and drops it afterwards, whatever happens.
    public static func with<T>(migrated: Bool = false, _ body: (TestDatabase) throws -> T) throws -> T {
        let database = try create(migrated: migrated)
        defer { database.drop() }
        return try body(database)
    }

    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url)
    }

    public func drop() {
        guard let admin = try? PostgresConnection(url: adminURL) else { return }
        defer { admin.close() }
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The same server URL with another database: works for postgres:// URLs and conninfo strings.
    static func url(_ url: String, replacingDatabaseWith name: String) -> String {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), var components = URLComponents(string: url) {
            components.path = "/" + name
            return components.string ?? url
        }
        return url + " dbname=\(name)"
    }
}

public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where the repository's own files are, from this source file's place in it.
public enum RepositoryPaths {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let migrations = root.appendingPathComponent("migrations")
    public static let schema = root.appendingPathComponent("schema.sql")
    public static let scripts = root.appendingPathComponent("scripts")
}
