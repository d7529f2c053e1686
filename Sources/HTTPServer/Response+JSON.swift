import Foundation
import JSON

extension Response {
    /// A JSON response encoded with Foundation's `JSONEncoder`.
    /// - Parameters:
    ///   - value: the value to encode.
    ///   - status: the response status, 200 by default.
    ///   - encoder: the encoder to use; a shared default one when nil.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok,
                            encoder: JSONEncoder? = nil) throws -> Response {
        let data = try (encoder ?? JSONEncoder()).encode(value)
        return Response(status: status, headers: ["Content-Type": "application/json"], body: Array(data))
    }

    /// A JSON response whose text was written with `JSONWriter` (the hot, fixed-shape answers).
    public static func json(_ writer: JSONWriter, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: writer.bytes)
    }

    /// A JSON response of an ordered `JSONValue`, written on one line.
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        return .json(writer, status: status)
    }

    /// An RFC 9457 problem document (`application/problem+json`). Every error the server or the
    /// router produces takes this form, never an HTML page or an empty body.
    /// - Parameters:
    ///   - status: the response status, also copied into the document.
    ///   - title: a short, occurrence-independent summary; the reason phrase when nil.
    ///   - detail: a client-facing explanation of this occurrence.
    public static func problem(status: HTTPStatus, title: String? = nil, detail: String? = nil) -> Response {
        problem(HTTPError(status, title: title, detail: detail))
    }

    /// The problem response for an error: the one place a problem document is written.
    public static func problem(_ error: HTTPError) -> Response {
        var document = JSONWriter()
        document.raw("{\"type\":\"about:blank\",\"title\":")
        document.string(error.title)
        document.raw(",\"status\":")
        document.number(error.status.code)
        if let detail = error.detail {
            document.raw(",\"detail\":")
            document.string(detail)
        }
        for (name, value) in error.members {
            document.raw(",")
            document.key(name)
            value.write(to: &document)
        }
        document.raw("}")
        var headers = error.headers
        headers["Content-Type"] = "application/problem+json"
        return Response(status: error.status, headers: headers, body: document.bytes)
    }
}
