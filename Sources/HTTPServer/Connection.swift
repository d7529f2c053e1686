/// One client connection, owned by a single event loop thread and touched only there.
final class Connection {
    enum State: Equatable {
        /// Parsing; the client may be sending a request (or nothing yet).
        case reading
        /// A handler is running for the current request; reading is paused (backpressure).
        case handling
        /// The response is queued in `output`; the next request is parsed once it is flushed.
        case writing
        /// Our side is shut down; unread client bytes are drained until EOF or the linger timeout.
        case lingering
        case closed
    }

    /// What the access log and the response framing need about the request being answered.
    struct InFlight {
        var method: String
        var path: String
        var requestID: String?
        var keepAlive: Bool
        var version: HTTPVersion
        var isHead: Bool
        var startedAt: UInt64
    }

    let fd: Int32
    let id: UInt64
    /// Index of this connection's entry in the loop's pollfd array.
    var slot = -1
    var state = State.reading
    var parser: HTTPParser
    var timer: ConnectionTimer
    var output: [UInt8] = []
    var outputOffset = 0
    var readClosed = false
    var closeAfterWrite = false
    /// Bumped per request; a handler result for an older generation (timed out) is dropped.
    var generation: UInt64 = 0
    var task: Task<Void, Never>?
    var inFlight: InFlight?

    init(fd: Int32, id: UInt64, limits: HTTPParserLimits, now: UInt64) {
        self.fd = fd
        self.id = id
        parser = HTTPParser(limits: limits)
        timer = ConnectionTimer(now: now)
    }

    var hasPendingOutput: Bool { outputOffset < output.count }
}
