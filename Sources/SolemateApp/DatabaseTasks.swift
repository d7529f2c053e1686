import Foundation
import Logging
import PostgresClient
import ShoeData
import ShoeServices

/// The database chores behind `solemate migrate` and `solemate import`.
public enum DatabaseTasks {
    /// Applies pending migrations from `folder`.
    /// - Returns: the versions applied by this call.
    public static func migrate(databaseURL: String, folder: URL) throws -> [Int] {
        let logger = Logger(label: "solemate.migrate")
        let migrator = try PostgresMigrator(folder: folder, logger: logger)
        let connection = try PostgresConnection(url: databaseURL)
        defer { connection.close() }
        let applied = try migrator.migrate(connection)
        logger.info(applied.isEmpty ? "schema is up to date" : "schema migrated", metadata: [
            "applied": "\(applied)", "known": "\(migrator.migrations.count)",
        ])
        return applied
    }

    /// Drops the months of interactions before the latest `keepMonths` (`solemate retention`).
    public static func retention(databaseURL: String, keepMonths: Int, dryRun: Bool) throws -> [InteractionRetention.Dropped] {
        let pool = PostgresPool(configuration: .init(url: databaseURL, maxConnections: 1))
        defer { pool.shutdown() }
        return try InteractionRetention(pool: pool).run(keepMonths: keepMonths, dryRun: dryRun)
    }

    /// Imports the shop's CSV files from `directory`; with `onlyIfEmpty`, does nothing when the
    /// database already holds shoes (how `make run` loads the default data once). Events outside
    /// `timeWindow` stop the import, as they are refused by `POST /interactions`.
    public static func importShopData(
        databaseURL: String, directory: URL, onlyIfEmpty: Bool, timeWindow: EventTimeWindow = .standard,
        progress: (ShopDataImporter.Progress) -> Void = { _ in }
    ) throws -> ShopDataImporter.Report? {
        let logger = Logger(label: "solemate.import")
        let pool = PostgresPool(configuration: .init(url: databaseURL, maxConnections: 2))
        defer { pool.shutdown() }
        if onlyIfEmpty {
            let hasData = try pool.withConnection { try $0.query("SELECT EXISTS (SELECT 1 FROM shoes)")[0].decode(Bool.self, at: 0) }
            if hasData {
                logger.info("the database already holds data; nothing imported")
                return nil
            }
        }
        return try ShopDataImporter(pool: pool, timeWindow: timeWindow, logger: logger).importDirectory(directory, progress: progress)
    }
}
