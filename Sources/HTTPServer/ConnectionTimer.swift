/// The deadline bookkeeping of one connection, kept pure (times are plain nanosecond readings
/// passed in) so every timeout is tested with a fake clock.
struct ConnectionTimer: Equatable {
    enum Phase: Equatable {
        /// Between requests on a keep-alive connection.
        case idle
        /// From a request's first byte until its header block is complete.
        case head
        case body
        case handling
        /// A response is queued and the client is not reading it.
        case writing
        /// Closing: unread client bytes are drained before the socket is closed.
        case lingering
    }

    struct Timeouts: Equatable {
        var idle: UInt64
        var head: UInt64
        var body: UInt64
        var handler: UInt64
        var write: UInt64
        var linger: UInt64

        func limit(for phase: Phase) -> UInt64 {
            switch phase {
            case .idle: idle
            case .head: head
            case .body: body
            case .handling: handler
            case .writing: write
            case .lingering: linger
            }
        }

        /// How often a loop checks its connections: a quarter of the shortest timeout, within bounds.
        var sweepInterval: UInt64 {
            let shortest = [idle, head, body, handler, write, linger].min() ?? 1_000_000_000
            return min(max(shortest / 4, 5_000_000), 250_000_000)
        }
    }

    private(set) var phase: Phase
    private(set) var since: UInt64

    init(now: UInt64) {
        phase = .idle
        since = now
    }

    /// Moves to `phase`; staying in the same phase keeps the original start, so a slow client
    /// cannot extend its deadline by trickling bytes.
    mutating func enter(_ phase: Phase, at now: UInt64) {
        guard phase != self.phase else { return }
        self.phase = phase
        since = now
    }

    /// The phase whose deadline has passed at `now`, if any.
    func expired(at now: UInt64, timeouts: Timeouts) -> Phase? {
        now &- since >= timeouts.limit(for: phase) && now >= since ? phase : nil
    }
}
