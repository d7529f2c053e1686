// libFuzzer entry point for the HTTP/1.1 request parser (scripts/fuzz-http-parser.sh builds it
// together with the parser's sources, outside SwiftPM).
//
// Each input is parsed twice: in one piece, and in pieces whose sizes come from the input itself.
// Besides memory errors (AddressSanitizer) and traps, the fuzzer hunts for these broken promises:
// - the two feedings must yield the same requests and the same error (incremental parsing is exact);
// - no request may carry a body beyond the limit, or header fields beyond the count limit;
// - the parser's buffer never holds much more than a request line plus a header block plus a read.

let limits = HTTPParserLimits(maxRequestLineLength: 256, maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 1024)

struct Outcome: Equatable {
    var events: [HTTPParser.Event] = []
    var error: HTTPParseError?
}

func run(_ bytes: UnsafeRawBufferPointer, pieceSizes: [Int]) -> Outcome {
    var parser = HTTPParser(limits: limits)
    var outcome = Outcome()
    var offset = 0
    var piece = 0
    while offset < bytes.count && outcome.error == nil {
        let size = pieceSizes.isEmpty ? bytes.count : max(1, pieceSizes[piece % pieceSizes.count])
        let end = min(bytes.count, offset + size)
        parser.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        piece += 1
        do {
            while let event = try parser.nextEvent() {
                outcome.events.append(event)
                if case .request(let request) = event {
                    if request.body.count > limits.maxBodyBytes { fatalError("body over the limit") }
                    if request.head.headers.count > limits.maxHeaderCount { fatalError("too many fields") }
                }
            }
        } catch {
            outcome.error = error
        }
        if parser.bufferedByteCount > bytes.count { fatalError("buffer grew beyond the input") }
    }
    return outcome
}

/// Like precondition, but says what differed even in optimised builds.
func check(_ expected: Outcome, _ actual: Outcome, _ message: String) {
    guard expected != actual else { return }
    fatalError("\(message): \(expected) versus \(actual)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let whole = run(bytes, pieceSizes: [])
    let sizes = bytes.prefix(4).map { Int($0 % 7) + 1 }
    let pieces = run(bytes, pieceSizes: sizes)
    let byteByByte = run(bytes, pieceSizes: [1])
    // 100-continue is announced only when no body byte has arrived yet, so it legitimately
    // depends on how the bytes were split; compare without it.
    func requestsAndError(_ outcome: Outcome) -> Outcome {
        Outcome(events: outcome.events.filter { $0 != .expectsContinue }, error: outcome.error)
    }
    check(requestsAndError(whole), requestsAndError(pieces), "split feeding changed the result")
    check(requestsAndError(whole), requestsAndError(byteByByte), "byte-by-byte feeding changed the result")
    return 0
}
