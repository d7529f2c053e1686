import Foundation

extension HTTPServer {
    /// Every limit and timeout of the server, with the defaults the service runs with.
    /// Tests shorten the timeouts; production changes them only with a reason.
    public struct Configuration: Sendable {
        /// Address to bind: an IPv4 or IPv6 literal or a host name (`::1`, `0.0.0.0`, `localhost`).
        public var host: String
        /// TCP port; 0 picks a free one (read it back from `HTTPServer.localPort`).
        public var port: Int
        public var backlog: Int32 = 1024

        /// Longest request line accepted; longer gets 414.
        public var maxRequestLineLength = 8 * 1024
        /// Largest header block (excluding the request line); larger gets 431.
        public var maxHeaderBytes = 16 * 1024
        /// Most header fields accepted; more gets 431.
        public var maxHeaderCount = 100
        /// Largest request body, declared or de-chunked; larger gets 413.
        public var maxBodyBytes = 1024 * 1024

        /// Time allowed from a request's first byte to the end of its header block (slowloris).
        public var headerTimeout: Duration = .seconds(10)
        /// Time allowed to receive a body once the head is complete.
        public var bodyTimeout: Duration = .seconds(30)
        /// How long a keep-alive connection may sit without a request before it is closed.
        public var idleTimeout: Duration = .seconds(60)
        /// How long a response may wait for a client that does not read before the connection is cut.
        public var writeTimeout: Duration = .seconds(30)
        /// The handler's time budget; when it runs out the client gets 503 and the connection closes.
        public var handlerTimeout: Duration = .seconds(10)
        /// On shutdown, how long in-flight requests may take before every connection is closed.
        public var drainTimeout: Duration = .seconds(10)
        /// How long a closing connection keeps draining unread client bytes so the last response
        /// is not destroyed by a TCP reset.
        public var lingerTimeout: Duration = .seconds(1)

        /// Connections served at once; beyond it new connections get an immediate 503 and are closed.
        public var maxConnections = 4096
        /// Threads running the poll loops; each owns its connections.
        public var eventLoopCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// 0 (the default): handlers run on the event loop that owns the connection, the fastest
        /// path, so handlers must not block. N > 0: handlers run on N dedicated threads, for
        /// handlers that make blocking calls (libpq); the loops stay responsive and the handler
        /// budget is enforced even against a handler stuck in a blocking call.
        public var handlerThreads = 0

        /// - Parameters:
        ///   - host: address to bind, `127.0.0.1` by default.
        ///   - port: TCP port, 8080 by default; 0 for any free port.
        public init(host: String = "127.0.0.1", port: Int = 8080) {
            self.host = host
            self.port = port
        }

        var parserLimits: HTTPParserLimits {
            HTTPParserLimits(maxRequestLineLength: maxRequestLineLength, maxHeaderBytes: maxHeaderBytes,
                             maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
        }

        var timeouts: ConnectionTimer.Timeouts {
            ConnectionTimer.Timeouts(idle: idleTimeout.nanoseconds, head: headerTimeout.nanoseconds,
                                     body: bodyTimeout.nanoseconds, handler: handlerTimeout.nanoseconds,
                                     write: writeTimeout.nanoseconds, linger: lingerTimeout.nanoseconds)
        }
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
