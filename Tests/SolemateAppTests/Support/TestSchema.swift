import Dispatch
import Foundation
import PostgresClient
import TestSupport

/// A private, migrated schema for one test, in a database the running tests share.
///
/// Why not a `TestDatabase` per test: CREATE DATABASE and DROP DATABASE take one to two and a half
/// seconds each here and PostgreSQL runs them one at a time, so thirty-odd tests spent a minute
/// queueing for them. A schema costs milliseconds. Every connection of the test (the service's
/// pool included) gets `search_path` set to the schema through the URL's `options`, so the
/// service's unqualified SQL sees only this test's tables and types.
struct TestSchema: Sendable {
    let name: String
    /// The shared database's URL with `search_path` pinned to this schema.
    let url: String
    let database: TestDatabase

    /// Creates and migrates a fresh schema; pair with `drop()`.
    static func create() async throws -> TestSchema {
        let database = try await SharedTestDatabase.shared.acquire()
        do {
            return try await offCooperativePool {
                let name = "t_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20))"
                let admin = try database.connect()
                defer { admin.close() }
                // The name is ours, made of [a-z0-9_] only.
                try admin.execute("CREATE SCHEMA \(name)")
                let schema = TestSchema(name: name, url: Self.url(database.url, searchPath: name), database: database)
                let connection = try PostgresConnection(url: schema.url)
                defer { connection.close() }
                try PostgresMigrator(folder: RepositoryPaths.migrations, logger: ServiceHarness.quietLogger).migrate(connection)
                return schema
            }
        } catch {
            await SharedTestDatabase.shared.release()
            throw error
        }
    }

    func drop() async {
        let (database, name) = (database, name)
        _ = try? await offCooperativePool {
            let admin = try database.connect()
            defer { admin.close() }
            try admin.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
        }
        await SharedTestDatabase.shared.release()
    }

    /// `url` with `-c search_path=<schema>` in libpq's `options`, as a URL or a conninfo string.
    static func url(_ url: String, searchPath schema: String) -> String {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        }
        return url + " options='-csearch_path=\(schema)'"
    }
}

/// One database for the tests running at the same time, created on first use and dropped when
/// the last of them is done (so a later test may create another).
actor SharedTestDatabase {
    static let shared = SharedTestDatabase()
    private var creation: Task<TestDatabase, any Error>?
    private var users = 0

    func acquire() async throws -> TestDatabase {
        users += 1
        let creation = self.creation ?? Task { try await offCooperativePool { try TestDatabase.create() } }
        self.creation = creation
        do {
            return try await creation.value
        } catch {
            await release()
            throw error
        }
    }

    func release() async {
        users -= 1
        guard users == 0, let creation else { return }
        self.creation = nil
        if let database = try? await creation.value {
            _ = try? await offCooperativePool { database.drop() }
        }
    }
}

/// Runs blocking work (libpq calls, pg_ctl through posix_spawn) on a Dispatch thread: blocking
/// the few cooperative threads would stall the HTTP handlers of every test running meanwhile.
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
