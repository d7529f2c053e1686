/// An error a handler throws on purpose to answer with a specific problem response.
///
/// Its `detail` is meant for the client. Any other error thrown by a handler becomes a generic
/// 500 whose body says nothing about the error, so internal text never leaks.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: HTTPStatus
    public var title: String
    public var detail: String?

    /// - Parameters:
    ///   - status: the response status.
    ///   - title: a short summary; defaults to the status's reason phrase.
    ///   - detail: a client-facing explanation of this occurrence.
    public init(_ status: HTTPStatus, title: String? = nil, detail: String? = nil) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
    }
}
