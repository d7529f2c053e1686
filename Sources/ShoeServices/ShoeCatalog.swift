import Foundation
import PostgresClient
import Synchronization

/// A shoe with its details; the catalogue keeps every one in memory so that recommendations
/// are answered, with details, while the database is away.
public struct CatalogShoe: Sendable, Equatable {
    public var id: Int
    public var brand: String
    public var model: String
    public var type: String
    public var material: String
    public var color: String
    public var price: Decimal
    public var careInstructions: String
    public var lifespanDays: Int

    public init(id: Int, brand: String, model: String, type: String, material: String, color: String,
                price: Decimal, careInstructions: String, lifespanDays: Int) {
        self.id = id
        self.brand = brand
        self.model = model
        self.type = type
        self.material = material
        self.color = color
        self.price = price
        self.careInstructions = careInstructions
        self.lifespanDays = lifespanDays
    }

    /// What TF-IDF reads of the shoe.
    public var text: String {
        ModelSnapshot.text(brand: brand, model: model, type: type, material: material, color: color)
    }
}

/// The shoes of the shop, by id, in memory.
public final class ShoeCatalog: Sendable {
    private let shoes: Mutex<[Int: CatalogShoe]>

    public init(_ shoes: [CatalogShoe] = []) {
        self.shoes = Mutex(Dictionary(uniqueKeysWithValues: shoes.map { ($0.id, $0) }))
    }

    public func shoe(_ id: Int) -> CatalogShoe? { shoes.withLock { $0[id] } }

    public func replace(with all: [CatalogShoe]) {
        shoes.withLock { $0 = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }) }
    }

    public func add(_ shoe: CatalogShoe) { shoes.withLock { $0[shoe.id] = shoe } }

    public var count: Int { shoes.withLock { $0.count } }

    static let columns = "id, brand, model, type, material, color, price, care_instructions, lifespan_days"

    /// Every shoe, in id order.
    public static func loadShoes(_ connection: PostgresConnection) throws -> [CatalogShoe] {
        try connection.query("SELECT \(columns) FROM shoes ORDER BY id").map(decode)
    }

    static func decode(_ row: PostgresRow) throws -> CatalogShoe {
        CatalogShoe(
            id: try row.decode(Int.self, at: 0), brand: try row.decode(at: 1), model: try row.decode(at: 2),
            type: try row.decode(at: 3), material: try row.decode(at: 4), color: try row.decode(at: 5),
            price: try row.decode(Decimal.self, at: 6), careInstructions: try row.decode(at: 7),
            lifespanDays: try row.decode(Int.self, at: 8))
    }
}
