import Foundation
import HTTPServer

/// The JSON encoding of the Codable wire forms: dates as ISO-8601, as openapi.yaml declares.
enum WireEncoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension Response {
    /// A Codable wire form as JSON, with the service's encoding.
    static func wire(_ value: some Encodable, status: HTTPStatus = .ok) throws -> Response {
        try .json(value, status: status, encoder: WireEncoding.encoder)
    }
}
