import Foundation
import Testing
@testable import CSV

/// The streaming reader gives exactly the records, fields and line numbers of the whole-file
/// reader, however small its pieces are.
@Suite("CSVStreamReader")
struct CSVStreamReaderTests {
    static let text = "\u{FEFF}a,b\r\n1,\"two\nlines, \"\"quoted\"\"\"\r\n\n3,4\n\"5\",\"\"\n6,\"x\ny\nz\"\n7,8"

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("pieces of 1 to 64 bytes: the same records and lines as one CSVReader over the file", arguments: [1, 2, 3, 5, 8, 13, 64])
    func sameAsWholeFile(chunkSize: Int) throws {
        let path = try Self.write(Self.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var whole = try CSVReader(contentsOfFile: path)
        var stream = try CSVStreamReader(contentsOfFile: path, chunkSize: chunkSize)
        #expect(stream.header == whole.header)
        var count = 0
        while let expected = try whole.next() {
            let record = try #require(try stream.next())
            #expect(record.line == expected.line)
            #expect((0..<record.count).map { record[$0].string } == (0..<expected.count).map { expected[$0].string })
            count += 1
        }
        #expect(try stream.next() == nil)
        #expect(count == 5)
        #expect(stream.bytesRead == stream.fileSize)
    }

    @Test("an error names the same line as the whole-file reader's", arguments: [1, 4, 64])
    func sameErrors(chunkSize: Int) throws {
        let path = try Self.write("a,b\n1,2\n\"3\n4\",5\n6\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var stream = try CSVStreamReader(contentsOfFile: path, chunkSize: chunkSize)
        _ = try stream.next()
        _ = try stream.next()
        let error = #expect(throws: CSVReadError.self) { _ = try stream.next() }
        #expect(error?.line == 5)
    }
}
