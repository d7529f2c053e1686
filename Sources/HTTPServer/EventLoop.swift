#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// One thread's poll(2) loop over its connections; loop 0 also owns the listening socket and deals
/// accepted connections round-robin to every loop, so the load is even whatever the clients'
/// ports hash to. Everything here runs on that thread; other threads reach it only through `inbox`.
final class EventLoop {
    let index: Int
    let context: ServerContext
    let inbox: LoopInbox
    /// pollfd entries: 0 is the wake pipe, 1 the listener, then one per connection.
    var pollSet: [pollfd] = []
    var slots: [Connection?] = []
    var connections: [Int32: Connection] = [:]
    var ready: [(fd: Int32, events: Int16)] = []
    let readBuffer: UnsafeMutableRawBufferPointer
    var dates = HTTPDateCache()
    var requestIDs: RequestIDGenerator
    var nextConnectionID: UInt64 = 0
    var draining = false
    var drainDeadline: UInt64 = 0
    var lastSweep: UInt64 = 0
    /// Set when accept(2) ran out of descriptors: stop polling the listener until then.
    var acceptPausedUntil: UInt64?
    /// The listening socket, or -1 on loops that only receive connections.
    let listener: Int32
    let executor: LoopExecutor
    /// Every loop's inbox, this one's included, for dealing out accepted connections.
    let peers: [LoopInbox]
    var nextPeer = 0

    init(index: Int, listener: Int32, inbox: LoopInbox, peers: [LoopInbox], context: ServerContext) {
        self.index = index
        self.listener = listener
        self.peers = peers
        nextPeer = index
        self.inbox = inbox
        self.executor = LoopExecutor(inbox: inbox)
        self.context = context
        requestIDs = RequestIDGenerator(loopIndex: index)
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        pollSet = [pollfd(fd: inbox.wakeRead, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
        slots = [nil, nil]
    }

    deinit {
        readBuffer.deallocate()
    }

    /// Runs until a drain completes (or its deadline passes).
    func run() {
        let sweepMilliseconds = Int32(context.timeouts.sweepInterval / 1_000_000)
        lastSweep = MonotonicClock.now()
        inbox.claimOwnership()
        var pollTimeout = sweepMilliseconds
        while true {
            let count = poll(&pollSet, nfds_t(pollSet.count), pollTimeout)
            if count < 0 && errno != EINTR {
                context.logger.critical("poll failed", metadata: ["errno": "\(errno)"])
                break
            }
            if count > 0 { handleReadyEvents() }
            pollTimeout = handleMessages() ? 0 : sweepMilliseconds
            let now = MonotonicClock.now()
            if now &- lastSweep >= context.timeouts.sweepInterval {
                lastSweep = now
                sweep(now: now)
            }
            if draining && (connections.isEmpty || now >= drainDeadline) { break }
        }
        for connection in Array(connections.values) {
            connection.task?.cancel()
            close(connection)
        }
        // Jobs of tasks still alive finish on the global executor from now on. A connection a
        // peer handed over after this loop's last look at its inbox is closed, not leaked: its
        // client would otherwise wait for an EOF that never comes.
        for message in inbox.close() {
            switch message {
            case .job(let job):
                globalConcurrentExecutor.enqueue(ExecutorJob(job))
            case .adopt(let fd):
                _ = Glibc.close(fd)
                context.activeConnections.wrappingSubtract(1, ordering: .relaxed)
            case .completed, .drain:
                break
            }
        }
    }

    private func handleReadyEvents() {
        ready.removeAll(keepingCapacity: true)
        for slot in 2..<pollSet.count where pollSet[slot].revents != 0 {
            ready.append((pollSet[slot].fd, pollSet[slot].revents))
        }
        let wake = pollSet[0].revents != 0
        let accepting = pollSet[1].revents != 0
        for (fd, events) in ready {
            guard let connection = connections[fd] else { continue }
            if events & Int16(POLLNVAL) != 0 {
                close(connection)
            } else if events & Int16(POLLOUT | POLLERR) != 0 && connection.hasPendingOutput {
                drive(connection)
            } else if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                readable(connection)
            }
        }
        if wake { inbox.clearWakeups() }
        if accepting && !draining { acceptConnections() }
    }

    /// Runs queued jobs and applies handler results, a bounded number of rounds so a task that
    /// keeps yielding cannot starve the sockets. True if messages are still waiting.
    private func handleMessages() -> Bool {
        for _ in 0..<8 {
            let messages = inbox.take()
            if messages.isEmpty { return false }
            messages.forEach(handle)
        }
        return true
    }

    private func handle(_ message: LoopMessage) {
        switch message {
        case .job(let job):
            job.runSynchronously(on: executor.asUnownedTaskExecutor())
        case let .completed(fd, connectionID, generation, response):
            guard let connection = connections[fd], connection.id == connectionID,
                  connection.generation == generation, connection.state == .handling
            else { return }  // timed out or closed meanwhile: the late result is dropped
            connection.task = nil
            respond(connection, with: response)
            drive(connection)
        case .drain(let deadline):
            beginDrain(deadline: deadline)
        case .adopt(let fd):
            if draining {
                _ = Glibc.close(fd)
                context.activeConnections.wrappingSubtract(1, ordering: .relaxed)
            } else {
                adopt(fd)
            }
        }
    }

    private func acceptConnections() {
        for _ in 0..<64 {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                if errno == EMFILE || errno == ENFILE {
                    // Out of descriptors: the listener stays readable, so polling it now would
                    // spin. Pause accepting briefly; the backlog waits in the kernel meanwhile.
                    context.logger.warning("accept paused: out of file descriptors")
                    acceptPausedUntil = MonotonicClock.now() + 100_000_000
                    pollSet[1].fd = -1
                } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED && errno != EINVAL {
                    // EINVAL: the listener was shut down for the drain; nothing is wrong.
                    context.logger.warning("accept failed", metadata: ["errno": "\(errno)"])
                }
                return
            }
            let active = context.activeConnections.wrappingAdd(1, ordering: .relaxed).newValue
            guard active <= context.configuration.maxConnections, Socket.configureAccepted(fd) else {
                refuse(fd)
                continue
            }
            let target = nextPeer
            nextPeer = (nextPeer + 1) % peers.count
            if target == index {
                adopt(fd)
            } else if !peers[target].post(.adopt(fd: fd)) {
                _ = Glibc.close(fd)
                context.activeConnections.wrappingSubtract(1, ordering: .relaxed)
            }
        }
    }

