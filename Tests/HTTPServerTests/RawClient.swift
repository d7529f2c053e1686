#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A blocking TCP client speaking raw bytes, so tests control exactly what goes on the wire.
final class RawClient {
    let fd: Int32
    private var pending: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// - Parameter receiveTimeout: how long one read may block before the test fails.
    init(port: Int, host: String = "127.0.0.1", receiveTimeout: Double = 5) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let info = results?.pointee else {
            throw Failure(description: "getaddrinfo")
        }
        defer { freeaddrinfo(results) }
        fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "socket") }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - receiveTimeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        guard connect(fd, info.ai_addr, info.ai_addrlen) == 0 else {
            Glibc.close(fd)
            throw Failure(description: "connect errno \(errno)")
        }
    }

    private var isOpen = true

    deinit {
        close()
    }

    func close() {
        if isOpen { Glibc.close(fd) }
        isOpen = false
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send errno \(errno)") }
            offset += sent
        }
    }

    /// Sends one byte at a time with a pause, to exercise incremental parsing on the server.
    func sendByteByByte(_ text: String, pauseMicroseconds: UInt32 = 200) throws {
        for byte in text.utf8 {
            try send([byte])
            usleep(pauseMicroseconds)
        }
    }

    func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads more bytes into the pending buffer; false at EOF (or reset).
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            pending.append(contentsOf: chunk[0..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw Failure(description: "recv errno \(errno) (timeout?)")
    }

    /// Reads one response; `head` true for a response to HEAD (no body despite Content-Length).
    func readResponse(head: Bool = false) throws -> HTTPTestResponse {
        var headEnd: Int?
        while true {
            if let range = pending.firstRange(of: Array("\r\n\r\n".utf8)) {
                headEnd = range.upperBound
                break
            }
            guard try fill() else { throw Failure(description: "EOF before response head") }
        }
        let headText = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(statusLine)") }
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        pending.removeFirst(headEnd!)
        var response = HTTPTestResponse(status: status, statusLine: statusLine, headers: headers, body: [])
        if status == 100 { return response }
        let length = head ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while pending.count < length {
            guard try fill() else { throw Failure(description: "EOF inside body") }
        }
        response.body = Array(pending[0..<length])
        pending.removeFirst(length)
        return response
    }

    /// True if the server closed the connection (EOF or reset) within the receive timeout.
    func isClosedByServer() -> Bool {
        do {
            while true {
                if try !fill() { return true }
            }
        } catch {
            return false
        }
    }
}

struct HTTPTestResponse {
    var status: Int
    var statusLine: String
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}
