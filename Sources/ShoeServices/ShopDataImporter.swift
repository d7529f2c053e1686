import CSV
import Foundation
import Logging
import PostgresClient
import ShoeData

/// Loads the shop's CSV files (`users.csv`, `shoes.csv`, `interactions.csv`) into PostgreSQL.
///
/// Every row is validated first, against the files and against what the database already holds;
/// the first bad row stops the import with an `ImportError` naming file, line and column, and
/// nothing is written. Then one transaction writes everything with COPY. Importing the same files
/// again changes nothing: users and shoes are keyed by id, and an interaction is the same event
/// when user, time, shoe and kind are the same.
public struct ShopDataImporter: Sendable {
    /// What an import read and wrote.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var usersRead = 0
        public var shoesRead = 0
        public var interactionsRead = 0
        /// Interactions new to the database; the rest were already there.
        public var interactionsInserted = 0

        public var description: String {
            "\(usersRead) users, \(shoesRead) shoes, \(interactionsRead) interactions read; "
                + "\(interactionsInserted) new interactions, \(interactionsRead - interactionsInserted) already present"
        }
    }

    private let pool: PostgresPool
    private let logger: Logger
    /// The times an event may carry (the same rule as `POST /interactions`).
    private let timeWindow: EventTimeWindow

    public init(pool: PostgresPool, timeWindow: EventTimeWindow = .standard, logger: Logger = Logger(label: "solemate.import")) {
        self.pool = pool
        self.timeWindow = timeWindow
        self.logger = logger
    }

    /// Validates and imports the three files of `directory`; an event later than the allowed skew
    /// after `now` or before the epoch stops the import like any other bad row.
    public func importDirectory(_ directory: URL, now: Date = Date()) throws -> Report {
        let (existingUsers, existingShoes) = try pool.withConnection { connection in
            (try Set(connection.query("SELECT id FROM users").map { try $0.decode(Int.self, at: 0) }),
             try Set(connection.query("SELECT id FROM shoes").map { try $0.decode(Int.self, at: 0) }))
        }
        let users = try UsersFile.read(directory.appendingPathComponent("users.csv"))
        let shoes = try ShoesFile.read(directory.appendingPathComponent("shoes.csv"))
        let (interactions, months) = try InteractionsFile.read(
            directory.appendingPathComponent("interactions.csv"),
            knownUsers: existingUsers.union(users.ids), knownShoes: existingShoes.union(shoes.ids),
            timeWindow: timeWindow, now: now)
        logger.info("validated import files", metadata: [
            "directory": "\(directory.path)", "users": "\(users.copy.rowCount)", "shoes": "\(shoes.copy.rowCount)",
            "interactions": "\(interactions.rowCount)",
        ])

        try pool.withConnection { connection in
            try InteractionPartitions.ensure(micros: months.map(\.startMicros), connection)
        }
        let inserted = try pool.withTransaction { connection in
            try upsertUsers(users.copy, connection)
            try upsertShoes(shoes.copy, connection)
            let inserted = try insertInteractions(interactions, connection)
            // Rows imported with explicit ids leave the identities behind; move them past the data.
            for table in ["users", "shoes"] {
                try connection.execute(
                    "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM \(table)), 1))",
                    [table])
            }
            return inserted
        }
        let report = Report(
            usersRead: users.copy.rowCount, shoesRead: shoes.copy.rowCount,
            interactionsRead: interactions.rowCount, interactionsInserted: inserted)
        logger.info("imported", metadata: ["report": "\(report)"])
        return report
    }

    private func upsertUsers(_ copy: CopyText, _ connection: PostgresConnection) throws {
        try connection.execute("""
            CREATE TEMP TABLE import_users (id integer, age smallint, gender text, primary_usage text) ON COMMIT DROP
            """)
        try connection.copyIn("COPY import_users FROM STDIN") { try $0.write(copy.bytes) }
        try connection.execute("""
            INSERT INTO users (id, age, gender, primary_usage)
            SELECT id, age, gender, primary_usage FROM import_users
            ON CONFLICT (id) DO UPDATE SET age = EXCLUDED.age, gender = EXCLUDED.gender,
                primary_usage = EXCLUDED.primary_usage
            WHERE (users.age, users.gender, users.primary_usage)
                IS DISTINCT FROM (EXCLUDED.age, EXCLUDED.gender, EXCLUDED.primary_usage)
            """)
    }

    private func upsertShoes(_ copy: CopyText, _ connection: PostgresConnection) throws {
        try connection.execute("""
            CREATE TEMP TABLE import_shoes (LIKE shoes INCLUDING DEFAULTS) ON COMMIT DROP
            """)
        try connection.copyIn("""
            COPY import_shoes (id, brand, model, type, material, color, price, care_instructions, lifespan_days)
            FROM STDIN
            """) { try $0.write(copy.bytes) }
        try connection.execute("""
            INSERT INTO shoes (id, brand, model, type, material, color, price, care_instructions, lifespan_days)
            SELECT id, brand, model, type, material, color, price, care_instructions, lifespan_days FROM import_shoes
            ON CONFLICT (id) DO UPDATE SET brand = EXCLUDED.brand, model = EXCLUDED.model, type = EXCLUDED.type,
                material = EXCLUDED.material, color = EXCLUDED.color, price = EXCLUDED.price,
                care_instructions = EXCLUDED.care_instructions, lifespan_days = EXCLUDED.lifespan_days
            WHERE (shoes.brand, shoes.model, shoes.type, shoes.material, shoes.color, shoes.price,
                   shoes.care_instructions, shoes.lifespan_days)
                IS DISTINCT FROM (EXCLUDED.brand, EXCLUDED.model, EXCLUDED.type, EXCLUDED.material, EXCLUDED.color,
                   EXCLUDED.price, EXCLUDED.care_instructions, EXCLUDED.lifespan_days)
            """)
    }

    /// COPYs straight into `interactions` (the fast path, for new events); if an event is already
    /// there (a re-import), rolls that back and goes through a staging table that skips duplicates.
    /// - Returns: how many interactions were new.
    private func insertInteractions(_ copy: CopyText, _ connection: PostgresConnection) throws -> Int {
        let columns = "(occurred_at, user_id, shoe_id, kind)"
        try connection.execute("SAVEPOINT direct_copy")
        do {
            let copied = try connection.copyIn("COPY interactions \(columns) FROM STDIN") { try $0.write(copy.bytes) }
            try connection.execute("RELEASE SAVEPOINT direct_copy")
            return copied
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            try connection.execute("ROLLBACK TO SAVEPOINT direct_copy")
        }
        logger.info("some interactions are already imported; skipping those")
        try connection.execute("""
            CREATE TEMP TABLE import_interactions (occurred_at timestamptz, user_id integer, shoe_id integer,
                kind interaction_kind) ON COMMIT DROP
            """)
        try connection.copyIn("COPY import_interactions FROM STDIN") { try $0.write(copy.bytes) }
        return try connection.execute("""
            INSERT INTO interactions \(columns)
            SELECT occurred_at, user_id, shoe_id, kind FROM import_interactions
            ON CONFLICT ON CONSTRAINT interactions_one_event DO NOTHING
            """)
    }
}
