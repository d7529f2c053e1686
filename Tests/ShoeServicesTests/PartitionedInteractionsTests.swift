import Foundation
import PostgresClient
import Testing
import TestSupport
@testable import ShoeServices

/// interactions, partitioned by month (migration 0005): existing data survives the migration, and
/// every writer creates the months it needs.
@Suite("Interactions partitioned by month")
struct PartitionedInteractionsTests {
    @Test("migrating a database that holds data keeps every event, its id and the notifications sent")
    func migrationKeepsData() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            defer { connection.close() }
            let all = try PostgresMigrator(folder: RepositoryPaths.migrations)
            try PostgresMigrator(migrations: all.migrations.filter { $0.version < 5 }).migrate(connection)
            try connection.execute("""
                INSERT INTO users (id, age, gender, primary_usage) SELECT g, 30, 'female', 'running' FROM generate_series(1, 50) g
                """)
            try connection.execute("""
                INSERT INTO shoes (id, brand, model, type, material, color, price, care_instructions, lifespan_days)
                SELECT g, 'Brand', 'Model ' || g, 'running', 'mesh', 'blue', 100, 'wash', 300 FROM generate_series(1, 20) g
                """)
            // 3,000 events from 2025-11-30 to 2026-02-02, across a year's end and in four months.
            try connection.execute("""
                INSERT INTO interactions (occurred_at, user_id, shoe_id, kind)
                SELECT timestamptz '2025-11-30 12:00+00' + g * interval '31 minutes', 1 + g % 50, 1 + g % 20,
                       (CASE WHEN g % 10 = 0 THEN 'purchase' ELSE 'view' END)::interaction_kind
                FROM generate_series(1, 3000) g
                """)
            try connection.execute("""
                INSERT INTO user_shoe_care (purchase_id, kind, due_on)
                SELECT id, 'care', (occurred_at AT TIME ZONE 'UTC')::date + 30 FROM interactions WHERE kind = 'purchase'
                """)
            let before = try Self.fingerprint(connection)

            #expect(try all.migrate(connection) == [5])

            #expect(try Self.fingerprint(connection) == before)
            #expect(try InteractionPartitions.list(connection).map(\.tableName)
                == ["interactions_2025_11", "interactions_2025_12", "interactions_2026_01", "interactions_2026_02"])
            let orphans = try connection.query("""
                SELECT count(*) FROM user_shoe_care c JOIN interactions i ON i.id = c.purchase_id
                WHERE c.purchased_at <> i.occurred_at
                """)[0].decode(Int.self, at: 0)
            #expect(orphans == 0)
            // The identity continues after the migrated ids.
            try InteractionPartitions.ensure([Date()], connection)
            let id = try connection.query("""
                INSERT INTO interactions (occurred_at, user_id, shoe_id, kind) VALUES (now(), 1, 1, 'view') RETURNING id
                """)[0].decode(Int64.self, at: 0)
            #expect(id == 3001)
        }
    }

    @Test("an event in a month without a partition is refused by the table; the function creates the month once")
    func monthsAreCreatedAhead() throws {
        try CareFixture.with { fixture in
            try fixture.user(1)
            try fixture.shoe(10)
            let error = #expect(throws: PostgresError.self) {
                try fixture.connection.execute("""
                    INSERT INTO interactions (occurred_at, user_id, shoe_id, kind) VALUES ('2024-02-29T23:59:59Z', 1, 10, 'view')
                    """)
            }
            #expect(error?.sqlState == SQLState("23514"))
            let leapDay = Date(timeIntervalSince1970: 1_709_251_199)  // 2024-02-29T23:59:59Z
            #expect(try InteractionPartitions.ensure([leapDay, leapDay.addingTimeInterval(1)], fixture.connection) == 2)
            #expect(try InteractionPartitions.ensure([leapDay], fixture.connection) == 0)
            #expect(try InteractionPartitions.list(fixture.connection).map(\.tableName)
                == ["interactions_2024_02", "interactions_2024_03"])
            try fixture.interaction(user: 1, shoe: 10, at: "2024-02-29T23:59:59Z", kind: "view")
            let month = try fixture.connection.query(
                "SELECT tableoid::regclass::text FROM interactions")[0].decode(String.self, at: 0)
            #expect(month == "interactions_2024_02")
        }
    }

    /// Every event and notification, as text, in id order.
    static func fingerprint(_ connection: PostgresConnection) throws -> [String] {
        let events = try connection.query("""
            SELECT id::text || ' ' || occurred_at::text || ' ' || user_id || ' ' || shoe_id || ' ' || kind::text
            FROM interactions ORDER BY id
            """).map { try $0.decode(String.self, at: 0) }
        let sent = try connection.query("""
            SELECT id::text || ' ' || purchase_id || ' ' || due_on::text FROM user_shoe_care ORDER BY id
            """).map { try $0.decode(String.self, at: 0) }
        return events + sent
    }
}
