import PostgresClient
import Testing
import TestSupport

@Suite("Transactions commit all or nothing")
struct TransactionTests {
    struct Abort: Error {}

    @Test("an error thrown inside a transaction rolls back everything it wrote")
    func rollbackOnThrow() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int PRIMARY KEY)")
            #expect(throws: Abort.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO events VALUES (1), (2)")
                    throw Abort()
                }
            }
            #expect(try connection.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a failing statement rolls back the statements before it")
    func rollbackOnServerError() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int PRIMARY KEY)")
            let error = #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO events VALUES (1)")
                    try connection.execute("INSERT INTO events VALUES (1)")
                }
            }
            #expect(error?.sqlState == .uniqueViolation)
            #expect(try connection.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a swallowed error cannot turn into a reported commit")
    func swallowedErrorIsNotACommit() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int PRIMARY KEY)")
            #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO events VALUES (1)")
                    _ = try? connection.execute("INSERT INTO events VALUES (1)")
                }
            }
            #expect(try connection.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a transaction that succeeds is visible to another connection")
    func commitIsVisible() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int PRIMARY KEY)")
            let value = try connection.transaction { connection in
                try connection.execute("INSERT INTO events VALUES (1), (2), (3)")
            }
            #expect(value == 3)
            let other = try database.connect()
            #expect(try other.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 3)
        }
    }
}
