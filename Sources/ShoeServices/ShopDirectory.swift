import Foundation
import PostgresClient
import ShoeData

/// Users and shoes as stored: a user's profile with their history, a shoe's details, new shoes.
public struct ShopDirectory: Sendable {
    /// A user's profile with their latest events: ``User``'s fields under the names responses use.
    public struct UserProfile: Sendable, Equatable {
        public var userID: Int
        public var age: Int
        public var gender: Gender
        public var primaryUsage: Usage
        /// The most recent events first, at most `historyLimit` of them.
        public var history: [HistoryEvent]

        /// - Parameters:
        ///   - user: Who.
        ///   - history: Their latest events, most recent first.
        public init(_ user: User, history: [HistoryEvent]) {
            userID = user.id
            age = user.age
            gender = user.gender
            primaryUsage = user.primaryUsage
            self.history = history
        }
    }

    /// One stored event of a user: the interaction's id, what and when.
    public struct HistoryEvent: Sendable, Equatable {
        public var interactionID: Int64
        public var shoeID: Int
        public var interactionType: InteractionKind
        public var occurredAt: Date
    }

    /// A shoe to add, as a client sends it: a ``Shoe`` but for the id, which the database gives it.
    public struct NewShoe: Sendable, Equatable {
        public var brand: String
        public var model: String
        public var type: ShoeType
        public var material: Material
        public var color: String
        /// The number as sent, like ``InteractionIngest/Event``'s kind: one with more than two
        /// decimals is reported by ``problems()`` under its field name rather than refused as an
        /// unreadable request, and ``price`` is only then turned into a ``Price``.
        public var priceSent: Double
        public var careInstructions: String
        public var lifespanDays: Int

        /// - Parameters: the fields; `priceSent` is the number as the client wrote it.
        public init(
            brand: String, model: String, type: ShoeType, material: Material, color: String, priceSent: Double,
            careInstructions: String, lifespanDays: Int
        ) {
            self.brand = brand
            self.model = model
            self.type = type
            self.material = material
            self.color = color
            self.priceSent = priceSent
            self.careInstructions = careInstructions
            self.lifespanDays = lifespanDays
        }

        /// The price sent, when it is one (at most two decimals).
        public var price: Price? { Price(exactly: priceSent) }

        /// The shoe it will be once stored under `id`; nil while the price is no ``Price``.
        public func shoe(id: Int) -> Shoe? { price.map { shoe(id: id, price: $0) } }

        private func shoe(id: Int, price: Price) -> Shoe {
            Shoe(id: id, brand: brand, model: model, type: type, material: material, color: color, price: price,
                 careInstructions: careInstructions, lifespanDays: lifespanDays)
        }

        /// Every problem with the shoe, message by field (``Shoe/fieldProblems``, the rules the
        /// import applies too); empty when it can be stored.
        public func problems() -> [String: String] {
            // The other fields are checked whatever the price, so that every problem is reported at once.
            let checked = shoe(id: 0, price: price ?? Price(cents: 0))
            var problems = Dictionary(checked.fieldProblems.map { ($0.field, $0.message) }) { first, _ in first }
            if price == nil { problems["price"] = "not a price \(Shoe.priceRule): \(priceSent)" }
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
                let label = try event.decode(String.self, at: 2)
                guard let kind = InteractionKind(rawValue: label) else {
                    throw PostgresError(.decoding, message: "unknown interaction kind \(label)", column: "kind")
                }
                return HistoryEvent(
                    interactionID: try event.decode(Int64.self, at: 0), shoeID: try event.decode(Int.self, at: 1),
                    interactionType: kind, occurredAt: try event.decode(Date.self, at: 3))
            }
            let user = User(
                id: try row.decode(Int.self, at: 0), age: try row.decode(Int.self, at: 1),
                gender: Gender(rawValue: try row.decode(String.self, at: 2)),
                primaryUsage: Usage(rawValue: try row.decode(String.self, at: 3)))
            return UserProfile(user, history: history)
        }
    }

    /// Stores a new shoe (already validated with `problems()`) and answers it with its id.
    public func add(_ shoe: NewShoe) throws -> Shoe {
        try pool.withConnection { connection in
            let row = try connection.query("""
                INSERT INTO shoes (brand, model, type, material, color, price, care_instructions, lifespan_days)
                VALUES ($1, $2, $3, $4, $5, $6::numeric, $7, $8) RETURNING \(ShoeCatalog.columns)
                """, [shoe.brand, shoe.model, shoe.type.rawValue, shoe.material.rawValue, shoe.color,
                      shoe.price?.description, shoe.careInstructions, shoe.lifespanDays])[0]
            return try ShoeCatalog.decode(row)
        }
    }
}
