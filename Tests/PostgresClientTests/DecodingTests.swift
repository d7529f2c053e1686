import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("Rows decode into Swift types with their column types checked")
struct DecodingTests {
    @Test("every supported type decodes, and NULL becomes nil")
    func everyType() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let row = try connection.query("""
                SELECT 7::int2 AS small, 70000::int4 AS regular, 9000000000::int8 AS big, 1.5::float4 AS single,
                       2.25::float8 AS double, 'naïve, "quoted"'::text AS text, 'v'::varchar AS varchar, true AS flag,
                       '2024-02-29 23:59:58.123456+00'::timestamptz AS moment, '2024-02-29'::date AS day,
                       12345.67::numeric(10,2) AS price, -0.0042::numeric AS tiny, NULL::int AS missing,
                       NULL::text AS missing_text
                """)[0]
            #expect(try row.decode("small", as: Int.self) == 7)
            #expect(try row.decode("regular", as: Int32.self) == 70000)
            #expect(try row.decode("big", as: Int64.self) == 9_000_000_000)
            #expect(try row.decode("single", as: Double.self) == 1.5)
            #expect(try row.decode("double", as: Double.self) == 2.25)
            #expect(try row.decode("text", as: String.self) == "naïve, \"quoted\"")
            #expect(try row.decode("varchar", as: String.self) == "v")
            #expect(try row.decode("flag", as: Bool.self) == true)
            let moment = try row.decode("moment", as: Date.self)
            #expect(abs(moment.timeIntervalSince1970 - 1_709_251_198.123456) < 1e-6)
            #expect(try row.decode("day", as: Date.self) == Date(timeIntervalSince1970: 1_709_164_800))
            #expect(try row.decode("price", as: Decimal.self) == Decimal(string: "12345.67"))
            #expect(try row.decode("tiny", as: Decimal.self) == Decimal(string: "-0.0042"))
            #expect(try row.decode("price", as: Double.self) == 12345.67)
            #expect(try row.decode("missing", as: Int?.self) == nil)
            #expect(try row.decode("missing_text", as: String?.self) == nil)
            #expect(try row.decode("small", as: Int?.self) == 7)
        }
    }

    @Test("an enum label decodes as its text")
    func enumLabel() throws {
        try TestDatabase.with(migrated: true) { database in
            let connection = try database.connect()
            #expect(try connection.query("SELECT 'purchase'::interaction_kind")[0].decode(String.self, at: 0) == "purchase")
        }
    }

    @Test("a type mismatch is a decoding error that names the column")
    func mismatchNamesColumn() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let row = try connection.query("SELECT 'abc'::text AS label, NULL::int4 AS nothing")[0]
            let mismatch = #expect(throws: PostgresError.self) { try row.decode("label", as: Int.self) }
            #expect(mismatch?.kind == .decoding)
            #expect(mismatch?.column == "label")
            let null = #expect(throws: PostgresError.self) { try row.decode("nothing", as: Int.self) }
            #expect(null?.column == "nothing")
            let absent = #expect(throws: PostgresError.self) { try row.decode("no_such_column", as: Int.self) }
            #expect(absent?.kind == .decoding)
        }
    }

    @Test("an Int32 too small for an int8 value is an error, not a truncation")
    func narrowingIsChecked() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let row = try connection.query("SELECT 9000000000::int8 AS big")[0]
            #expect(throws: PostgresError.self) { try row.decode("big", as: Int32.self) }
        }
    }
}
