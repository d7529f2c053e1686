import JSON

/// An error a handler throws on purpose to answer with a specific problem response.
///
/// Its `detail` is meant for the client. Any other error thrown by a handler becomes a generic
/// 500 whose body says nothing about the error, so internal text never leaks. Being a value (not
/// a ready response) lets middleware and the app's error translation produce it alike, and the
/// problem document is then written in exactly one place (`Response.problem(_:)`).
public struct HTTPError: Error, Sendable, Equatable {
    public var status: HTTPStatus
    public var title: String
    public var detail: String?
    /// Header fields the answer needs, such as `WWW-Authenticate` on a 401.
    public var headers: HTTPHeaders
    /// RFC 9457 extension members after the standard ones, such as a list of invalid fields.
    public var members: [(String, JSONValue)]

    /// - Parameters:
    ///   - status: the response status.
    ///   - title: a short summary; defaults to the status's reason phrase.
    ///   - detail: a client-facing explanation of this occurrence.
    ///   - headers: header fields to send with the problem.
    ///   - members: extension members of the problem document.
    public init(_ status: HTTPStatus, title: String? = nil, detail: String? = nil, headers: HTTPHeaders = [:],
                members: [(String, JSONValue)] = []) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.headers = headers
        self.members = members
    }

    public static func == (lhs: HTTPError, rhs: HTTPError) -> Bool {
        lhs.status == rhs.status && lhs.title == rhs.title && lhs.detail == rhs.detail && lhs.headers == rhs.headers
            && JSONValue.object(lhs.members) == JSONValue.object(rhs.members)
    }
}
