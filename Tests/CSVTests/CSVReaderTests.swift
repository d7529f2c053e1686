import Foundation
import Testing
@testable import CSV

/// Reads all records of `text` as arrays of strings, with their line numbers.
private func records(_ text: String) throws -> (header: [String], rows: [[String]], lines: [Int]) {
    var reader = try CSVReader(bytes: Array(text.utf8), source: "t.csv")
    var rows: [[String]] = []
    var lines: [Int] = []
    while let record = try reader.next() {
        rows.append((0..<record.count).map { record[$0].string })
        lines.append(record.line)
    }
    return (reader.header, rows, lines)
}

private func readError(_ text: String) -> CSVReadError? {
    do {
        _ = try records(text)
        return nil
    } catch let error as CSVReadError {
        return error
    } catch {
        return nil
    }
}

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("plain fields, header names found by name whatever their order")
    func plainFields() throws {
        var reader = try CSVReader(bytes: Array("b,a\n1,2\n3,4\n".utf8))
        #expect(reader.header == ["b", "a"])
        #expect(try reader.column(named: "a") == 1)
        #expect(reader.columnIndex(named: "c") == nil)
        let first = try #require(try reader.next())
        #expect(first.string(1) == "2")
        #expect(try first.int(0) == 1)
        let second = try #require(try reader.next())
        #expect(second.string(0) == "3")
        #expect(try reader.next() == nil)
    }

    @Test("quoted fields hold commas, line breaks and doubled quotes")
    func quotedFields() throws {
        let result = try records("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n")
        #expect(result.rows == [["1", "a, b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", ""]])
    }

    @Test("LF, CRLF and CR line endings; no trailing newline; blank lines skipped")
    func lineEndings() throws {
        let result = try records("a,b\r\n1,2\r3,4\n\n5,6\r\n\r\n7,8")
        #expect(result.rows == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(result.lines == [2, 3, 5, 7])
    }

    @Test("a record's line is where it starts, counting line breaks inside quotes")
    func lineNumbersAcrossQuotedBreaks() throws {
        let result = try records("a,b\n1,\"x\r\ny\nz\"\n2,w\n")
        #expect(result.lines == [2, 5])
        #expect(result.rows[0][1] == "x\r\ny\nz")
    }

    @Test("empty fields, a trailing comma, and a byte order mark")
    func emptyFieldsAndBOM() throws {
        let result = try records("\u{FEFF}a,b,c\n,,\n1,,\n")
        #expect(result.header == ["a", "b", "c"])
        #expect(result.rows == [["", "", ""], ["1", "", ""]])
    }

    @Test("header names are trimmed; fields are not, but have trimmed accessors")
    func trimming() throws {
        var reader = try CSVReader(bytes: Array(" id ,x\n 42 , 2.5 \n".utf8))
        #expect(reader.header == ["id", "x"])
        let record = try #require(try reader.next())
        #expect(record.string(0) == " 42 ")
        #expect(record[0].trimmedString == "42")
        #expect(try record.int(0) == 42)
        #expect(try record.double(1) == 2.5)
    }

    @Test("trimming removes ASCII white space, line breaks inside quotes included")
    func trimmingLineBreaks() throws {
        var reader = try CSVReader(bytes: Array("id\n\"\t42\r\n\"\n".utf8))
        let record = try #require(try reader.next())
        #expect(record[0].trimmedString == "42")
        #expect(Array(record[0].trimmedUTF8) == Array("42".utf8))
        #expect(try record.int(0) == 42)
    }

    @Test("integer accessor: signs, overflow and garbage")
    func integers() throws {
        var reader = try CSVReader(bytes: Array("n\n-17\n+5\n9223372036854775807\n9223372036854775808\n12a\n\n-\n".utf8))
        var values: [Int?] = []
        while let record = try reader.next() { values.append(record[0].int) }
        #expect(values == [-17, 5, Int.max, nil, nil, nil])
    }

    @Test("equals compares bytes without making a String")
    func equalsBytes() throws {
        var reader = try CSVReader(bytes: Array("e\nview\n\"purchase\"\n".utf8))
        let view = try #require(try reader.next())
        #expect(view[0].equals("view"))
        #expect(!view[0].equals("vie"))
        let purchase = try #require(try reader.next())
        #expect(purchase[0].equals("purchase"))
    }

    @Test("an unterminated quote is reported on the line where it opened")
    func unterminatedQuote() {
        let error = readError("a,b\n1,2\n3,\"open\nstill open\n")
        #expect(error == CSVReadError(.unterminatedQuote, source: "t.csv", line: 3, column: 2))
    }

    @Test("a quote inside an unquoted field, or text after a closing quote, is a stray quote")
    func strayQuote() {
        #expect(readError("a,b\n1,ab\"c\n") == CSVReadError(.strayQuote, source: "t.csv", line: 2, column: 2))
        #expect(readError("a,b\n\"x\"y,2\n") == CSVReadError(.strayQuote, source: "t.csv", line: 2, column: 1))
    }

    @Test("a record with a different number of fields than the header names its line")
    func wrongFieldCount() {
        let error = readError("a,b\n1,2\n1,2,3\n")
        #expect(error == CSVReadError(.wrongFieldCount(expected: 2, found: 3), source: "t.csv", line: 3))
        #expect(error?.description == "t.csv:3: expected 2 fields as in the header, found 3")
    }

    @Test("conversion errors name file, line and 1-based column")
    func conversionErrors() throws {
        var reader = try CSVReader(bytes: Array("a,b\n1,x\n".utf8), source: "f.csv")
        let record = try #require(try reader.next())
        #expect(throws: CSVReadError(.invalidInteger("x"), source: "f.csv", line: 2, column: 2)) {
            try record.int(1)
        }
        #expect(throws: CSVReadError(.invalidNumber("x"), source: "f.csv", line: 2, column: 2)) {
            try record.double(1)
        }
        #expect(record.error(.missingColumn("z"), column: 0).description == "f.csv:2:1: no column named \"z\" in the header")
    }

    @Test("a missing column and an empty file are errors, as is an unreadable path")
    func fileLevelErrors() throws {
        let reader = try CSVReader(bytes: Array("a\n".utf8), source: "f.csv")
        #expect(throws: CSVReadError(.missingColumn("b"), source: "f.csv", line: 1)) {
            try reader.column(named: "b")
        }
        #expect(throws: CSVReadError(.missingHeader, source: "e.csv", line: 0)) {
            try CSVReader(bytes: Array("\n\r\n".utf8), source: "e.csv")
        }
        #expect(throws: CSVReadError.self) {
            try CSVReader(contentsOfFile: "/nonexistent/solemate.csv")
        }
    }

    @Test("non-ASCII text survives; invalid UTF-8 is repaired, not fatal")
    func utf8() throws {
        let result = try records("name\nZoë Ñ\n")
        #expect(result.rows == [["Zoë Ñ"]])
        var reader = try CSVReader(bytes: Array("n\n".utf8) + [0xFF, 0x41, 0x0A])
        #expect(try reader.next()?.string(0) == "\u{FFFD}A")
    }

    @Test("a file on disk reads like bytes in memory")
    func fileOnDisk() throws {
        let path = "/tmp/solemate-csvreader-\(UInt32.random(in: 0...UInt32.max)).csv"
        Array("x,y\n1,2\n".utf8).withUnsafeBufferPointer { buffer in
            let file = fopen(path, "wb")
            defer { fclose(file) }
            fwrite(buffer.baseAddress, 1, buffer.count, file)
        }
        defer { remove(path) }
        var reader = try CSVReader(contentsOfFile: path)
        #expect(try reader.next()?.int(1) == 2)
    }
}
