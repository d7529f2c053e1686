import Testing
@testable import HTTPServer

/// Feeds raw strings to the parser, as the fuzz target does, without sockets.
@Suite struct HTTPParserTests {
    private func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits())
        -> (events: [HTTPParser.Event], error: HTTPParseError?) {
        var parser = HTTPParser(limits: limits)
        parser.append(contentsOf: Array(text.utf8))
        var events: [HTTPParser.Event] = []
        do {
            while let event = try parser.nextEvent() { events.append(event) }
            return (events, nil)
        } catch {
            return (events, error)
        }
    }

    private func requests(_ events: [HTTPParser.Event]) -> [ParsedRequest] {
        events.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    private func status(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> Int? {
        parse(text, limits: limits).error?.statusCode
    }

    @Test func parsesASimpleGet() throws {
        let result = parse("GET /health?x=1 HTTP/1.1\r\nHost: a\r\nX-Thing:  v  \r\n\r\n")
        let request = try #require(requests(result.events).first)
        #expect(request.head.method == .get)
        #expect(request.head.target == "/health?x=1")
        #expect(request.head.version == .http1_1)
        #expect(request.head.keepAlive)
        #expect(request.head.headers["x-thing"] == "v")
        #expect(request.body.isEmpty)
    }

    @Test func parsesByteByByteInput() throws {
        var parser = HTTPParser()
        let text = "POST /items HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
        var found: ParsedRequest?
        for byte in text.utf8 {
            parser.append(contentsOf: [byte])
            if case .request(let request)? = try parser.nextEvent() { found = request }
        }
        #expect(found?.body == Array("hello".utf8))
        #expect(!parser.hasPartialRequest)
    }

    @Test func parsesPipelinedRequestsInOrder() {
        let text = "GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\nHost: a\r\n\r\n"
        let result = parse(text)
        #expect(result.error == nil)
        #expect(requests(result.events).map(\.head.target) == ["/a", "/b", "/c"])
    }

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() {
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: t\r\n\r\n"
        let result = parse(text)
        #expect(result.error == nil)
        #expect(requests(result.events).first?.body == Array("hello, world!!!".utf8))
    }

    @Test func honoursConnectionSemanticsPerVersion() {
        #expect(requests(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").events).first?.head.keepAlive == false)
        #expect(requests(parse("GET / HTTP/1.0\r\n\r\n").events).first?.head.keepAlive == false)
        #expect(requests(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").events).first?.head.keepAlive == true)
    }

    @Test func reducesAbsoluteFormToOriginForm() {
        #expect(requests(parse("GET http://example.com/a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n").events).first?.head.target == "/a?b=1")
        #expect(requests(parse("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").events).first?.head.target == "/")
    }

    @Test func announcesExpectContinueOnlyAfterTheLimitsPass() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
        #expect(parse(head).events == [.expectsContinue])
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n") == 417)
    }

    @Test func refusesAnOverlongRequestLineWith414EvenBeforeItEnds() {
        let long = "GET /" + String(repeating: "a", count: 9000)
        #expect(status(long) == 414)
        #expect(status(long + " HTTP/1.1\r\nHost: a\r\n\r\n") == 414)
        #expect(status("GET /" + String(repeating: "a", count: 8000) + " HTTP/1.1\r\nHost: a\r\n\r\n") == nil)
    }

    @Test func refusesAnOversizedHeaderBlockWith431() {
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 17000) + "\r\n\r\n"
        #expect(status(big) == 431)
        let many = "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<100).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(status(many) == 431)
        let justUnder = "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<99).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(status(justUnder) == nil)
    }

    @Test func refusesOversizedBodiesWith413() {
        var limits = HTTPParserLimits()
        limits.maxBodyBytes = 10
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", limits: limits) == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n") == 413)
    }

    @Test(arguments: [
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3 3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\n Transfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\nHost: a\n\n",
    ])
    func refusesSmugglingAttemptsWith400(_ text: String) {
        #expect(status(text) == 400)
    }

    @Test func acceptsRepeatedIdenticalContentLengths() {
        let result = parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")
        #expect(result.error == nil)
        #expect(requests(result.events).first?.body == Array("ok".utf8))
    }

    @Test func refusesTransferCodingsOtherThanChunkedWith501() {
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") == 501)
        #expect(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == 501)
    }

    @Test func requiresExactlyOneHostOnHTTP11() {
        #expect(status("GET / HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.0\r\n\r\n") == nil)
    }

    @Test(arguments: ["\u{01}", "\u{7F}", "\r", "\u{00}"])
    func refusesControlCharactersInHeaderValues(_ control: String) {
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nX-Bad: a\(control)b\r\n\r\n") == 400)
    }

    @Test func refusesObsoleteLineFolding() {
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: a\r\n  b\r\n\r\n") == 400)
    }

    @Test func answersUnsupportedVersionsWith505AndGarbageWith400() {
        #expect(status("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505)
        #expect(status("GET / HTTP/1.2\r\nHost: a\r\n\r\n") == 505)
        #expect(status("GET / HTTP/1.1x\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET /\r\n\r\n") == 400)
        #expect(status("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET / FTP/1.1\r\nHost: a\r\n\r\n") == 400)
        #expect(status("GET nopath HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }

    @Test func answersUnknownMethodsWith501() {
        #expect(status("BREW / HTTP/1.1\r\nHost: a\r\n\r\n") == 501)
        #expect(status("FROB / HTTP/1.1\r\nHost: a\r\n\r\n") == 501)
        #expect(status("G@T / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }

    @Test func keepsFailingAfterAnError() {
        var parser = HTTPParser()
        parser.append(contentsOf: Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.nextEvent() }
        #expect(throws: HTTPParseError.self) { try parser.nextEvent() }
    }

    @Test func ignoresEmptyLinesBeforeARequest() {
        #expect(requests(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").events).count == 1)
    }

    /// Parses in one piece and byte by byte; both must agree (the fuzz target's main invariant).
    private func agreesWhenFedByteByByte(_ bytes: [UInt8], limits: HTTPParserLimits) -> Bool {
        func outcome(pieceSize: Int) -> ([ParsedRequest], HTTPParseError?) {
            var parser = HTTPParser(limits: limits)
            var found: [ParsedRequest] = []
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + pieceSize)
                parser.append(contentsOf: bytes[offset..<end])
                offset = end
                do {
                    while let event = try parser.nextEvent() {
                        if case .request(let request) = event { found.append(request) }
                    }
                } catch {
                    return (found, error)
                }
            }
            return (found, nil)
        }
        let whole = outcome(pieceSize: bytes.count)
        let single = outcome(pieceSize: 1)
        return whole.0 == single.0 && whole.1 == single.1
    }

    /// Fuzzer finding (crash-9cc64517…): an overlong request line ending in a bare LF was 400
    /// when read at once but 414 when read in pieces. Now 414 either way.
    @Test func overlongLinesGetTheSameVerdictHoweverTheyAreSplit() {
        let limits = HTTPParserLimits(maxRequestLineLength: 256, maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 1024)
        for ending in ["\n", "\r\n", " HTTP/1.1\n"] {
            let text = "GMS." + String(repeating: "&", count: 300) + ending
            #expect(status(text, limits: limits) == 414)
            #expect(agreesWhenFedByteByByte(Array(text.utf8), limits: limits))
        }
        let header = "GET / HTTP/1.1\r\nHost: " + String(repeating: "h", count: 600) + "\n"
        #expect(status(header, limits: limits) == 431)
        #expect(agreesWhenFedByteByByte(Array(header.utf8), limits: limits))
    }
}
