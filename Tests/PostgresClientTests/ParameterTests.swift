import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("Values travel as parameters, never as SQL")
struct ParameterTests {
    @Test("text with quotes and SQL in it comes back unchanged")
    func hostileText() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let hostile = "Robert'); DROP TABLE students;-- \"\\ \t\n ✓"
            #expect(try connection.query("SELECT $1::text", [hostile])[0].decode(String.self, at: 0) == hostile)
        }
    }

    @Test("numbers, booleans, dates, decimals, NULL and arrays round-trip")
    func roundTrips() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let date = Date(timeIntervalSince1970: 1_709_251_198.123456)
            let row = try connection.query(
                "SELECT $1::int8, $2::float8, $3::bool, $4::timestamptz, $5::numeric, $6::int4, $7::text[], $8::int4[]",
                [Int64.max, 0.1, false, date, Decimal(string: "19.99")!, Int?.none, ["a,b", "c\"d", "{e}"], [1, 2, 3]])[0]
            #expect(try row.decode(Int64.self, at: 0) == .max)
            #expect(try row.decode(Double.self, at: 1) == 0.1)
            #expect(try row.decode(Bool.self, at: 2) == false)
            #expect(abs(try row.decode(Date.self, at: 3).timeIntervalSince(date)) < 1e-6)
            #expect(try row.decode(Decimal.self, at: 4) == Decimal(string: "19.99"))
            #expect(try row.decode(Int?.self, at: 5) == nil)
            let elements = try connection.query("SELECT unnest($1::text[])", [["a,b", "c\"d", "{e}"]]).map {
                try $0.decode(String.self, at: 0)
            }
            #expect(elements == ["a,b", "c\"d", "{e}"])
            #expect(try connection.query("SELECT 2 = ANY($1::int4[])", [[1, 2, 3]])[0].decode(Bool.self, at: 0))
        }
    }

    @Test("a NUL byte in text is refused before it reaches the server")
    func nulByte() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) { try connection.query("SELECT $1::text", ["a\u{0}b"]) }
            #expect(error?.kind == .encoding)
        }
    }

    @Test("two statements in one call are refused")
    func oneStatementPerCall() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1; SELECT 2") }
            #expect(error?.sqlState == .syntaxError)
        }
    }
}
