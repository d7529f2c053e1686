import Foundation
import PostgresClient
import ShoeServices
import SolemateApp
import Testing
import TestSupport

/// Batch exports for campaigns on the default data: the lists are the API's, nothing partial
/// survives a kill, and the service runs one export at a time.
@Suite("Campaign exports")
struct CampaignExportTests {
    static let data = RepositoryPaths.root.appendingPathComponent("data")

    /// One exported line, read back independently.
    struct Line: Decodable {
        struct Item: Decodable {
            var shoe_id: Int
            var score: Double
        }

        var user_id: Int
        var model: String
        var model_version: String
        var items: [Item]
    }

    static func lines(_ url: URL) throws -> [Line] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }
    }

    /// The same list up to float rounding: the export scores a block with one SGEMM where a request
    /// scores with one SGEMV, so two shoes within 1e-5 of each other may trade places.
    static func sameList(_ exported: [Line.Item], _ served: [[String: Any]]) -> Bool {
        guard exported.count == served.count else { return false }
        for (position, (item, shoe)) in zip(exported, served).enumerated() {
            guard let score = shoe["score"] as? Double, abs(score - item.score) < 1e-5 else { return false }
            if item.shoe_id != shoe["shoe_id"] as? Int {
                let neighbours = [position - 1, position + 1].filter { served.indices.contains($0) }
                guard neighbours.contains(where: { served[$0]["shoe_id"] as? Int == item.shoe_id }) else { return false }
            }
        }
        return true
    }

    @Test("a JSON Lines export of every user, plain and filtered, holds what GET /users/{id}/recommendations answers; a table export the same rows")
    func exportMatchesTheAPI() async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let engine = harness.service.recommendations
            let url = harness.databaseURL
            let filterQuery = "type=sneaker&type=running&max_price=180&exclude_interacted=view&max_per_brand=2"
            let filter = try CampaignExport.filter(parameters: filterQuery.split(separator: "&").map {
                let pair = $0.split(separator: "=")
                return (String(pair[0]), String(pair[1]))
            })
            let (plain, filtered, tableRows) = try await offCooperativePool {
                try Self.exportThreeWays(engine: engine, url: url, filter: filter, folder: folder)
            }
            #expect(plain.count == 2000 && plain.map(\.user_id) == Array(1...2000), "every user of the users table, in id order")
            #expect(filtered.count == 2000)
            let version = try #require(engine.version?.id)
            let checks: [(Line, String)] = plain.map { ($0, "k=20") } + filtered.map { ($0, "k=10&\(filterQuery)") }
            for (line, query) in checks {
                let response = try await harness.client.get("/users/\(line.user_id)/recommendations?\(query)")
                let body = try response.object()
                #expect(line.model == body.string("model") && line.model_version == version)
                #expect(Self.sameList(line.items, try response.items()), "user \(line.user_id), \(query)")
            }
            let fromFile: [[Int]] = filtered.flatMap { line in
                line.items.enumerated().map { rank, item in [line.user_id, rank + 1, item.shoe_id] }
            }
            #expect(tableRows == fromFile && tableRows.count > 10_000)
            #expect(try await harness.count("SELECT count(*) FROM campaign_runs WHERE completed_at IS NOT NULL AND users = 2000") == 1)
        }
    }

    @Test("a user listed twice is exported once, at the first place: the table takes the list, and the run counts each user once")
    func repeatedUsersAreExportedOnce() async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let engine = harness.service.recommendations
            let url = harness.databaseURL
            let (runID, users) = try await offCooperativePool { () throws -> (Int64?, Int) in
                let pool = PostgresPool(configuration: .init(url: url, maxConnections: 2))
                defer { pool.shutdown() }
                let outcome = try CampaignExport.run(.init(k: 5, users: [5, 3, 5, 3, 9], format: .table), engine: engine, pool: pool)
                return (outcome.runID, outcome.summary.users)
            }
            #expect(users == 3)
            let runUsers = try await harness.count("SELECT count(DISTINCT user_id) FROM campaign_recommendations WHERE run_id = \(runID ?? -1)")
            #expect(runUsers == 3)
            #expect(try await harness.count("SELECT count(*) FROM campaign_runs WHERE run_id = \(runID ?? -1) AND users = 3 AND completed_at IS NOT NULL") == 1)
        }
    }

    /// All users plainly and filtered as JSON Lines, and filtered into the table: the two files read
    /// back, and the table's (user, rank, shoe) rows.
    static func exportThreeWays(
        engine: RecommendationEngine, url: String, filter: RecommendationFilter, folder: URL
    ) throws -> ([Line], [Line], [[Int]]) {
        let pool = PostgresPool(configuration: .init(url: url, maxConnections: 2))
        defer { pool.shutdown() }
        let plain = folder.appendingPathComponent("all.jsonl"), filtered = folder.appendingPathComponent("filtered.jsonl")
        _ = try CampaignExport.run(.init(k: 20, format: .jsonl, output: plain.path), engine: engine, pool: pool)
        _ = try CampaignExport.run(.init(k: 10, filter: filter, format: .jsonl, output: filtered.path), engine: engine, pool: pool)
        let table = try CampaignExport.run(.init(k: 10, filter: filter, format: .table), engine: engine, pool: pool)
        let rows = try pool.withConnection { connection in
            try connection.query(
                "SELECT user_id, rank, shoe_id FROM campaign_recommendations WHERE run_id = $1 ORDER BY user_id, rank",
                [table.runID ?? -1]
            ).map { row -> [Int] in [try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2)] }
        }
        return (try lines(plain), try lines(filtered), rows)
    }

    @Test("killed mid-run, `solemate export` leaves no file, no temporary file and no run in the table", arguments: ["jsonl", "table"])
    func interruptedExportLeavesNothing(format: String) async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            // The shop's 2,000 users, held after its first chunk (FaultInjection's export hold) and
            // killed there: mid-run by construction, however fast or slow the machine.
            let users = folder.appendingPathComponent("users.txt")
            try (1...2000).map(String.init).joined(separator: "\n").write(to: users, atomically: true, encoding: .utf8)
            let hold = FileManager.default.temporaryDirectory.appendingPathComponent("hold-\(UUID().uuidString.prefix(8))")
            try Data().write(to: hold)
            defer { try? FileManager.default.removeItem(at: hold) }
            let out = folder.appendingPathComponent("campaign.jsonl")
            var arguments = ["export", "--database-url", harness.databaseURL, "--format", format, "--users", users.path, "--progress"]
            if format == "jsonl" { arguments += ["--out", out.path] }
            let process = Process()
            process.executableURL = RepositoryPaths.root.appendingPathComponent(".build/debug/solemate")
            process.arguments = arguments
            // Its connections carry a name of their own: the suite's other tests share this
            // database (each in a schema of its own) and may hold COPYs of their own meanwhile.
            let applicationName = "export-kill-\(UUID().uuidString.prefix(8))"
            process.environment = ProcessInfo.processInfo.environment.merging(
                [FaultInjection.exportHoldFileVariable: hold.path, "PGAPPNAME": applicationName]) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Wait for the event "a chunk was written", however long training takes on a loaded machine.
            let progressed = try await offCooperativePool { () -> Bool in
                var seen = ""
                while true {
                    let chunk = errors.fileHandleForReading.availableData
                    if chunk.isEmpty { return false }
                    seen += String(decoding: chunk, as: UTF8.self)
                    if seen.range(of: #"exported [1-9][0-9]* / 2000 "#, options: .regularExpression) != nil { return true }
                }
            }
            #expect(progressed, "the export reported a chunk before it was killed")
            let ownCopies = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(applicationName)' AND query LIKE 'COPY campaign_recommendations%'"
            if format == "table" { #expect(try await harness.count(ownCopies) == 1, "the held export's COPY is seen, by its name") }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["users.txt"], "no file, no temporary name")
            // The killed export's backend notices its client is gone and rolls back: wait for that
            // event, with a bound no loaded machine reaches.
            #expect(try await harness.eventually(within: 300) {
                try await harness.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(applicationName)'") == 0
            })
            #expect(try await harness.count("SELECT count(*) FROM campaign_runs") == 0)
            #expect(try await harness.count("SELECT count(*) FROM campaign_recommendations") == 0)
        }
    }

    @Test("POST /admin/exports runs one export at a time (409 while it runs), GET /admin/exports/{id} follows it to its result")
    func backgroundExport() async throws {
        // The long export waits at the gate once its lists are written, so it is provably still
        // running when the test asks, however fast the machine is.
        let gate = TrainingGate()
        gate.arm()
        try await ServiceHarness.with(dataset: Self.data, exportHooks: gate.exportHooks) { harness in
            defer { gate.release() }
            let client = harness.client, admin = harness.adminHeaders
            expectProblem(try await client.post("/admin/exports", json: #"{"k": 5}"#), 401)
            expectProblem(try await client.post("/admin/exports?min_price=9&max_price=1", json: "{}", headers: admin), 400)
            expectProblem(try await client.post("/admin/exports", json: #"{"format": "csv"}"#, headers: admin), 400)
            expectProblem(try await client.post("/admin/exports", json: #"{"model": "nope"}"#, headers: admin), 400)

            // A long one: 80,000 distinct users (the shop's 2,000 and 78,000 it never saw, who get the
            // cold-start list; the body stays under 1 MB). Distinct, since a run holds one list a user.
            let many = (1...80_000).map(String.init).joined(separator: ",")
            let started = try await client.post("/admin/exports", json: #"{"k": 20, "users": [\#(many)]}"#, headers: admin)
            #expect(started.status == 202, "\(started)")
            let id = try #require(try started.object().int("id"))
            expectProblem(try await client.post("/admin/exports", json: "{}", headers: admin), 409)
            let running = try await client.get("/admin/exports/\(id)", headers: admin).object()
            #expect(running.string("status") == "running")
            #expect(try await harness.eventually(within: 120) {
                (try await client.get("/admin/exports/\(id)", headers: admin).object().int("users_done") ?? 0) > 0
            }, "progress is reported as it goes")
            expectProblem(try await client.get("/admin/exports/999", headers: admin), 404)
        }
        // A short one runs to its result.
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let client = harness.client, admin = harness.adminHeaders
            let started = try await client.post("/admin/exports?type=running", json: #"{"k": 3, "users": [1, 2, 3, 999999]}"#, headers: admin)
            let id = try #require(try started.object().int("id"))
            #expect(try await harness.eventually(within: 120) {
                try await client.get("/admin/exports/\(id)", headers: admin).object().string("status") != "running"
            })
            let job = try await client.get("/admin/exports/\(id)", headers: admin).object()
            #expect(job.string("status") == "succeeded", "\(job)")
            let result = try #require(job.object("result"))
            #expect(result.int("users") == 4 && result.int("rows") == 12)
            #expect(try await harness.count("SELECT count(*) FROM campaign_recommendations r JOIN shoes s ON s.id = r.shoe_id WHERE s.type = 'running'") == 12)
            #expect(try await harness.count("SELECT count(*) FROM campaign_runs WHERE filter = 'type=running' AND completed_at IS NOT NULL") == 1)
        }
    }
}
