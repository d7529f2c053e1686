/// An incremental HTTP/1.1 request parser: a value type fed with bytes as they arrive, handing out
/// complete requests (or the need for a `100 Continue`) and throwing a typed error whose status
/// answers the client. It never performs I/O, so it is unit-tested and fuzzed without sockets.
///
/// Memory is bounded by the limits: a request line, header block or body that would exceed its
/// limit is refused as soon as the excess is seen, not after buffering it.
struct HTTPParser {
    enum Event: Equatable, Sendable {
        /// The head passed every check and the client waits before sending its body.
        case expectsContinue
        case request(ParsedRequest)
    }

    enum Phase: Equatable {
        case requestLine, headers, body, chunkSize, chunkData, chunkDataEnd, trailers
    }

    let limits: HTTPParserLimits

    var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    var position = 0
    /// Where the search for the next line feed resumes, so byte-by-byte input stays linear.
    var scanFrom = 0
    var phase = Phase.requestLine
    private var failure: HTTPParseError?

    // The request being assembled.
    var method = HTTPMethod.get
    var target = ""
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var headerBytes = 0
    var headerCount = 0
    var framing = FramingFields()
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var remaining = 0

    init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Bytes received but not yet consumed by a complete request.
    var bufferedByteCount: Int { buffer.count - position }

    /// True when part of a request has been received (head or body), false between requests.
    var hasPartialRequest: Bool { phase != .requestLine || position < buffer.count }

    /// True once the head is complete and the body is being received.
    var isReadingBody: Bool { phase != .requestLine && phase != .headers }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// The next event the buffered bytes allow, or nil when more bytes are needed.
    /// After an error every further call throws the same error.
    mutating func nextEvent() throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func compact() {
        if position == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            position = 0
            scanFrom = 0
        } else if position >= 4096 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            scanFrom -= position
            position = 0
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch phase {
            case .requestLine:
                guard let line = try nextLine(limit: limits.maxRequestLineLength, tooLong: .requestLineTooLong,
                                              malformed: .malformedRequestLine) else { return nil }
                if line.isEmpty { continue }  // RFC 9112 §2.2: ignore empty lines before a request
                try parseRequestLine(buffer[line])
                phase = .headers
            case .headers:
                guard let line = try nextFieldLine() else { return nil }
                if line.isEmpty {
                    if let event = try finishHead() { return event }
                } else {
                    try parseHeaderLine(line)
                }
            case .body:
                guard takeBodyBytes() else { return nil }
                return .request(complete())
            case .chunkSize:
                guard let line = try nextLine(limit: 1024, tooLong: .malformedChunk, malformed: .malformedChunk)
                else { return nil }
                let size = try parseChunkSize(buffer[line])
                if size == 0 {
                    phase = .trailers
                    headerBytes = 0
                    headerCount = 0
                } else {
                    remaining = size
                    phase = .chunkData
                }
            case .chunkData:
                guard takeBodyBytes() else { return nil }
                phase = .chunkDataEnd
            case .chunkDataEnd:
                guard buffer.count - position >= 2 else { return nil }
                guard buffer[position] == 0x0D, buffer[position + 1] == 0x0A else {
                    throw HTTPParseError(.malformedChunk)
                }
                position += 2
                scanFrom = position
                phase = .chunkSize
            case .trailers:
                guard let line = try nextFieldLine() else { return nil }
                if line.isEmpty { return .request(complete()) }
                _ = try validateFieldLine(line)  // trailers are checked, then dropped
            }
        }
    }

    /// The next header or trailer line, counted against the header budget; nil if incomplete.
    private mutating func nextFieldLine() throws(HTTPParseError) -> Range<Int>? {
        let budget = limits.maxHeaderBytes - headerBytes
        guard let line = try nextLine(limit: max(budget - 2, 0), tooLong: .headersTooLarge,
                                      malformed: .malformedHeader) else { return nil }
        headerBytes += line.count + 2
        return line
    }

    /// Moves what has arrived of the `remaining` body (or chunk) bytes into the body; true once
    /// all of them have.
    private mutating func takeBodyBytes() -> Bool {
        let count = min(remaining, buffer.count - position)
        body.append(contentsOf: buffer[position..<position + count])
        position += count
        remaining -= count
        return remaining == 0
    }

    /// The next CRLF-terminated line (without its CRLF), consuming it; nil if incomplete.
    /// A line longer than `limit`, or a bare LF, is refused.
    private mutating func nextLine(limit: Int, tooLong: HTTPParseError.Kind,
                                   malformed: HTTPParseError.Kind) throws(HTTPParseError) -> Range<Int>? {
        let start = max(scanFrom, position)
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard start < bytes.count,
                  let hit = memchrLF(bytes.baseAddress! + start, bytes.count - start)
            else { return nil }
            return start + hit
        }
        guard let newline = found else {
            scanFrom = buffer.count
            // Allow one more byte for a CR that may be followed by the LF.
            if buffer.count - position > limit + 1 { throw HTTPParseError(tooLong) }
            return nil
        }
        // Length first, with the same threshold as the incomplete case above, so the verdict does
        // not depend on how the bytes were split (a fuzzer finding: 414 versus 400).
        if newline - position > limit + 1 { throw HTTPParseError(tooLong) }
        guard newline > position, buffer[newline - 1] == 0x0D else { throw HTTPParseError(malformed) }
        let line = position..<(newline - 1)
        if line.count > limit { throw HTTPParseError(tooLong) }
        position = newline + 1
        scanFrom = position
        return line
    }

    private func memchrLF(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        for index in 0..<count where pointer[index] == 0x0A {
            return index
        }
        return nil
    }

    /// Hands out the assembled request and resets for the next one on the connection.
    private mutating func complete() -> ParsedRequest {
        let request = ParsedRequest(head: head!, body: body)
        head = nil
        body = []
        headers = HTTPHeaders()
        headerBytes = 0
        headerCount = 0
        framing = FramingFields()
        remaining = 0
        phase = .requestLine
        return request
    }
}
