/// The parsed start line and header block of a request, with the framing decisions already made.
struct HTTPRequestHead: Sendable, Equatable {
    var method: HTTPMethod
    /// The request target as sent (origin-form, or the path and query of an absolute-form target).
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    /// Whether the connection may stay open after the response (version default and `Connection`).
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending its body.
    var expectsContinue: Bool
}

/// A complete request as the parser hands it over: head plus the de-chunked body.
struct ParsedRequest: Sendable, Equatable {
    var head: HTTPRequestHead
    var body: [UInt8]
}

/// The parser's limits; the defaults are the server's documented defaults.
struct HTTPParserLimits: Sendable, Equatable {
    var maxRequestLineLength = 8 * 1024
    var maxHeaderBytes = 16 * 1024
    var maxHeaderCount = 100
    var maxBodyBytes = 1024 * 1024
}
