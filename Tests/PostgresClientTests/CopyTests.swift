import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("COPY streams rows in and out")
struct CopyTests {
    @Test("COPY FROM STDIN loads every row, and COPY TO STDOUT gives them back")
    func roundTrip() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int, label text)")
            let copied = try connection.copyIn("COPY events FROM STDIN") { writer in
                for id in 1...20_000 { try writer.write("\(id)\tlabel \(id)\n") }
            }
            #expect(copied == 20_000)
            var lines: [String] = []
            let rows = try connection.copyOut("COPY (SELECT id, label FROM events ORDER BY id) TO STDOUT") { bytes in
                lines.append(String(decoding: bytes, as: UTF8.self))
            }
            #expect(rows == 20_000)
            #expect(lines.first == "1\tlabel 1\n")
            #expect(lines.last == "20000\tlabel 20000\n")
        }
    }

    @Test("binary COPY out decodes with BinaryCopyRow, header and trailer included")
    func binaryOut() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            var decoded: [(Int32, Int64, String?)] = []
            try connection.copyOut("""
                COPY (SELECT g::int4, g::int8 * 1000000000, CASE WHEN g % 2 = 0 THEN 'even' END
                      FROM generate_series(1, 1000) g) TO STDOUT (FORMAT binary)
                """) { bytes in
                guard var row = try BinaryCopyRow(bytes) else { return }
                #expect(row.fieldCount == 3)
                decoded.append((try row.nextInt32(), try row.nextInt64(), try row.nextString()))
            }
            #expect(decoded.count == 1000)
            #expect(decoded[0] == (1, 1_000_000_000, nil))
            #expect(decoded[999] == (1000, 1_000_000_000_000, "even"))
        }
    }

    @Test("a COPY the client aborts writes nothing and leaves the connection usable")
    func clientAbort() throws {
        struct Stop: Error {}
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int)")
            #expect(throws: Stop.self) {
                try connection.copyIn("COPY events FROM STDIN") { writer in
                    for id in 1...100 { try writer.write("\(id)\n") }
                    throw Stop()
                }
            }
            #expect(try connection.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("bad COPY data is a server error with its SQLSTATE, and nothing is written")
    func badData() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE events (id int)")
            let error = #expect(throws: PostgresError.self) {
                try connection.copyIn("COPY events FROM STDIN") { writer in
                    try writer.write("1\n2\nthree\n")
                }
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(try connection.query("SELECT count(*) FROM events")[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a consumer that throws stops nothing: the stream is drained and the connection still works")
    func consumerThrows() throws {
        struct Enough: Error {}
        try TestDatabase.with { database in
            let connection = try database.connect()
            var seen = 0
            #expect(throws: Enough.self) {
                try connection.copyOut("COPY (SELECT generate_series(1, 5000)) TO STDOUT") { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
            #expect(seen == 10)
            #expect(try connection.query("SELECT 42")[0].decode(Int.self, at: 0) == 42)
        }
    }
}
