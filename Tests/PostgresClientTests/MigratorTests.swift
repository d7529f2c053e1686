import Dispatch
import Foundation
import PostgresClient
import Synchronization
import Testing
import TestSupport

@Suite("Migrations apply in order, once, and refuse edited history")
struct MigratorTests {
    typealias Migration = PostgresMigrator.Migration

    static let first = Migration(version: 1, name: "create", sql: "CREATE TABLE a (id int PRIMARY KEY);")
    static let second = Migration(version: 2, name: "add", sql: "ALTER TABLE a ADD COLUMN label text; CREATE TABLE b (id int);")

    @Test("pending migrations apply in version order, and a second run applies nothing")
    func appliesOnce() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let migrator = PostgresMigrator(migrations: [Self.second, Self.first])
            #expect(try migrator.migrate(connection) == [1, 2])
            #expect(try migrator.migrate(connection) == [])
            let versions = try connection.query("SELECT version FROM schema_migrations ORDER BY version").map {
                try $0.decode(Int.self, at: 0)
            }
            #expect(versions == [1, 2])
        }
    }

    @Test("an applied migration whose file changed is refused")
    func checksumMismatch() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try PostgresMigrator(migrations: [Self.first]).migrate(connection)
            var edited = Self.first
            edited.sql += " -- edited"
            #expect(throws: PostgresMigrator.MigrationError.checksumMismatch(version: 1, name: "create")) {
                try PostgresMigrator(migrations: [edited, Self.second]).migrate(connection)
            }
            #expect(try connection.query("SELECT count(*) FROM schema_migrations")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("a failing migration leaves nothing of itself behind")
    func failingMigration() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE c (id int); SELECT * FROM no_such_table;")
            #expect(throws: PostgresMigrator.MigrationError.self) {
                try PostgresMigrator(migrations: [Self.first, broken]).migrate(connection)
            }
            #expect(try connection.query("SELECT to_regclass('c') IS NULL")[0].decode(Bool.self, at: 0))
            #expect(try connection.query("SELECT max(version) FROM schema_migrations")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("two migrators at once apply each migration exactly once")
    func concurrentMigrators() throws {
        try TestDatabase.with { database in
            let migrator = PostgresMigrator(migrations: [Self.first, Self.second])
            let applied = Mutex<[[Int]]>([])
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    let connection = try database.connect()
                    let versions = try migrator.migrate(connection)
                    applied.withLock { $0.append(versions) }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            #expect(applied.withLock { $0.flatMap { $0 }.sorted() } == [1, 2])
        }
    }

    @Test("files are read as NNNN_name.sql, and a badly named one is refused")
    func readsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 1;".write(to: folder.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        #expect(try PostgresMigrator(folder: folder).migrations.map(\.name) == ["first", "second"])
        try "SELECT 1;".write(to: folder.appendingPathComponent("third.sql"), atomically: true, encoding: .utf8)
        #expect(throws: PostgresMigrator.MigrationError.badFileName("third.sql")) { try PostgresMigrator(folder: folder) }
    }
}
