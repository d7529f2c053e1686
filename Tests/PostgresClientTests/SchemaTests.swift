import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("migrations/ and schema.sql describe the same schema")
struct SchemaTests {
    @Test("applying every migration to an empty database gives exactly schema.sql")
    func migrationsMatchSchemaFile() throws {
        let migrated = try TestDatabase.create(migrated: true)
        defer { migrated.drop() }
        let fromFile = try TestDatabase.create()
        defer { fromFile.drop() }
        let connection = try fromFile.connect()
        try connection.executeScript(trustedSQL: String(contentsOf: RepositoryPaths.schema, encoding: .utf8))
        connection.close()

        let expected = try Self.dump(fromFile.url)
        let actual = try Self.dump(migrated.url)
        #expect(expected.contains("CREATE TABLE public.interactions ("))
        #expect(actual == expected)
    }

    /// `pg_dump --schema-only` without comments, blank lines, the migrations' own bookkeeping, and
    /// the `\restrict` lines newer pg_dump versions write with a random key.
    static func dump(_ url: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--exclude-table=schema_migrations", "--dbname", url,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestEnvironmentError("pg_dump failed") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("--") && !$0.hasPrefix("\\") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
