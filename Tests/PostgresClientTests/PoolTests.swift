import Dispatch
import Foundation
import PostgresClient
import Synchronization
import Testing
import TestSupport

@Suite("The pool lends connections safely and recovers from a restarted server")
struct PoolTests {
    @Test("many threads share a few connections without ever opening more than the cap")
    func concurrentUse() throws {
        try TestDatabase.with { database in
            let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 4))
            defer { pool.shutdown() }
            try pool.withConnection { try $0.execute("CREATE TABLE hits (thread int, n int)") }
            let failures = Mutex(0)
            let maxOpen = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 16) { thread in
                for n in 0..<25 {
                    do {
                        try pool.withConnection { connection in
                            try connection.execute("INSERT INTO hits VALUES ($1, $2)", [thread, n])
                        }
                        let open = pool.statistics.open
                        maxOpen.withLock { $0 = max($0, open) }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
            #expect(failures.withLock { $0 } == 0)
            #expect(maxOpen.withLock { $0 } <= 4)
            let count = try pool.withConnection { try $0.query("SELECT count(*) FROM hits")[0].decode(Int.self, at: 0) }
            #expect(count == 16 * 25)
            #expect(pool.statistics.inUse == 0)
        }
    }

    @Test("a borrower waiting longer than the acquire timeout gets a pool-timeout error")
    func acquireTimeout() throws {
        try TestDatabase.with { database in
            let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 1, acquireTimeout: .milliseconds(200)))
            defer { pool.shutdown() }
            let timeout = #expect(throws: PostgresError.self) {
                try pool.withConnection { _ in try pool.withConnection { _ in } }
            }
            #expect(timeout?.kind == .poolTimeout)
        }
    }

    @Test("async borrowers get connections too")
    func asyncBorrowers() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 2))
        defer { pool.shutdown() }
        let sum = try await withThrowingTaskGroup(of: Int.self) { group in
            for value in 1...10 {
                group.addTask {
                    try await pool.withConnection { try $0.query("SELECT $1::int4", [value])[0].decode(Int.self, at: 0) }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(sum == 55)
    }

    @Test("after the server restarts, the pool replaces its dead connections by itself")
    func reconnectAfterRestart() throws {
        let server = try ScratchServer()
        defer { server.destroy() }
        let pool = PostgresPool(configuration: .init(url: server.url, maxConnections: 2))
        defer { pool.shutdown() }
        let before = try pool.withConnection { $0.backendPID }
        #expect(pool.statistics.idle == 1)

        try server.stop()
        let whileDown = #expect(throws: PostgresError.self) { try pool.withConnection { try $0.query("SELECT 1") } }
        #expect(whileDown?.isConnectionFailure == true)
        try server.start()

        let answer = try pool.withConnection { try $0.query("SELECT 41 + 1")[0].decode(Int.self, at: 0) }
        #expect(answer == 42)
        #expect(try pool.withConnection { $0.backendPID } != before)
        #expect(pool.statistics.open == 1)
    }
}
