import Foundation
import Logging
@testable import SolemateApp
import Testing

@Suite("The JSON log handler writes one parseable object per line")
struct JSONLogHandlerTests {
    @Test("a record becomes one JSON line with time, level, logger, message and metadata")
    func oneLinePerRecord() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        var handler = JSONLogHandler(label: "solemate.test", level: .info, fileDescriptor: ends[1])
        handler[metadataKey: "request_id"] = "abc"
        let logger = Logger(label: "solemate.test") { _ in handler }
        logger.info("served \"quoted\"\nline", metadata: ["status": "200"])
        logger.debug("dropped below the level")
        close(ends[1])
        let output = String(decoding: FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile(), as: UTF8.self)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(object["msg"] == "served \"quoted\"\nline")
        #expect(object["level"] == "info" && object["logger"] == "solemate.test")
        #expect(object["status"] == "200" && object["request_id"] == "abc")
        let stamp = try #require(object["ts"])
        #expect(stamp.count == 24 && stamp.hasSuffix("Z"))
        #expect(ISO8601DateFormatter.withFractionalSeconds.date(from: stamp) != nil)
    }
}

extension ISO8601DateFormatter {
    static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
