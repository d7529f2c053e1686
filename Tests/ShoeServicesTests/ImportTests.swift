import Foundation
import PostgresClient
import ShoeServices
import Testing
import TestSupport

@Suite("Importing the shop's CSV files")
struct ImportTests {
    static let users = """
        id,age,gender,primary_usage
        1,34,female,running
        2,52,male,hiking
        """
    static let shoes = """
        id,brand,model,type,material,color,price,care_instructions,lifespan_days
        10,Aldenmoor,Velocity 3,running,mesh,blue,129.99,"hand wash, air dry",365
        11,Granton,Summit,hiking boot,leather,brown,189.00,condition monthly,900
        """
    static let interactions = """
        user_id,shoe_id,interaction_type,timestamp
        1,10,view,2026-03-01T10:00:00Z
        1,10,add_to_wishlist,2026-03-01T10:05:00Z
        1,10,purchase,2026-03-02T09:00:00Z
        2,11,view,2026-03-03T12:00:00+02:00
        """

    /// A folder with the three files, `interactions` replaced where a test wants a bad one.
    static func folder(users: String = users, shoes: String = shoes, interactions: String = interactions) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try users.write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        try shoes.write(to: folder.appendingPathComponent("shoes.csv"), atomically: true, encoding: .utf8)
        try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    static func counts(_ database: TestDatabase) throws -> [Int] {
        let connection = try database.connect()
        defer { connection.close() }
        let row = try connection.query("""
            SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM shoes), (SELECT count(*) FROM interactions)
            """)[0]
        return try (0..<3).map { try row.decode(Int.self, at: $0) }
    }

    static func importing(_ folder: URL, into database: TestDatabase) throws -> ShopDataImporter.Report {
        let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 2))
        defer { pool.shutdown() }
        return try ShopDataImporter(pool: pool).importDirectory(folder)
    }

    @Test("valid files land whole, with times in UTC and prices exact")
    func validFiles() throws {
        try TestDatabase.with(migrated: true) { database in
            let report = try Self.importing(try Self.folder(), into: database)
            #expect(report.usersRead == 2 && report.shoesRead == 2 && report.interactionsInserted == 4)
            #expect(try Self.counts(database) == [2, 2, 4])
            let connection = try database.connect()
            let row = try connection.query("""
                SELECT i.occurred_at, s.price, s.care_instructions FROM interactions i JOIN shoes s ON s.id = i.shoe_id
                WHERE i.user_id = 2
                """)[0]
            #expect(try row.decode(Date.self, at: 0) == Date(timeIntervalSince1970: 1_772_532_000))
            #expect(try row.decode(Decimal.self, at: 1) == Decimal(string: "189"))
            #expect(try row.decode(String.self, at: 2) == "condition monthly")
        }
    }

    @Test("importing the same files twice adds nothing the second time")
    func reimportIsIdempotent() throws {
        try TestDatabase.with(migrated: true) { database in
            let folder = try Self.folder()
            _ = try Self.importing(folder, into: database)
            let again = try Self.importing(folder, into: database)
            #expect(again.interactionsInserted == 0)
            #expect(try Self.counts(database) == [2, 2, 4])
        }
    }

    @Test("a file that overlaps an earlier import adds only the new events")
    func overlappingImport() throws {
        try TestDatabase.with(migrated: true) { database in
            _ = try Self.importing(try Self.folder(), into: database)
            let more = Self.interactions + "\n2,10,view,2026-04-01T08:00:00Z\n"
            let report = try Self.importing(try Self.folder(interactions: more), into: database)
            #expect(report.interactionsRead == 5 && report.interactionsInserted == 1)
            #expect(try Self.counts(database) == [2, 2, 5])
        }
    }

    /// Each bad row, the error it must give (file, line, column), and that nothing was written.
    @Test(arguments: [
        ("interactions.csv", "1,99,view,2026-03-01T10:00:00Z", 6, "shoe_id", "unknown shoe 99"),
        ("interactions.csv", "7,10,view,2026-03-01T10:00:00Z", 6, "user_id", "unknown user 7"),
        ("interactions.csv", "1,10,like,2026-03-01T10:00:00Z", 6, "interaction_type", "unknown interaction type"),
        ("interactions.csv", "1,10,view,yesterday", 6, "timestamp", "not an ISO-8601 timestamp"),
        ("interactions.csv", "1,10,view,2999-01-01T00:00:00Z", 6, "timestamp", "is more than 300 s after now"),
        ("interactions.csv", "1,10,view,1999-12-31T23:59:59Z", 6, "timestamp", "before the shop's epoch 2000-01-01"),
        ("interactions.csv", "1,10,view", 6, nil, "expected 4 fields"),
        ("interactions.csv", "x,10,view,2026-03-01T10:00:00Z", 6, "user_id", "not an integer"),
        ("shoes.csv", "12,B,M,sandal,rubber,red,10.00,rinse,0", 4, "lifespan_days", "must be positive"),
        ("shoes.csv", "12,B,M,sandal,rubber,red,-1,rinse,100", 4, "price", "not a price"),
        ("users.csv", "2,40,female,casual", 4, "id", "appears twice"),
        ("users.csv", "3,7,female,casual", 4, "age", "outside"),
    ] as [(String, String, Int, String?, String)])
    func badRowStopsTheImport(file: String, row: String, line: Int, column: String?, reason: String) throws {
        try TestDatabase.with(migrated: true) { database in
            let folder: URL = switch file {
            case "users.csv": try Self.folder(users: Self.users + "\n" + row)
            case "shoes.csv": try Self.folder(shoes: Self.shoes + "\n" + row)
            default: try Self.folder(interactions: Self.interactions + "\n" + row)
            }
            let error = #expect(throws: ImportError.self) { try Self.importing(folder, into: database) }
            #expect(error?.file == file)
            #expect(error?.line == line)
            #expect(error?.column == column)
            #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
            #expect(try Self.counts(database) == [0, 0, 0])
        }
    }

    @Test("a missing column is named, and nothing is written")
    func missingColumn() throws {
        try TestDatabase.with(migrated: true) { database in
            let folder = try Self.folder(interactions: "user_id,shoe_id,timestamp\n1,10,2026-03-01T10:00:00Z\n")
            let error = #expect(throws: ImportError.self) { try Self.importing(folder, into: database) }
            #expect(error?.description.contains("interaction_type") == true)
            #expect(try Self.counts(database) == [0, 0, 0])
        }
    }
}
