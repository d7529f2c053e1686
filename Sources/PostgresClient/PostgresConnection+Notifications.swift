import CLibPQ
import Foundation

/// One `NOTIFY` the server delivered to a connection that `LISTEN`s.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// The backend that sent it (our own `backendPID` for a NOTIFY this connection sent).
    public var senderPID: Int32

    public init(channel: String, payload: String, senderPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}

extension PostgresConnection {
    /// Subscribes this connection to `channel` (an identifier: letters, digits and underscores,
    /// not starting with a digit, since LISTEN takes no parameter).
    ///
    /// A notification is delivered only to a connection listening when it is committed: one
    /// missed while the connection was down is never replayed, so a listener also polls.
    public func listen(_ channel: String) throws {
        guard let first = channel.unicodeScalars.first, !("0"..."9").contains(first),
              channel.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { throw PostgresError(.client, message: "not a channel name: \(channel)") }
        try execute("LISTEN \(channel)")
    }

    /// The notifications that arrived, waiting up to `timeout` for the first when none has yet:
    /// the socket is polled for readiness, libpq reads what came (`PQconsumeInput`) and hands the
    /// notifications over (`PQnotifies`). Empty on timeout.
    ///
    /// - Throws: a `.connection` error when the connection broke (the caller opens a new one and
    ///   listens again).
    public func notifications(waitingUpTo timeout: Duration) throws -> [PostgresNotification] {
        try checkOpen()
        var received = drainNotifications()
        guard received.isEmpty else { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw connectionError() }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR { throw PostgresError(.connection, message: "poll: \(String(cString: strerror(errno)))") }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { throw connectionError() }
            received = drainNotifications()
        }
        return received
    }

    /// Sends `NOTIFY channel, payload` (through `pg_notify`, so the payload is a parameter); inside
    /// a transaction it is delivered when that commits, and not at all if it rolls back.
    public func notify(_ channel: String, payload: String) throws {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    private func drainNotifications() -> [PostgresNotification] {
        var received: [PostgresNotification] = []
        while let notification = PQnotifies(handle) {
            let value = notification.pointee
            received.append(PostgresNotification(
                channel: String(cString: value.relname), payload: value.extra.map { String(cString: $0) } ?? "",
                senderPID: value.be_pid))
            PQfreemem(notification)
        }
        return received
    }
}
