import PostgresClient
import ShoeData
import Synchronization

extension Shoe {
    /// What TF-IDF reads of the shoe: brand, model, type, material and colour.
    public var text: String {
        ModelVersion.text(brand: brand, model: model, type: type.rawValue, material: material.rawValue, color: color)
    }
}

/// The shoes of the shop, by id, in memory: recommendations are answered, with details, while
/// the database is away.
public final class ShoeCatalog: Sendable {
    private let shoes: Mutex<[Int: Shoe]>

    public init(_ shoes: [Shoe] = []) {
        self.shoes = Mutex(Dictionary(uniqueKeysWithValues: shoes.map { ($0.id, $0) }))
    }

    public func shoe(_ id: Int) -> Shoe? { shoes.withLock { $0[id] } }

    public func replace(with all: [Shoe]) {
        shoes.withLock { $0 = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }) }
    }

    public func add(_ shoe: Shoe) { shoes.withLock { $0[shoe.id] = shoe } }

    public var count: Int { shoes.withLock { $0.count } }

    /// The columns ``decode(_:)`` reads, in its order; the price in whole cents, exactly.
    static let columns = """
        id, brand, model, type, material, color, (price * 100)::int8 AS price_cents, care_instructions, lifespan_days
        """

    /// Every shoe, in id order.
    public static func loadShoes(_ connection: PostgresConnection) throws -> [Shoe] {
        try connection.query("SELECT \(columns) FROM shoes ORDER BY id").map(decode)
    }

    /// The shoes of `ids` that exist, by id; other ids are simply absent.
    static func loadShoes(_ ids: Set<Int>, _ connection: PostgresConnection) throws -> [Int: Shoe] {
        // An id beyond `integer` names no shoe, and would make PostgreSQL refuse the whole query.
        let valid = ids.filter { Int32(exactly: $0) != nil }
        guard !valid.isEmpty else { return [:] }
        let rows = try connection.query("SELECT \(columns) FROM shoes WHERE id = ANY($1::integer[])", [valid.sorted()])
        return Dictionary(uniqueKeysWithValues: try rows.map(decode).map { ($0.id, $0) })
    }

    /// A row of ``columns``.
    static func decode(_ row: PostgresRow) throws -> Shoe {
        Shoe(
            id: try row.decode(Int.self, at: 0), brand: try row.decode(at: 1), model: try row.decode(at: 2),
            type: ShoeType(rawValue: try row.decode(at: 3)), material: Material(rawValue: try row.decode(at: 4)),
            color: try row.decode(at: 5), price: Price(cents: try row.decode(Int.self, at: 6)),
            careInstructions: try row.decode(at: 7), lifespanDays: try row.decode(Int.self, at: 8))
    }
}
