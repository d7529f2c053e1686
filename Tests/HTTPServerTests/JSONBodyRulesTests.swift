import Foundation
import HTTPServer
import JSON
import Testing

/// The rules a JSON request body meets before decoding: declared as JSON, no object naming a key
/// twice, and a scan that never calls malformed what the decoder accepts.
@Suite("JSON body rules")
struct JSONBodyRulesTests {
    func scan(_ text: String) -> JSONDuplicateKeyScan.Outcome { JSONDuplicateKeyScan.scan(Array(text.utf8)) }

    @Test("a key named twice in one object is found, at any depth, however it is escaped")
    func duplicates() {
        #expect(scan(#"{"a":1,"a":2}"#) == .duplicate(key: "a"))
        #expect(scan(#"[1,{"x":{"b":[],"c":null,"b":true}}]"#) == .duplicate(key: "b"))
        #expect(scan(#"{"user_id":1,"user\u005fid":2}"#) == .duplicate(key: "user_id"))
        #expect(scan(#"{"\ud83d\udc5f":1,"👟":2}"#) == .duplicate(key: "👟"))
        // Canonically equivalent spellings are one key to the decoder's String keys, so one here.
        #expect(scan("{\"caf\u{E9}\":1,\"cafe\u{301}\":2}") == .duplicate(key: "cafe\u{301}"))
    }

    @Test("the same key in different objects, or nested in itself, is no repetition")
    func distinct() {
        #expect(scan(#"[{"a":1},{"a":2}]"#) == .wellFormed)
        #expect(scan(#"{"a":{"a":{"a":1}},"b":"a"}"#) == .wellFormed)
        #expect(scan(#"{"a\"":1,"a":2,"a\\":3}"#) == .wellFormed)
        #expect(scan(" {} ") == .wellFormed)
        #expect(scan(#"  -0.5e+3 "#) == .wellFormed)
    }

    @Test("what the decoder accepts the scan never calls malformed, and what is not JSON it does")
    func agreesWithTheDecoder() throws {
        let valid = [#"{"a":[1,2.5,-3e2,true,false,null,"\n\t\"\/\b\f\r\u00e9"]}"#, "[]", "{}", "0", #""x""#, "[[[[]]]]"]
        for text in valid {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect(scan(text) == .wellFormed, "\(text)")
        }
        for text in ["", "{", "[1,,]", #"{"a"}"#, #"{"a":}"#, "01", "1.", "-", "tru", "nul", #""\x""#, "[1] 2", "{,}",
                     "\"a\u{01}\"", #"{"a":1,,}"#, "[1 2]", #""\u12G4""#, "[,]"] {
            #expect(scan(text) == .malformed, "\(text)")
        }
    }

    @Test("a trailing comma, which Foundation's parser takes, is no malformation (found by fuzzing)")
    func trailingComma() throws {
        for text in [#"[{"used":7,}]"#, "[1,]", #"{"a":1 , }"#, #"{"a":[],"b":2,}"#] {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect(scan(text) == .wellFormed, "\(text)")
        }
        #expect(scan(#"{"a":1,"a":2,}"#) == .duplicate(key: "a"))
    }

    @Test("UTF-16 and UTF-32, whose encoding Foundation guesses from NUL bytes, are not JSON on the wire (found by fuzzing)")
    func onlyUTF8() {
        #expect(JSONDuplicateKeyScan.scan([0x00, 0x32]) == .malformed)
        #expect(JSONDuplicateKeyScan.scan(Array(#"{"a":1}"#.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == .malformed)
        #expect(JSONDuplicateKeyScan.scan([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .malformed)
    }

    @Test("nesting beyond 512 is refused at once, without exhausting the stack")
    func deepNesting() {
        #expect(scan(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) == .wellFormed)
        #expect(scan(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)) == .malformed)
        #expect(scan(String(repeating: #"{"a":"#, count: 100_000)) == .malformed)
    }

    @Test("application/json, with parameters and in any case, and application/*+json are JSON; nothing else is")
    func mediaTypes() {
        for type in ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", " application/json ",
                     "application/problem+json", "application/vnd.api+json;version=2"] {
            #expect(JSONMediaType.matches(type), "\(type)")
        }
        for type in ["text/plain", "text/json", "application/jsonp", "application/+json", "application/x-www-form-urlencoded",
                     "multipart/form-data; boundary=x", "", "application/json+xml", "application/", "*/*"] {
            #expect(!JSONMediaType.matches(type), "\(type)")
        }
    }

    @Test("decode: 415 for a body not declared JSON, 400 for a repeated key, the value otherwise")
    func decodeThroughRequest() throws {
        struct Body: Decodable, Equatable { var a: Int }
        func request(_ body: String, type: String?) -> Request {
            var headers: HTTPHeaders = [:]
            if let type { headers.add(name: "Content-Type", value: type) }
            return Request(method: .post, target: "/x", headers: headers, body: Array(body.utf8))
        }
        func refusal(_ candidate: Request) -> HTTPError? {
            let outcome = Result { () throws(HTTPError) in try candidate.decode(Body.self) }
            guard case .failure(let error) = outcome else { return nil }
            return error
        }
        #expect(refusal(request(#"{"a":1}"#, type: "text/plain"))?.status == .unsupportedMediaType)
        #expect(refusal(request(#"{"a":1}"#, type: nil))?.status == .unsupportedMediaType)
        let twice = refusal(request(#"{"a":1,"a":2}"#, type: "application/json"))
        #expect(twice?.status == .badRequest)
        #expect(twice?.detail?.contains(#""a" twice"#) == true)
        #expect(try request(#"{"a":1}"#, type: "application/json").decode(Body.self) == Body(a: 1))
        #expect(try request(#"[{"a":1},{"a":2}]"#, type: "application/json").decodeOneOrMany(Body.self) == [Body(a: 1), Body(a: 2)])
    }
}