    private func adopt(_ fd: Int32) {
        nextConnectionID &+= 1
        let connection = Connection(fd: fd, id: nextConnectionID, limits: context.limits, now: MonotonicClock.now())
        connection.slot = pollSet.count
        pollSet.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
        slots.append(connection)
        connections[fd] = connection
    }

    /// Over the connection cap: one immediate 503 and a close, instead of an unbounded queue.
    private func refuse(_ fd: Int32) {
        let body = #"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Too many connections."}"#
        let head = "HTTP/1.1 503 Service Unavailable\r\nDate: \(String(decoding: dates.current(), as: UTF8.self))"
            + "\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\nRetry-After: 1"
            + "\r\nContent-Type: application/problem+json\r\n\r\n"
        let bytes = Array((head + body).utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        _ = Glibc.close(fd)
        context.activeConnections.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Stops accepting, closes idle connections and lets the others finish with `Connection: close`.
    private func beginDrain(deadline: UInt64) {
        guard !draining else { return }
        draining = true
        drainDeadline = deadline
        pollSet[1].fd = -1
        for connection in Array(connections.values)
        where connection.state == .reading && !connection.parser.hasPartialRequest && !connection.hasPendingOutput {
            close(connection)
        }
    }

    private func sweep(now: UInt64) {
        if let resume = acceptPausedUntil, now >= resume {
            acceptPausedUntil = nil
            if !draining && listener >= 0 { pollSet[1].fd = listener }
        }
        for connection in Array(connections.values) {
            guard let phase = connection.timer.expired(at: now, timeouts: context.timeouts) else { continue }
            timedOut(connection, in: phase)
        }
    }

    /// Points the connection's pollfd at what it is waiting for; a negative fd makes poll(2)
    /// skip it entirely (no spinning on a hang-up while a handler runs).
    func updateInterest(_ connection: Connection) {
        guard connection.slot >= 0 else { return }
        var events: Int32 = 0
        if connection.hasPendingOutput { events |= Int32(POLLOUT) }
        if (connection.state == .reading || connection.state == .lingering) && !connection.readClosed {
            events |= Int32(POLLIN)
        }
        pollSet[connection.slot].fd = events == 0 ? -1 : connection.fd
        pollSet[connection.slot].events = Int16(events)
    }

    func close(_ connection: Connection) {
        guard connection.state != .closed else { return }
        connection.state = .closed
        connection.task?.cancel()
        connection.task = nil
        let slot = connection.slot
        let last = pollSet.count - 1
        if slot != last, let moved = slots[last] {
            pollSet[slot] = pollSet[last]
            slots[slot] = moved
            moved.slot = slot
        }
        pollSet.removeLast()
        slots.removeLast()
        connection.slot = -1
        connections[connection.fd] = nil
        _ = Glibc.close(connection.fd)
        context.activeConnections.wrappingSubtract(1, ordering: .relaxed)
    }
}
