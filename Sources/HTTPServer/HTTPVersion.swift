/// The two protocol versions served. HTTP/1.0 clients get HTTP/1.1 responses (RFC 9110 §6.2)
/// but close-by-default connection semantics.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1

    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
