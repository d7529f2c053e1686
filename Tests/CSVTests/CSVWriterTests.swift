import CSV
import Foundation
import Testing

/// The writer's contract: RFC 4180 quoting only where needed, LF line endings, a header row,
/// one field count per file, and errors that say what went wrong.
@Suite struct CSVWriterTests {
    @Test func plainFieldsAreWrittenAsIsWithHeaderAndLF() throws {
        let text = try written(header: ["id", "name"]) { writer in
            try writer.writeRow(["1", "Velocity 3"])
            try writer.writeRow(["2", ""])
        }
        #expect(text == "id,name\n1,Velocity 3\n2,\n")
    }

    @Test(arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("\"", "\"\"\"\""),
        ("  spaces stay  ", "  spaces stay  "),
        ("café ünïcode", "café ünïcode"),
    ])
    func fieldsNeedingQuotesAreQuotedWithQuotesDoubled(field: String, expected: String) throws {
        #expect(CSVWriter.escape(field) == expected)
        let text = try written(header: ["x"]) { try $0.writeRow([field]) }
        #expect(text == "x\n\(expected)\n")
    }

    @Test func everyTrickyFieldRoundTrips() throws {
        let rows = [
            ["1", "brush, then spray", "He said \"wow\"", ""],
            ["2", "multi\nline\r\nfield", ",", "\"\""],
            ["3", "plain", "ünï,cödé", " lead and trail "],
        ]
        let text = try written(header: ["id", "a", "b", "c"]) { writer in
            for row in rows { try writer.writeRow(row) }
        }
        #expect(parse(text) == [["id", "a", "b", "c"]] + rows)
    }

    @Test func integerFieldsAreDecimal() throws {
        let text = try written(header: ["n"]) { writer in
            for value in [0, 7, -42, 1_000_000, Int.max, Int.min] {
                writer.writeField(value)
                try writer.endRow()
            }
        }
        #expect(text == "n\n0\n7\n-42\n1000000\n\(Int.max)\n\(Int.min)\n")
    }

    @Test func fieldByFieldEqualsWholeRows() throws {
        let text = try written(header: ["id", "care"]) { writer in
            writer.writeField(5)
            writer.writeField("dry, then brush"[...])
            try writer.endRow()
        }
        #expect(text == "id,care\n5,\"dry, then brush\"\n")
    }

    @Test func aRowWithTheWrongFieldCountIsRefused() throws {
        try withTemporaryFile { path in
            let writer = try CSVWriter(path: path, header: ["a", "b"])
            #expect(throws: CSVWriteError.fieldCountMismatch(row: 1, expected: 2, actual: 3)) {
                try writer.writeRow(["1", "2", "3"])
            }
            try writer.writeRow(["1", "2"])
            #expect(writer.rowCount == 1)
            try writer.close()
        }
    }

    @Test func anEmptyHeaderAndAMissingDirectoryAreErrors() {
        #expect(throws: CSVWriteError.emptyHeader) { try CSVWriter(path: "/tmp/never.csv", header: []) }
        #expect {
            try CSVWriter(path: "/nonexistent-dir-\(UUID().uuidString)/x.csv", header: ["a"])
        } throws: { error in
            guard case .io(operation: "open", _, _) = error as? CSVWriteError else { return false }
            return "\(error)".contains("No such file")
        }
    }

    @Test func writingAfterCloseIsAnError() throws {
        try withTemporaryFile { path in
            let writer = try CSVWriter(path: path, header: ["a"])
            try writer.close()
            #expect(throws: CSVWriteError.closed(path: path)) { try writer.flush() }
        }
    }

    @Test func manyRowsAreBufferedAndAllWritten() throws {
        let count = 50_000
        let text = try written(header: ["id", "kind"]) { writer in
            for index in 0..<count {
                writer.writeField(index)
                writer.writeField(index % 2 == 0 ? "view" : "a,b")
                try writer.endRow()
            }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == count + 2)  // header, rows, and the empty string after the last LF
        #expect(lines[count] == "\(count - 1),\"a,b\"")
    }

    @Test func fieldsLongerThanTheBufferAreWrittenWhole() throws {
        let long = String(repeating: "ab\"c,", count: 40_000)  // 200 KB, quotes every 5 bytes
        let text = try written(header: ["id", "text"]) { writer in
            try writer.writeRow(["1", long])
            try writer.writeRow(["2", String(repeating: "x", count: 100_000)])
        }
        #expect(parse(text) == [["id", "text"], ["1", long], ["2", String(repeating: "x", count: 100_000)]])
    }

    @Test func aFullDiskIsReportedNotSwallowed() throws {
        let writer = try CSVWriter(path: "/dev/full", header: ["a"])
        #expect(throws: CSVWriteError.io(operation: "write", path: "/dev/full", errno: ENOSPC)) {
            for _ in 0..<100_000 { try writer.writeRow(["row"]) }
            try writer.close()
        }
    }

    // MARK: - Helpers

    private func written(header: [String], _ body: (CSVWriter) throws -> Void) throws -> String {
        try withTemporaryFile { path in
            let writer = try CSVWriter(path: path, header: header)
            try body(writer)
            try writer.close(synchronize: true)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    private func withTemporaryFile<T>(_ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvwriter-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// A minimal RFC 4180 reader, independent of the package's reader, to check round trips.
    private func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
            } else if scalar == "," {
                row.append(field)
                field = ""
            } else if scalar == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        return rows
    }
}
