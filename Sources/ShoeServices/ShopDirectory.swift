import Foundation
import PostgresClient

/// Users and shoes as stored: a user's profile with their history, a shoe's details, new shoes.
public struct ShopDirectory: Sendable {
    public struct UserProfile: Sendable, Equatable {
        public var userID: Int
        public var age: Int
        public var gender: String
        public var primaryUsage: String
        /// The most recent events first, at most `historyLimit` of them.
        public var history: [HistoryEvent]
    }

    public struct HistoryEvent: Sendable, Equatable {
        public var interactionID: Int64
        public var shoeID: Int
        public var interactionType: String
        public var occurredAt: Date
    }

    /// A shoe to add; the database gives it its id.
    public struct NewShoe: Sendable, Equatable {
        public var brand: String
        public var model: String
        public var type: String
        public var material: String
        public var color: String
        public var price: Decimal
        public var careInstructions: String
        public var lifespanDays: Int

        public init(brand: String, model: String, type: String, material: String, color: String, price: Decimal,
                    careInstructions: String, lifespanDays: Int) {
            self.brand = brand
            self.model = model
            self.type = type
            self.material = material
            self.color = color
            self.price = price
            self.careInstructions = careInstructions
            self.lifespanDays = lifespanDays
        }

        /// Every problem with the shoe, by field; empty when it can be stored.
        public func problems() -> [String: String] {
            var problems: [String: String] = [:]
            for (field, value) in [("brand", brand), ("model", model), ("type", type), ("material", material), ("color", color)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > 200 {
                problems[field] = "must be 1 to 200 characters"
            }
            var cents = price * 100
            var whole = Decimal()
            NSDecimalRound(&whole, &cents, 0, .plain)
            if price < 0 || price >= 100_000_000 || whole != cents {
                problems["price"] = "must be between 0 and 99999999.99 with at most 2 decimals"
            }
            if lifespanDays <= 0 || lifespanDays > 36_500 { problems["lifespan_days"] = "must be between 1 and 36500" }
            if careInstructions.count > 2_000 { problems["care_instructions"] = "must be at most 2000 characters" }
            return problems
        }
    }

    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A user and their latest events; nil when there is no such user.
    public func user(_ id: Int, historyLimit: Int = 100) throws -> UserProfile? {
        try pool.withConnection { connection in
            guard let row = try connection.query(
                "SELECT id, age, gender, primary_usage FROM users WHERE id = $1", [id]).first
            else { return nil }
            let history = try connection.query("""
                SELECT id, shoe_id, kind::text, occurred_at FROM interactions
                WHERE user_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2
                """, [id, historyLimit]).map { event in
                HistoryEvent(
                    interactionID: try event.decode(Int64.self, at: 0), shoeID: try event.decode(Int.self, at: 1),
                    interactionType: try event.decode(String.self, at: 2), occurredAt: try event.decode(Date.self, at: 3))
            }
            return UserProfile(
                userID: try row.decode(Int.self, at: 0), age: try row.decode(Int.self, at: 1),
                gender: try row.decode(String.self, at: 2), primaryUsage: try row.decode(String.self, at: 3),
                history: history)
        }
    }

    /// Stores a new shoe (already validated with `problems()`) and answers it with its id.
    public func add(_ shoe: NewShoe) throws -> CatalogShoe {
        try pool.withConnection { connection in
            let row = try connection.query("""
                INSERT INTO shoes (brand, model, type, material, color, price, care_instructions, lifespan_days)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING \(ShoeCatalog.columns)
                """, [shoe.brand, shoe.model, shoe.type, shoe.material, shoe.color, shoe.price, shoe.careInstructions,
                      shoe.lifespanDays])[0]
            return try ShoeCatalog.decode(row)
        }
    }
}
