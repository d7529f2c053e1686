import Foundation

/// A complete request as handlers see it: the body has been read (and de-chunked) before the
/// handler runs, within the configured body limit.
public struct Request: Sendable {
    public let method: HTTPMethod
    /// The path, percent-encoded as received, without the query.
    public let path: String
    /// Query parameters, percent-decoded (`+` as space), in the order received.
    public let queryItems: [QueryItem]
    public let headers: HTTPHeaders
    public let body: [UInt8]
    public let version: HTTPVersion
    /// The client's `X-Request-Id` if it sent a sane one, otherwise a generated id; echoed back.
    public let requestID: String
    /// Values captured by `:name` segments of the matched route, percent-decoded.
    public internal(set) var pathParameters: [String: String] = [:]
    /// The pattern of the matched route (`/users/:id`), nil before routing: what metrics and
    /// logs key on, since the raw path would make a series per id.
    public internal(set) var route: String?

    /// - Parameters:
    ///   - method: the request method.
    ///   - target: the request target: path and optional `?query`.
    ///   - headers: the header fields.
    ///   - body: the complete body.
    ///   - version: the protocol version.
    ///   - requestID: the id to log and echo.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
                version: HTTPVersion = .http1_1, requestID: String = "test") {
        self.method = method
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(target[..<question])
            queryItems = QueryItem.parse(target[target.index(after: question)...])
        } else {
            path = target
            queryItems = []
        }
        self.headers = headers
        self.body = body
        self.version = version
        self.requestID = requestID
    }

    /// The first value of each query parameter.
    public var query: [String: String] {
        var result: [String: String] = [:]
        for item in queryItems where result[item.name] == nil {
            result[item.name] = item.value
        }
        return result
    }

    /// The body as `Data`.
    public var bodyData: Data { Data(body) }

    /// Decodes a JSON body: a body not declared JSON is a 415, one that repeats a key in an
    /// object or does not decode is a 400 problem response whose detail names no internal type.
    /// - Parameters:
    ///   - type: the type to decode.
    ///   - decoder: the decoder to use; a default one when nil.
    public func decode<Value: Decodable>(_ type: Value.Type, decoder: JSONDecoder? = nil) throws(HTTPError) -> Value {
        try requireJSONContentType()
        try requireUniqueKeys()
        do {
            return try (decoder ?? JSONDecoder()).decode(type, from: Data(body))
        } catch {
            throw HTTPError(.badRequest, detail: "The request body is not valid JSON for this endpoint.")
        }
    }

    /// Decodes a body that is either one JSON object or an array of them, as batch endpoints
    /// take both; an array is recognised by its first non-blank byte.
    public func decodeOneOrMany<Value: Decodable>(_ type: Value.Type, decoder: JSONDecoder? = nil) throws(HTTPError) -> [Value] {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if body.first(where: { !isBlank($0) }) == UInt8(ascii: "[") {
            return try decode([Value].self, decoder: decoder)
        }
        return [try decode(Value.self, decoder: decoder)]
    }
}

/// One `name=value` pair of a query string.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Splits on `&`, then on the first `=`; percent-decodes both parts, `+` meaning space.
    /// Malformed escapes are kept literally rather than failing the whole request.
    static func parse(_ query: Substring) -> [QueryItem] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusAsSpace: true) ?? String(parts[0])
            let rawValue = parts.count > 1 ? parts[1] : ""
            let value = PercentDecoding.decode(rawValue, plusAsSpace: true) ?? String(rawValue)
            return QueryItem(name: name, value: value)
        }
    }
}
