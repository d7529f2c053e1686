/// Serialises a response into the single buffer written with one `send`. The server owns the
/// framing headers: handler-set Content-Length, Transfer-Encoding, Connection and Date are
/// replaced, and a field whose name or value could split the response is dropped.
enum ResponseEncoder {
    struct Framing {
        var keepAlive: Bool
        /// HTTP/1.0 clients need `Connection: keep-alive` spelled out to keep the connection.
        var version: HTTPVersion
        var omitBody: Bool
        var requestID: String?
    }

    static func encode(_ response: Response, framing: Framing, date: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let bodyCount = response.status.allowsContent ? response.body.count : 0
        out.reserveCapacity(160 + response.headers.count * 40 + (framing.omitBody ? 0 : bodyCount))
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(contentsOf: String(response.status.code).utf8)
        out.append(0x20)
        out.append(contentsOf: response.status.reasonPhrase.utf8.filter { $0 >= 0x20 && $0 != 0x7F })
        out.append(contentsOf: "\r\nDate: ".utf8)
        out.append(contentsOf: date)
        if response.status.allowsContent {
            out.append(contentsOf: "\r\nContent-Length: ".utf8)
            out.append(contentsOf: String(bodyCount).utf8)
        }
        if let requestID = framing.requestID {
            out.append(contentsOf: "\r\nX-Request-Id: ".utf8)
            out.append(contentsOf: requestID.utf8)
        }
        if !framing.keepAlive {
            out.append(contentsOf: "\r\nConnection: close".utf8)
        } else if framing.version == .http1_0 {
            out.append(contentsOf: "\r\nConnection: keep-alive".utf8)
        }
        for field in response.headers where isSafe(field) {
            out.append(contentsOf: "\r\n".utf8)
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
        }
        out.append(contentsOf: "\r\n\r\n".utf8)
        if !framing.omitBody && bodyCount > 0 {
            out.append(contentsOf: response.body)
        }
        return out
    }

    private static func isSafe(_ field: HTTPHeaders.Field) -> Bool {
        for reserved in ["content-length", "transfer-encoding", "connection", "date", "x-request-id"]
        where HTTPHeaders.equalsIgnoringCase(field.name, reserved) {
            return false
        }
        return !field.name.isEmpty
            && field.name.utf8.allSatisfy(HTTPParser.isTokenByte)
            && field.value.utf8.allSatisfy { ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }
    }
}
