/// Why a request could not be parsed, and so which status answers it. After any of these the
/// connection is closed: the framing of whatever follows can no longer be trusted.
struct HTTPParseError: Error, Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case malformedRequestLine
        case malformedHeader
        case obsoleteLineFolding
        case missingHost
        case ambiguousFraming
        case invalidContentLength
        case malformedChunk
        case requestLineTooLong
        case headersTooLarge
        case bodyTooLarge
        case unsupportedTransferCoding
        case unsupportedVersion
        case unknownMethod
        case expectationFailed
    }

    let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
    }

    var statusCode: Int {
        switch kind {
        case .malformedRequestLine, .malformedHeader, .obsoleteLineFolding, .missingHost,
             .ambiguousFraming, .invalidContentLength, .malformedChunk:
            400
        case .requestLineTooLong: 414
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferCoding, .unknownMethod: 501
        case .unsupportedVersion: 505
        case .expectationFailed: 417
        }
    }

    /// A fixed, client-safe explanation (never derived from the request bytes).
    var detail: String {
        switch kind {
        case .malformedRequestLine: "The request line is malformed."
        case .malformedHeader: "A header field is malformed or contains control characters."
        case .obsoleteLineFolding: "Obsolete line folding is not accepted."
        case .missingHost: "HTTP/1.1 requests need exactly one Host header."
        case .ambiguousFraming: "The message framing is ambiguous (Content-Length and Transfer-Encoding)."
        case .invalidContentLength: "Content-Length must be a single decimal number."
        case .malformedChunk: "The chunked body is malformed."
        case .requestLineTooLong: "The request line is too long."
        case .headersTooLarge: "The header block is too large or has too many fields."
        case .bodyTooLarge: "The request body is too large."
        case .unsupportedTransferCoding: "Only the chunked transfer coding is supported."
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .unknownMethod: "The request method is not implemented."
        case .expectationFailed: "Only the 100-continue expectation is supported."
        }
    }
}
