// libFuzzer entry point for the decoding of JSON request bodies (scripts/fuzz-json-body.sh builds
// it with Sources/JSON/JSONDuplicateKeyScan.swift, outside SwiftPM).
//
// Each input goes through what `Request.decode` does to a body: the duplicate-key scan, then
// `JSONDecoder` into an event like the service's. Besides memory errors and leaks (AddressSanitizer,
// LeakSanitizer) and traps, the fuzzer hunts for these broken promises:
// - a UTF-8 text Foundation's JSON parser accepts is never called malformed by the scan (Foundation
//   also guesses UTF-16 and UTF-32 from NUL bytes and byte-order marks; JSON on the wire is UTF-8,
//   RFC 8259 section 8.1, and the scan refuses the others);
// - wrapping a text that is JSON in an array changes neither a found duplicate nor well-formedness
//   (but for the depth limit);
// - the scan answers the same twice (it keeps no state between calls).
import Foundation

struct EventBody: Decodable {
    var user_id: Int
    var shoe_id: Int
    var interaction_type: String
    var occurred_at: String?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let outcome = JSONDuplicateKeyScan.scan(bytes)
    if JSONDuplicateKeyScan.scan(bytes) != outcome { fatalError("the scan answered twice differently") }
    let guessesEncoding = bytes.contains(0) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF])
        || bytes.starts(with: [0xFF, 0xFE])
    let parsed = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
    if parsed && outcome == .malformed && !guessesEncoding {
        fatalError("the scan called malformed what Foundation parses: \(String(decoding: bytes, as: UTF8.self))")
    }
    // One level deeper: the limit may legitimately tip a text at the edge over it.
    let wrapped = JSONDuplicateKeyScan.scan(Array("[".utf8) + bytes + Array("]".utf8))
    if outcome != .malformed && wrapped != outcome && !(outcome == .wellFormed && wrapped == .malformed) {
        fatalError("wrapping in an array changed \(outcome) into \(wrapped)")
    }
    if outcome == .wellFormed {
        _ = try? JSONDecoder().decode(EventBody.self, from: Data(bytes))
        _ = try? JSONDecoder().decode([EventBody].self, from: Data(bytes))
    }
    return 0
}
