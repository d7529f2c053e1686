import Foundation
import HTTPServer
import ShoeServices

/// Hand-written JSON for the hot responses (recommendations, similar, popular).
///
/// Foundation's JSONEncoder took about half of a recommendation request's CPU (measured with perf
/// under wrk); these lists have a fixed shape, so writing the bytes directly is both simple and
/// exact. The keys and value forms are those of the Codable conformances, which stay the
/// reference: a test decodes this output with JSONDecoder and compares.
enum RecommendationJSON {
    static func response(_ recommendation: Recommendation) -> Response {
        var out = JSONBytes()
        out.raw("{\"user_id\":")
        out.number(recommendation.userID)
        out.raw(",\"model\":")
        out.string(recommendation.model)
        out.raw(",\"model_version\":")
        out.string(recommendation.modelVersion)
        out.raw(",\"cold_start\":")
        out.raw(recommendation.coldStart ? "true" : "false")
        out.raw(",\"items\":")
        items(recommendation.items, into: &out)
        out.raw("}")
        return Response(headers: ["Content-Type": "application/json"], body: out.bytes)
    }

    /// `{"items":[...]}`.
    static func list(_ shoes: [RecommendedShoe]) -> Response {
        var out = JSONBytes()
        out.raw("{\"items\":")
        items(shoes, into: &out)
        out.raw("}")
        return Response(headers: ["Content-Type": "application/json"], body: out.bytes)
    }

    private static func items(_ shoes: [RecommendedShoe], into out: inout JSONBytes) {
        out.raw("[")
        for (position, shoe) in shoes.enumerated() {
            if position > 0 { out.raw(",") }
            out.raw("{\"shoe_id\":")
            out.number(shoe.shoeID)
            out.raw(",\"brand\":")
            out.string(shoe.brand)
            out.raw(",\"model\":")
            out.string(shoe.model)
            out.raw(",\"type\":")
            out.string(shoe.type.rawValue)
            out.raw(",\"price\":")
            out.raw(shoe.price.jsonNumber)
            out.raw(",\"score\":")
            out.number(shoe.score)
            out.raw(",\"explanation\":{\"reason\":")
            out.string(shoe.explanation.reason.rawValue)
            if let svd = shoe.explanation.svd {
                out.raw(",\"svd\":")
                out.number(svd)
            }
            if let content = shoe.explanation.content {
                out.raw(",\"content\":")
                out.number(content)
            }
            if let bought = shoe.explanation.becauseYouBought {
                out.raw(",\"because_you_bought\":{\"shoe_id\":")
                out.number(bought.shoeID)
                out.raw(",\"brand\":")
                out.string(bought.brand)
                out.raw(",\"model\":")
                out.string(bought.model)
                out.raw(",\"similarity\":")
                out.number(bought.similarity)
                out.raw("}")
            }
            out.raw("}}")
        }
        out.raw("]")
    }
}

/// A growing JSON text in UTF-8.
struct JSONBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Finite values as Swift's shortest round-trip form (valid JSON); non-finite ones as 0.
    mutating func number(_ value: Double) {
        bytes.append(contentsOf: (value.isFinite ? String(value) : "0").utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
