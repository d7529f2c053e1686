/// What the header fields say about framing and the connection, gathered while they are read.
struct FramingFields: Equatable {
    var hostCount = 0
    var contentLength: Int?
    var sawTransferEncoding = false
    var chunkedCount = 0
    var otherCodings = false
    var closeRequested = false
    var keepAliveRequested = false
    var expectsContinue = false
}

extension HTTPParser {
    /// `method SP request-target SP HTTP-version`, with exactly one space between the parts.
    mutating func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard let firstSpace = line.firstIndex(of: 0x20),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: 0x20)
        else { throw HTTPParseError(.malformedRequestLine) }
        let methodBytes = line[line.startIndex..<firstSpace]
        let targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(Self.isTokenByte),
              !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x23 })
        else { throw HTTPParseError(.malformedRequestLine) }
        version = try Self.parseVersion(versionBytes)
        guard let known = HTTPMethod.known(methodBytes) else { throw HTTPParseError(.unknownMethod) }
        method = known
        target = try Self.originForm(of: targetBytes, method: known)
    }

    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8, bytes.prefix(5).elementsEqual("HTTP/".utf8) else {
            throw HTTPParseError(.malformedRequestLine)
        }
        let major = bytes[bytes.startIndex + 5]
        let dot = bytes[bytes.startIndex + 6]
        let minor = bytes[bytes.startIndex + 7]
        guard isDigit(major), dot == 0x2E, isDigit(minor) else { throw HTTPParseError(.malformedRequestLine) }
        switch (major, minor) {
        case (0x31, 0x31): return .http1_1
        case (0x31, 0x30): return .http1_0
        default: throw HTTPParseError(.unsupportedVersion)
        }
    }

    /// Origin-form is kept; absolute-form is reduced to its path and query; `*` only for OPTIONS.
    /// CONNECT's authority-form (`host:port`) is kept as it is: no route matches it, and the
    /// router answers 405 (this server is no proxy), rather than a 400 for a well-formed request.
    static func originForm(of target: ArraySlice<UInt8>, method: HTTPMethod) throws(HTTPParseError) -> String {
        if target.first == 0x2F { return String(decoding: target, as: UTF8.self) }
        if target.count == 1, target.first == 0x2A, method == .options { return "*" }
        if method == .connect { return String(decoding: target, as: UTF8.self) }
        let text = String(decoding: target, as: UTF8.self)
        let lowered = text.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let afterScheme = text.dropFirst(scheme.count)
            guard let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let rest = afterScheme[authorityEnd...]
            return rest.first == "?" ? "/" + rest : String(rest)
        }
        throw HTTPParseError(.malformedRequestLine)
    }

    /// Checks a field line and returns the ranges of its name and of its value without OWS.
    func validateFieldLine(_ line: Range<Int>) throws(HTTPParseError) -> (name: Range<Int>, value: Range<Int>) {
        let first = buffer[line.lowerBound]
        if first == 0x20 || first == 0x09 { throw HTTPParseError(.obsoleteLineFolding) }
        guard let colon = buffer[line].firstIndex(of: 0x3A), colon > line.lowerBound,
              buffer[line.lowerBound..<colon].allSatisfy(Self.isTokenByte)
        else { throw HTTPParseError(.malformedHeader) }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        for byte in buffer[valueStart..<valueEnd] where (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw HTTPParseError(.malformedHeader)
        }
        return (line.lowerBound..<colon, valueStart..<valueEnd)
    }

    mutating func parseHeaderLine(_ line: Range<Int>) throws(HTTPParseError) {
        headerCount += 1
        if headerCount > limits.maxHeaderCount { throw HTTPParseError(.headersTooLarge) }
        let (nameRange, valueRange) = try validateFieldLine(line)
        let name = buffer[nameRange]
        let value = buffer[valueRange]
        if Self.equalsLowercase(name, "host") {
            framing.hostCount += 1
        } else if Self.equalsLowercase(name, "content-length") {
            try noteContentLength(value)
        } else if Self.equalsLowercase(name, "transfer-encoding") {
            try noteTransferEncoding(value)
        } else if Self.equalsLowercase(name, "connection") {
            for token in Self.listElements(value) {
                if Self.equalsLowercase(token, "close") { framing.closeRequested = true }
                if Self.equalsLowercase(token, "keep-alive") { framing.keepAliveRequested = true }
            }
        } else if Self.equalsLowercase(name, "expect") {
            guard Self.equalsLowercase(value, "100-continue") else { throw HTTPParseError(.expectationFailed) }
            framing.expectsContinue = true
        }
        headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// Every Content-Length field and list element must be digits only and all must agree;
    /// anything else is a request-smuggling vector and is refused.
    private mutating func noteContentLength(_ value: ArraySlice<UInt8>) throws(HTTPParseError) {
        let elements = Self.listElements(value)
        if elements.isEmpty { throw HTTPParseError(.invalidContentLength) }
        for element in elements {
            guard !element.isEmpty, element.allSatisfy(Self.isDigit) else {
                throw HTTPParseError(.invalidContentLength)
            }
            let digits = element.drop { $0 == 0x30 }
            // More than 15 significant digits exceeds any body limit; clamp instead of overflowing.
            var length = 0
            if digits.count > 15 {
                length = Int.max
            } else {
                for digit in digits { length = length * 10 + Int(digit - 0x30) }
            }
            if let existing = framing.contentLength, existing != length { throw HTTPParseError(.ambiguousFraming) }
            framing.contentLength = length
        }
    }

    private mutating func noteTransferEncoding(_ value: ArraySlice<UInt8>) throws(HTTPParseError) {
        framing.sawTransferEncoding = true
        let elements = Self.listElements(value)
        if elements.isEmpty { throw HTTPParseError(.malformedHeader) }
        for element in elements {
            guard !element.isEmpty else { throw HTTPParseError(.malformedHeader) }
            if Self.equalsLowercase(element, "chunked") {
                framing.chunkedCount += 1
            } else {
                framing.otherCodings = true
            }
        }
    }

    /// Applies the framing rules of RFC 9112 §6 once the header block is complete.
    mutating func finishHead() throws(HTTPParseError) -> Event? {
        if framing.hostCount > 1 || (version == .http1_1 && framing.hostCount == 0) {
            throw HTTPParseError(.missingHost)
        }
        var chunked = false
        if framing.sawTransferEncoding {
            if framing.contentLength != nil || version == .http1_0 { throw HTTPParseError(.ambiguousFraming) }
            if framing.otherCodings { throw HTTPParseError(.unsupportedTransferCoding) }
            if framing.chunkedCount != 1 { throw HTTPParseError(.ambiguousFraming) }
            chunked = true
        }
        let length = framing.contentLength ?? 0
        if length > limits.maxBodyBytes { throw HTTPParseError(.bodyTooLarge) }
        let keepAlive = !framing.closeRequested && (version == .http1_1 || framing.keepAliveRequested)
        let expectsContinue = framing.expectsContinue && version == .http1_1
        head = HTTPRequestHead(method: method, target: target, version: version, headers: headers,
                               keepAlive: keepAlive, expectsContinue: expectsContinue)
        body = []
        if chunked {
            phase = .chunkSize
        } else if length > 0 {
            body.reserveCapacity(min(length, 64 * 1024))
            remaining = length
            phase = .body
        } else {
            phase = .body
            remaining = 0
            return nil  // the `.body` step completes it at once
        }
        return expectsContinue && position == buffer.count ? .expectsContinue : nil
    }

    /// `chunk-size [ chunk-ext ]`: hex digits, then optionally whitespace and `;` extensions.
    func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = Self.hexValue(line[index]) {
            if index - line.startIndex >= 8 { throw HTTPParseError(.bodyTooLarge) }
            size = size * 16 + digit
            index += 1
        }
        guard index > line.startIndex else { throw HTTPParseError(.malformedChunk) }
        let rest = line[index...].drop { $0 == 0x20 || $0 == 0x09 }
        if let first = rest.first {
            guard first == 0x3B, !rest.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
                throw HTTPParseError(.malformedChunk)
            }
        }
        if size > limits.maxBodyBytes - body.count { throw HTTPParseError(.bodyTooLarge) }
        return size
    }

    // MARK: Byte classes

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// Compares bytes with an all-lowercase ASCII literal, ignoring the bytes' case.
    static func equalsLowercase(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        var offset = 0
        for byte in bytes {
            let lowered = byte &- 0x41 < 26 ? byte | 0x20 : byte
            if lowered != pointer[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The elements of a comma-separated list, each trimmed of optional whitespace.
    static func listElements(_ value: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        value.split(separator: 0x2C, omittingEmptySubsequences: false).map { element in
            var trimmed = element
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed.removeFirst() }
            while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
            return trimmed
        }
    }
}
