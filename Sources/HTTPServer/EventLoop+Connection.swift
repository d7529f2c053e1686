#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

extension EventLoop {
    /// Reads what the socket has; EOF marks the read side closed (a half-closed client still
    /// gets the responses to the requests it sent).
    func readable(_ connection: Connection) {
        let count = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
        if count > 0 {
            if connection.state == .lingering { return }  // discarding after our final response
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        } else if count == 0 {
            connection.readClosed = true
            if connection.state == .lingering { return close(connection) }
        } else {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            return close(connection)
        }
        drive(connection)
    }

    /// Advances the connection as far as it can go without blocking: flush output, parse the
    /// next request, dispatch it. A loop rather than recursion, so a buffer full of pipelined
    /// requests answered inline (404s, errors) cannot exhaust the stack.
    func drive(_ connection: Connection) {
        while true {
            if connection.hasPendingOutput && !flush(connection) { return }
            switch connection.state {
            case .closed:
                return
            case .handling:
                updateInterest(connection)
                return
            case .lingering:
                if connection.readClosed { return close(connection) }
                updateInterest(connection)
                return
            case .writing:
                if connection.closeAfterWrite {
                    linger(connection)
                    continue
                }
                connection.state = .reading
                connection.inFlight = nil
            case .reading:
                let event: HTTPParser.Event?
                do {
                    event = try connection.parser.nextEvent()
                } catch {
                    reject(connection, error)
                    continue
                }
                switch event {
                case nil:
                    let partial = connection.parser.hasPartialRequest
                    if connection.readClosed || (draining && !partial) { return close(connection) }
                    let phase: ConnectionTimer.Phase = partial ? (connection.parser.isReadingBody ? .body : .head) : .idle
                    connection.timer.enter(phase, at: MonotonicClock.now())
                    updateInterest(connection)
                    return
                case .expectsContinue:
                    connection.output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                case .request(let parsed):
                    dispatch(connection, parsed)
                }
            }
        }
    }

    /// Writes queued output; false if the socket would block (POLLOUT armed) or the connection closed.
    private func flush(_ connection: Connection) -> Bool {
        while connection.hasPendingOutput {
            let sent = connection.output.withUnsafeBytes { bytes in
                send(connection.fd, bytes.baseAddress! + connection.outputOffset,
                     bytes.count - connection.outputOffset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outputOffset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if connection.state == .writing { connection.timer.enter(.writing, at: MonotonicClock.now()) }
                updateInterest(connection)
                return false
            } else {
                close(connection)
                return false
            }
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
        connection.outputOffset = 0
        return true
    }

    /// Routes on the loop (404/405 never leave it); matched handlers run as tasks.
    private func dispatch(_ connection: Connection, _ parsed: ParsedRequest) {
        let head = parsed.head
        let now = MonotonicClock.now()
        let requestID = requestIDs.resolve(head.headers["X-Request-Id"])
        var request = Request(method: head.method, target: head.target, headers: head.headers,
                              body: parsed.body, version: head.version, requestID: requestID)
        connection.generation &+= 1
        connection.inFlight = Connection.InFlight(
            method: head.method.rawValue, path: request.path, requestID: requestID,
            keepAlive: head.keepAlive && !draining, version: head.version,
            isHead: head.method == .head, startedAt: now)
        connection.state = .handling
        connection.timer.enter(.handling, at: now)
        // CONNECT's authority-form names no resource of ours: no method is allowed on it.
        let match: Router.Match = head.method == .connect && !request.path.hasPrefix("/")
            ? .methodNotAllowed(allowed: []) : context.router.match(method: head.method, path: request.path)
        switch match {
        case .notFound:
            respond(connection, with: .problem(status: .notFound, detail: "No route matches this path."))
        case .badPath:
            respond(connection, with: .problem(status: .badRequest, detail: "The path has a malformed percent escape."))
        case .methodNotAllowed(let allowed):
            var response = Response.problem(status: .methodNotAllowed, detail: "This path does not accept this method.")
            response.headers["Allow"] = allowed.map(\.rawValue).joined(separator: ", ")
            respond(connection, with: response)
        case let .found(handler, parameters):
            request.pathParameters = parameters
            let inbox = inbox
            let context = context
            let executor = executor
            let fd = connection.fd
            let id = connection.id
            let generation = connection.generation
            let preferred: any TaskExecutor = context.handlerPool ?? executor
            connection.task = Task(executorPreference: preferred) {
                let response = await context.run(handler, request)
                inbox.post(.completed(fd: fd, connectionID: id, generation: generation, response: response))
            }
        }
    }

    /// Queues the response for the in-flight request and logs the request line.
    func respond(_ connection: Connection, with response: Response) {
        let info = connection.inFlight
        let keepAlive = (info?.keepAlive ?? false) && !draining && !connection.closeAfterWrite
        let framing = ResponseEncoder.Framing(keepAlive: keepAlive, version: info?.version ?? .http1_1,
                                              omitBody: info?.isHead ?? false, requestID: info?.requestID)
        let bytes = ResponseEncoder.encode(response, framing: framing, date: dates.current())
        connection.output.append(contentsOf: bytes)
        connection.closeAfterWrite = !keepAlive
        connection.state = .writing
        let now = MonotonicClock.now()
        connection.timer.enter(.idle, at: now)
        let started = info?.startedAt ?? now
        context.logger.info("request", metadata: [
            "method": "\(info?.method ?? "-")",
            "path": "\(info?.path ?? "-")",
            "status": "\(response.status.code)",
            "bytes": "\(response.body.count)",
            "duration_ms": "\(Double((now &- started) / 1000) / 1000)",
            "request_id": "\(info?.requestID ?? "-")",
        ])
    }

    /// A request that cannot be parsed: its status at once, then the connection closes.
    private func reject(_ connection: Connection, _ error: HTTPParseError) {
        connection.closeAfterWrite = true
        connection.inFlight = nil
        let status = HTTPStatus(code: error.statusCode)
        respond(connection, with: .problem(status: status, detail: error.detail))
    }

    /// Our side is done: half-close, then drain what the client still sends, so the final
    /// response is not wiped out by the reset a close with unread data would trigger.
    private func linger(_ connection: Connection) {
        connection.state = .lingering
        connection.timer.enter(.lingering, at: MonotonicClock.now())
        _ = shutdown(connection.fd, Int32(SHUT_WR))
    }

    /// Closes with a reset, discarding whatever the kernel still holds for a client that stopped
    /// reading; a plain close would keep trickling it out (and holding the memory) for minutes.
    private func abort(_ connection: Connection) {
        var option = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(connection)
    }

    func timedOut(_ connection: Connection, in phase: ConnectionTimer.Phase) {
        switch phase {
        case .idle, .lingering:
            close(connection)
        case .writing:
            abort(connection)
        case .head, .body:
            connection.closeAfterWrite = true
            connection.inFlight = nil
            respond(connection, with: .problem(status: .requestTimeout,
                                               detail: "The request was not received in time."))
            drive(connection)
        case .handling:
            connection.task?.cancel()
            connection.task = nil
            connection.generation &+= 1
            connection.closeAfterWrite = true
            respond(connection, with: .problem(status: .serviceUnavailable,
                                               detail: "The request took longer than its time budget."))
            drive(connection)
        }
    }
}
