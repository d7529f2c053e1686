import PostgresClient
import Testing
import TestSupport

@Suite("LISTEN/NOTIFY and binary bytea parameters")
struct NotificationTests {
    @Test("a notification committed on one connection reaches a listening one, and a rolled-back one never does")
    func notificationsArriveAfterCommit() throws {
        try TestDatabase.with { database in
            let listener = try database.connect(), sender = try database.connect()
            try listener.listen("solemate_test_channel")
            #expect(try listener.notifications(waitingUpTo: .milliseconds(50)).isEmpty)
            struct Abort: Error {}
            try? sender.transaction { connection in
                try connection.notify("solemate_test_channel", payload: "rolled back")
                throw Abort()
            }
            try sender.transaction { try $0.notify("solemate_test_channel", payload: "v42") }
            var received: [PostgresNotification] = []
            for _ in 0..<50 where received.isEmpty { received = try listener.notifications(waitingUpTo: .milliseconds(200)) }
            #expect(received == [PostgresNotification(channel: "solemate_test_channel", payload: "v42", senderPID: sender.backendPID)])
            // The connection still answers queries between waits.
            #expect(try listener.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
        }
    }

    @Test("a channel that is not an identifier is refused before it reaches SQL")
    func channelNamesAreIdentifiers() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            for bad in ["", "1abc", "a; DROP TABLE x", "a-b"] {
                #expect(throws: PostgresError.self) { try connection.listen(bad) }
            }
        }
    }

    @Test("a broken listening connection throws instead of waiting forever")
    func brokenListenerThrows() throws {
        try TestDatabase.with { database in
            let listener = try database.connect(), killer = try database.connect()
            try listener.listen("solemate_test_channel")
            try killer.execute("SELECT pg_terminate_backend($1)", [Int(listener.backendPID)])
            var failed = false
            for _ in 0..<50 where !failed {
                do { _ = try listener.notifications(waitingUpTo: .milliseconds(200)) } catch { failed = true }
            }
            #expect(failed && !listener.isUsable)
        }
    }

    @Test("bytes travel in binary as themselves: empty, every byte value, several MiB")
    func byteaRoundTrip() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE blobs (id int PRIMARY KEY, data bytea NOT NULL)")
            let large = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            for (id, bytes) in [[], Array(0...255), large].enumerated() {
                try connection.execute("INSERT INTO blobs VALUES ($1, $2)", [id, PostgresBytes(bytes)])
                let stored = try connection.query("SELECT data, length(data) FROM blobs WHERE id = $1", [id])[0]
                #expect(try stored.decode([UInt8].self, at: 0) == bytes)
                #expect(try stored.decode(Int.self, at: 1) == bytes.count)
            }
            #expect(PostgresBytes([0x0a, 0xff]).postgresText() == "\\x0aff")
        }
    }
}
