import Foundation
import PostgresClient
import ShoeData
import ShoeServices
import TestSupport

/// A fresh migrated database with helpers to insert users, shoes and interactions with plain SQL,
/// shared by the care and replacement tests.
struct CareFixture {
    let database: TestDatabase
    let connection: PostgresConnection
    let pool: PostgresPool

    /// Runs `body` against a fresh database, closing everything afterwards.
    @discardableResult
    static func with<T>(_ body: (CareFixture) throws -> T) throws -> T {
        try TestDatabase.with(migrated: true) { database in
            let connection = try database.connect()
            defer { connection.close() }
            let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 2))
            defer { pool.shutdown() }
            return try body(CareFixture(database: database, connection: connection, pool: pool))
        }
    }

    var care: CareNotifications { CareNotifications(pool: pool) }

    func user(_ id: Int) throws {
        try connection.execute(
            "INSERT INTO users (id, age, gender, primary_usage) VALUES ($1, 30, 'female', 'running')", [id])
    }

    func shoe(
        _ id: Int, brand: String = "Aldenmoor", model: String? = nil, type: String = "running",
        price: String = "129.99", care: String = "hand wash, air dry", lifespanDays: Int = 365
    ) throws {
        try connection.execute("""
            INSERT INTO shoes (id, brand, model, type, material, color, price, care_instructions, lifespan_days)
            VALUES ($1, $2, $3, $4, 'mesh', 'blue', $5::numeric, $6, $7)
            """, [id, brand, model ?? "Model \(id)", type, price, care, lifespanDays])
    }

    /// Inserts an interaction at `time` (ISO 8601 with any offset) and answers its id.
    @discardableResult
    func interaction(user: Int, shoe: Int, at time: String, kind: String = "purchase") throws -> Int64 {
        // Its month's partition first, as every writer of interactions does.
        try connection.execute("SELECT interactions_ensure_months(ARRAY[$1::timestamptz])", [time])
        return try connection.query("""
            INSERT INTO interactions (occurred_at, user_id, shoe_id, kind)
            VALUES ($1::timestamptz, $2, $3, $4::interaction_kind) RETURNING id
            """, [time, user, shoe, kind])[0].decode(Int64.self, at: 0)
    }

    /// The user, the shoe and a purchase of it at `time`, in one call.
    @discardableResult
    func purchase(at time: String, user: Int = 1, shoe: Int = 10, lifespanDays: Int = 365) throws -> Int64 {
        if try !exists("users", user) { try self.user(user) }
        if try !exists("shoes", shoe) { try self.shoe(shoe, lifespanDays: lifespanDays) }
        return try interaction(user: user, shoe: shoe, at: time)
    }

    func exists(_ table: String, _ id: Int) throws -> Bool {
        // `table` is one of this file's literals, never input.
        try connection.query("SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = $1)", [id])[0].decode(Bool.self, at: 0)
    }

    /// Rows of user_shoe_care, as "purchase kind due_on" strings in a stable order.
    func sentRows() throws -> [String] {
        try connection.query("""
            SELECT purchase_id, kind::text, due_on::text FROM user_shoe_care ORDER BY purchase_id, kind, due_on
            """).map { "\(try $0.decode(Int64.self, at: 0)) \(try $0.decode(String.self, at: 1)) \(try $0.decode(String.self, at: 2))" }
    }
}

/// `Day` from a literal the test knows is valid.
func day(_ text: String) -> Day {
    guard let day = Day(text) else { fatalError("not a day: \(text)") }
    return day
}

extension CareFixture {
    /// A shop big enough for the planner to prefer indexes: 2,000 users, 200 shoes and 60,000
    /// interactions over 2023-2026, one in 25 a purchase, a third of those with care recorded.
    func populateForPlans() throws {
        try connection.execute("""
            INSERT INTO users (id, age, gender, primary_usage)
            SELECT g, 30, 'female', 'running' FROM generate_series(1, 2000) g
            """)
        try connection.execute("""
            INSERT INTO shoes (id, brand, model, type, material, color, price, care_instructions, lifespan_days)
            SELECT g, 'Brand', 'Model ' || g, 'running', 'mesh', 'blue', 100, 'wash', 200 + g % 300
            FROM generate_series(1, 200) g
            """)
        try connection.execute("""
            SELECT interactions_ensure_months(ARRAY(
                SELECT generate_series(timestamptz '2023-01-01', '2026-03-01', interval '1 month')))
            """)
        try connection.execute("""
            INSERT INTO interactions (occurred_at, user_id, shoe_id, kind)
            SELECT timestamptz '2023-01-01' + g * interval '1 second' * 1700, 1 + g % 2000, 1 + (g * 7) % 200,
                   (CASE WHEN g % 25 = 0 THEN 'purchase' WHEN g % 5 = 0 THEN 'add_to_wishlist' ELSE 'view' END)::interaction_kind
            FROM generate_series(1, 60000) g
            """)
        try connection.execute("""
            INSERT INTO user_shoe_care (purchase_id, purchased_at, kind, due_on)
            SELECT i.id, i.occurred_at, n.notification, (i.occurred_at AT TIME ZONE 'UTC')::date + 30
            FROM interactions i, unnest(ARRAY['care', 'replacement']::notification_kind[]) AS n (notification)
            WHERE i.kind = 'purchase' AND i.id % 3 = 0
            """)
        try connection.execute("ANALYZE")
    }

    /// The plan PostgreSQL chooses for `sql` with `parameters`, as EXPLAIN's text.
    func plan(_ statement: (sql: String, parameters: [any PostgresEncodable])) throws -> String {
        try connection.query("EXPLAIN " + statement.sql, statement.parameters)
            .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
    }
}
