import CSV
import Foundation
import Logging
import PostgresClient
import ShoeData

/// Loads the shop's CSV files (`users.csv`, `shoes.csv`, `interactions.csv`) into PostgreSQL.
///
/// Every row is validated first, against the files and against what the database already holds;
/// the first bad row stops the import with an `ImportError` naming file, line and column, and
/// nothing is written. Then one transaction writes everything with batched COPY, streaming the
/// events file (memory does not grow with it). Importing the same files
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

    /// How far an import has got, for a progress line: the validation pass, then the load.
    public struct Progress: Sendable, Equatable {
        public enum Phase: String, Sendable { case validating, loading }
        public var phase: Phase
        /// Bytes of interactions.csv read in this pass, and its size.
        public var bytesRead: Int
        public var fileSize: Int
        /// Events read in this pass.
        public var events: Int
    }

    /// Events per COPY: the unit of progress, and of the staging table when a file overlaps
    /// what is already imported.
    public var batchEvents = 500_000
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
    ///
    /// interactions.csv is streamed twice, never held: a first pass validates every event (a bad
    /// file stops before anything is written) and notes the months it needs, which are created
    /// then, outside the import's transaction (attaching a month locks users and shoes against
    /// writes, which the open import would otherwise hold up); the second pass COPYs the events in
    /// batches of `batchEvents` inside the one transaction. Memory holds users, shoes and a batch's
    /// buffer, whatever the file's length.
    /// - Parameter progress: called after each batch of each pass.
    public func importDirectory(_ directory: URL, now: Date = Date(), progress: (Progress) -> Void = { _ in }) throws -> Report {
        let (existingUsers, existingShoes) = try pool.withConnection { connection in
            (try Set(connection.query("SELECT id FROM users").map { try $0.decode(Int.self, at: 0) }),
             try Set(connection.query("SELECT id FROM shoes").map { try $0.decode(Int.self, at: 0) }))
        }
        let users = try UsersFile.read(directory.appendingPathComponent("users.csv"))
        let shoes = try ShoesFile.read(directory.appendingPathComponent("shoes.csv"))
        let interactionsFile = directory.appendingPathComponent("interactions.csv")
        let knownUsers = existingUsers.union(users.ids), knownShoes = existingShoes.union(shoes.ids)
        let openRows = { try InteractionRows(interactionsFile, knownUsers: knownUsers, knownShoes: knownShoes, timeWindow: timeWindow, now: now) }

        var rows = try openRows()
        var months = Set<InteractionPartitions.Month>()
        var count = 0
        while let row = try rows.next() {
            months.insert(InteractionPartitions.Month(containingMicros: row.micros))
            count += 1
            if count % batchEvents == 0 { progress(Progress(phase: .validating, rows, events: count)) }
        }
        progress(Progress(phase: .validating, rows, events: count))
        logger.info("validated import files", metadata: [
            "directory": "\(directory.path)", "users": "\(users.copy.rowCount)", "shoes": "\(shoes.copy.rowCount)",
            "interactions": "\(count)", "months": "\(months.count)",
        ])
        let created = try pool.withConnection { try InteractionPartitions.ensure(micros: months.map(\.startMicros), $0) }
        if created > 0 { logger.info("interaction months created", metadata: ["months": "\(created)"]) }

        var inserted: Int
        do {
            inserted = try load(users: users.copy, shoes: shoes.copy, rows: try openRows(), skippingDuplicates: false, progress)
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            // A re-import: the fast path's transaction is gone; load again through a staging table.
            logger.info("some interactions are already imported; loading again, skipping those")
            inserted = try load(users: users.copy, shoes: shoes.copy, rows: try openRows(), skippingDuplicates: true, progress)
        }
        let report = Report(
            usersRead: users.copy.rowCount, shoesRead: shoes.copy.rowCount,
            interactionsRead: count, interactionsInserted: inserted)
        logger.info("imported", metadata: ["report": "\(report)"])
        return report
    }

    /// One transaction: users, shoes, then every event in batches. Straight into `interactions`
    /// (the fast path, for new events), or with `skippingDuplicates` through a staging table whose
    /// rows already present are left out.
    /// - Returns: how many interactions were new.
    private func load(
        users: CopyText, shoes: CopyText, rows: InteractionRows, skippingDuplicates: Bool, _ progress: (Progress) -> Void
    ) throws -> Int {
        var rows = rows
        return try pool.withTransaction { connection in
            try upsertUsers(users, connection)
            try upsertShoes(shoes, connection)
            let columns = "(occurred_at, user_id, shoe_id, kind)"
            if skippingDuplicates {
                try connection.execute("""
                    CREATE TEMP TABLE import_interactions (occurred_at timestamptz, user_id integer, shoe_id integer,
                        kind interaction_kind) ON COMMIT DROP
                    """)
            }
            var buffer = CopyText(reservingCapacity: 1 << 19)
            var next = try rows.next()
            var events = 0, inserted = 0
            while next != nil {
                let copied = try connection.copyIn("COPY \(skippingDuplicates ? "import_interactions" : "interactions \(columns)") FROM STDIN") { writer in
                    var inBatch = 0
                    while let row = next, inBatch < batchEvents {
                        row.write(to: &buffer)
                        inBatch += 1
                        if buffer.bytes.count >= 1 << 18 {
                            try writer.write(buffer.bytes)
                            buffer.removeAll()
                        }
                        next = try rows.next()
                    }
                    try writer.write(buffer.bytes)
                    buffer.removeAll()
                }
                events += copied
                if skippingDuplicates {
                    inserted += try connection.execute("""
                        INSERT INTO interactions \(columns)
                        SELECT occurred_at, user_id, shoe_id, kind FROM import_interactions
                        ON CONFLICT ON CONSTRAINT interactions_one_event DO NOTHING
                        """)
                    try connection.execute("TRUNCATE import_interactions")
                } else {
                    inserted += copied
                }
                progress(Progress(phase: .loading, rows, events: events))
            }
            // Rows imported with explicit ids leave the identities behind; move them past the data.
            for table in ["users", "shoes"] {
                try connection.execute(
                    "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM \(table)), 1))",
                    [table])
            }
            return inserted
        }
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
}

extension ShopDataImporter.Progress {
    init(phase: Phase, _ rows: InteractionRows, events: Int) {
        self.init(phase: phase, bytesRead: rows.progress.read, fileSize: rows.progress.size, events: events)
    }
}
