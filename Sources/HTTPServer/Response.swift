/// A response value: status, header fields and the complete body. Date, Content-Length,
/// Connection and X-Request-Id are added by the server when it writes the response.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// - Parameters:
    ///   - status: the response status, 200 by default.
    ///   - headers: extra header fields (Content-Type and the like).
    ///   - body: the complete body; its length becomes Content-Length.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }
}
