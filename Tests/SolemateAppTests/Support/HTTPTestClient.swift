import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP response as the tests see it: status, header fields (names lower-cased) and body.
struct HTTPResponse: Sendable, CustomStringConvertible {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var contentType: String { headers["content-type"] ?? "" }
    var isProblem: Bool { contentType == "application/problem+json" }

    /// The body as a JSON object; fails the caller when it is anything else.
    func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw HTTPTestClient.Failure("not a JSON object: \(text)")
        }
        return object
    }

    /// The `items` array of a list response.
    func items() throws -> [[String: Any]] {
        guard let items = try object()["items"] as? [[String: Any]] else {
            throw HTTPTestClient.Failure("no items array: \(text)")
        }
        return items
    }

    var description: String { "\(status) \(contentType) \(text.prefix(300))" }
}

/// A deliberately plain HTTP/1.1 client for the tests: one connection per request
/// (`Connection: close`), blocking socket calls on a Dispatch thread (never on the cooperative
/// threads the server's handlers share), a 20-second receive timeout so a hung server fails the
/// test instead of stalling it.
struct HTTPTestClient: Sendable {
    let port: Int

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await send("GET", target, headers: headers)
    }

    /// POSTs `json` (sent as is, so tests can send malformed documents).
    func post(_ target: String, json: String, headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await send("POST", target, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                       body: Array(json.utf8))
    }

    /// POSTs `value` encoded as JSON.
    func post(_ target: String, body value: some Encodable, headers: [String: String] = [:]) async throws -> HTTPResponse {
        try await post(target, json: String(decoding: try JSONEncoder().encode(value), as: UTF8.self), headers: headers)
    }

    func send(_ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []) async throws -> HTTPResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        let port = port
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.exchange(request, port: port) })
            }
        }
    }

    /// Connects, writes the request, reads to the end of the response.
    static func exchange(_ request: [UInt8], port: Int) throws -> HTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: errno \(errno)") }
        defer { close(fd) }
        // Generous: a loaded 2-core machine may take many seconds to answer; a hang still fails.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connect to port \(port): errno \(errno)") }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure("send: errno \(errno)") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let response = try parse(received) { return response }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else {
                if errno == EINTR { continue }
                throw Failure("recv: errno \(errno) after \(received.count) bytes")
            }
            received += buffer[0..<n]
        }
        guard let response = try parse(received) else { throw Failure("connection closed mid-response (\(received.count) bytes)") }
        return response
    }

    /// A complete response in `bytes`, or nil while more is needed (the server always sends Content-Length).
    static func parse(_ bytes: [UInt8]) throws -> HTTPResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4,
              let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(separator) })
        else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure("bad status line: \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = end + 4
        guard bytes.count >= bodyStart + length else { return nil }
        return HTTPResponse(status: status, headers: headers, body: Array(bytes[bodyStart..<(bodyStart + length)]))
    }
}
