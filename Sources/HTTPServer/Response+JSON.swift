import Foundation

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

    /// An RFC 9457 problem document (`application/problem+json`). Every error the server or the
    /// router produces takes this form, never an HTML page or an empty body.
    /// - Parameters:
    ///   - status: the response status, also copied into the document.
    ///   - title: a short, occurrence-independent summary; the reason phrase when nil.
    ///   - detail: a client-facing explanation of this occurrence.
    ///   - type: a URI identifying the problem type; `about:blank` by default.
    public static func problem(status: HTTPStatus, title: String? = nil, detail: String? = nil,
                               type: String = "about:blank") -> Response {
        var json = "{\"type\":"
        appendJSONString(type, to: &json)
        json += ",\"title\":"
        appendJSONString(title ?? status.reasonPhrase, to: &json)
        json += ",\"status\":\(status.code)"
        if let detail {
            json += ",\"detail\":"
            appendJSONString(detail, to: &json)
        }
        json += "}"
        return Response(status: status, headers: ["Content-Type": "application/problem+json"], body: Array(json.utf8))
    }

    /// The problem response for an error a handler threw on purpose.
    public static func problem(_ error: HTTPError) -> Response {
        problem(status: error.status, title: error.title, detail: error.detail)
    }

    private static func appendJSONString(_ string: String, to json: inout String) {
        json += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                json += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
