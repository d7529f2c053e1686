import Foundation
import Logging

/// Applies `NNNN_name.sql` files from a folder, in order, each in its own transaction, and records
/// each in `schema_migrations` with a checksum.
///
/// A migration that was applied and then edited is refused: the database would no longer match
/// the files, and silently skipping the edit would hide that. Two processes migrating at once are
/// serialised by an advisory lock, so the second sees the first's work and applies nothing twice.
public struct PostgresMigrator: Sendable {
    /// One migration file.
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }
    }

    public enum MigrationError: Error, Equatable, CustomStringConvertible {
        case unreadableFolder(String)
        case badFileName(String)
        case duplicateVersion(Int)
        case checksumMismatch(version: Int, name: String)
        case appliedButMissing(version: Int, name: String)
        case failed(version: Int, name: String, sqlState: String?)

        public var description: String {
            switch self {
            case .unreadableFolder(let path): "cannot read the migrations folder \(path)"
            case .badFileName(let file): "migration file \(file) is not named NNNN_name.sql"
            case .duplicateVersion(let version): "two migration files have version \(version)"
            case .checksumMismatch(let version, let name):
                "migration \(version) (\(name)) was changed after it was applied; add a new migration instead"
            case .appliedButMissing(let version, let name):
                "migration \(version) (\(name)) is applied in the database but its file is missing"
            case .failed(let version, let name, let sqlState):
                "migration \(version) (\(name)) failed (SQLSTATE \(sqlState ?? "none")); nothing of it was applied"
            }
        }
    }

    /// The advisory-lock key that serialises migrations (an arbitrary constant of ours).
    static let lockKey: Int64 = 0x50_1E_4A_7E

    public let migrations: [Migration]
    private let logger: Logger

    public init(migrations: [Migration], logger: Logger = Logger(label: "solemate.migrate")) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Reads every `NNNN_name.sql` of `folder`.
    public init(folder: URL, logger: Logger = Logger(label: "solemate.migrate")) throws {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw MigrationError.unreadableFolder(folder.path)
        }
        var migrations: [Migration] = []
        for file in files.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]),
                  !stem[stem.index(after: underscore)...].isEmpty
            else { throw MigrationError.badFileName(file) }
            if migrations.contains(where: { $0.version == version }) { throw MigrationError.duplicateVersion(version) }
            let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        self.init(migrations: migrations, logger: logger)
    }

    /// Applies what is pending.
    /// - Returns: the versions applied by this call (empty when the database was up to date).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [Int] {
        try connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }

        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        var applied: [Int: (name: String, checksum: String)] = [:]
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations") {
            applied[try row.decode(Int.self, at: 0)] = (try row.decode(at: 1), try row.decode(at: 2))
        }
        for (version, record) in applied where !migrations.contains(where: { $0.version == version }) {
            throw MigrationError.appliedButMissing(version: version, name: record.name)
        }

        var appliedNow: [Int] = []
        for migration in migrations {
            let checksum = try Self.checksum(of: migration.sql, on: connection)
            if let record = applied[migration.version] {
                guard record.checksum == checksum else {
                    throw MigrationError.checksumMismatch(version: migration.version, name: migration.name)
                }
                continue
            }
            do {
                try connection.transaction { connection in
                    try connection.executeScript(trustedSQL: migration.sql)
                    try connection.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [migration.version, migration.name, checksum])
                }
            } catch let error as PostgresError {
                logger.error("migration failed", metadata: [
                    "version": "\(migration.version)", "name": "\(migration.name)", "error": "\(error.debugDescription)",
                ])
                throw MigrationError.failed(version: migration.version, name: migration.name, sqlState: error.sqlState?.code)
            }
            logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    /// SHA-256 of the file's text, computed by the server so the program carries no crypto code.
    static func checksum(of sql: String, on connection: PostgresConnection) throws -> String {
        try connection.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [sql])[0].decode(String.self, at: 0)
    }
}
