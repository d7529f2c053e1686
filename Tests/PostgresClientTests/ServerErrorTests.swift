import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("Server errors are typed values carrying the SQLSTATE")
struct ServerErrorTests {
    static let schema = """
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
        INSERT INTO parent VALUES (1);
        """

    @Test("a unique violation says 23505 and names its constraint")
    func uniqueViolation() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.executeScript(trustedSQL: Self.schema)
            let error = #expect(throws: PostgresError.self) { try connection.execute("INSERT INTO parent VALUES ($1)", [1]) }
            #expect(error?.kind == .server)
            #expect(error?.sqlState == .uniqueViolation)
            #expect(error?.constraint == "parent_pkey")
            #expect(error?.sqlState?.isIntegrityViolation == true)
            #expect(error?.isConnectionFailure == false)
        }
    }

    @Test("a foreign-key violation says 23503, and the connection stays usable")
    func foreignKeyViolation() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.executeScript(trustedSQL: Self.schema)
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO child VALUES ($1, $2)", [1, 42])
            }
            #expect(error?.sqlState == .foreignKeyViolation)
            #expect(try connection.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("the description never carries the server's text; the debug description does")
    func descriptionIsGeneric() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.executeScript(trustedSQL: Self.schema)
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("INSERT INTO child VALUES ($1, $2)", [1, 424242])
            }
            let description = try #require(error).description
            #expect(description == "PostgreSQL server error (SQLSTATE 23503)")
            #expect(!description.contains("424242") && !description.contains("child"))
            #expect(try #require(error).debugDescription.contains("424242"))
        }
    }

    @Test("connecting to a server that is not there is a connection error")
    func unreachableServer() throws {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgres://nobody@127.0.0.1:1/none", connectTimeoutSeconds: 2)
        }
        #expect(error?.kind == .connection)
        #expect(error?.isConnectionFailure == true)
    }
}
