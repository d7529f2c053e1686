import Foundation
import JSON
import Testing
@testable import HTTPServer

/// The one JSON writer: what every JSON text of the service is written with.
@Suite struct JSONWriterTests {
    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        var writer = JSONWriter()
        writer.string("a \"quote\" \\ back\nline\r\tand \u{1}\u{1F} é ✓")
        #expect(writer.text == #""a \"quote\" \\ back\nline\r\tand \u0001\u001f é ✓""#)
    }

    @Test func writesNonFiniteNumbersAsNullEverywhere() throws {
        var writer = JSONWriter()
        writer.raw("[")
        for (index, value) in [Double.nan, .infinity, -.infinity, 0.1, 1e-7, 2].enumerated() {
            if index > 0 { writer.raw(",") }
            writer.number(value)
        }
        writer.raw("]")
        #expect(writer.text == "[null,null,null,0.1,1e-07,2.0]")
        #expect(try JSONSerialization.jsonObject(with: Data(writer.bytes)) is [Any])
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).rendered(indent: nil) == "[null,null]")
        let problem = Response.problem(HTTPError(.badRequest, members: [("score", .number(.nan))]))
        #expect(String(decoding: problem.body, as: UTF8.self).hasSuffix(#""score":null}"#))
    }

    @Test func rendersOrderedValuesIndentedOrOnOneLine() {
        let value = JSONValue.object([("b", .integer(1)), ("a", .array([.string("x"), .bool(true), .null])), ("e", .object([]))])
        #expect(value.rendered(indent: nil) == #"{"b":1,"a":["x",true,null],"e":{}}"#)
        #expect(value.rendered() == "{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"e\": {}\n}")
    }

    @Test func writesProblemDocumentsWithHeadersAndExtensionMembers() throws {
        let error = HTTPError(.unprocessableContent, detail: "1 bad \"event\"", headers: ["X-Hint": "fix it"],
                              members: [("errors", .array([.object([("index", .integer(0))])]))])
        let response = Response.problem(error)
        #expect(response.status.code == 422)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.headers["X-Hint"] == "fix it")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(object["type"] as? String == "about:blank")
        #expect(object["title"] as? String == "Unprocessable Content")
        #expect(object["status"] as? Int == 422)
        #expect(object["detail"] as? String == "1 bad \"event\"")
        #expect((object["errors"] as? [[String: Any]])?.first?["index"] as? Int == 0)
    }
}
