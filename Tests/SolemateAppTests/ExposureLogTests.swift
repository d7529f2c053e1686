import Foundation
import PostgresClient
import ShoeData
import ShoeServices
import Testing

/// Every served list carries a recommendation id and is written to the exposure log, by a writer
/// that serving never waits for; an explicit `model=` is served outside any experiment.
@Suite("Experiments: exposure log", .serialized)
struct ExposureLogTests {
    @Test("recommendations, similar and popular each carry a recommendation_id, and each list is written with its shoes in order")
    func everyListIsLogged() async throws {
        try await ServiceHarness.with { harness in
            var ids: [String: [Int]] = [:]
            for path in ["/users/1/recommendations?k=4", "/users/7/recommendations?k=2", "/shoes/1/similar?k=3", "/popular?k=5"] {
                let response = try await harness.client.get(path)
                #expect(response.status == 200, "\(path): \(response)")
                let id = try #require(try response.object().string("recommendation_id"), "\(path)")
                #expect(UUID(uuidString: id) != nil)
                ids[id] = shoeIDs(try response.items())
            }
            #expect(Set(ids.keys).count == 4)
            let written = try await harness.eventually(within: 60) {
                try await harness.count("SELECT count(*) FROM exposures") == 4
            }
            #expect(written, "the four lists were not written within 60 s")
            for (id, shoes) in ids {
                let stored = try await harness.count(
                    "SELECT count(*) FROM exposures WHERE recommendation_id = '\(id)' AND shoe_ids = '{\(shoes.map(String.init).joined(separator: ","))}'::int[]")
                #expect(stored == 1, "list \(id)")
            }
            #expect(try await harness.count("SELECT count(*) FROM exposures WHERE surface = 'recommendations' AND user_id = 1 AND model = 'hybrid'") == 1)
            #expect(try await harness.count("SELECT count(*) FROM exposures WHERE surface = 'similar' AND user_id IS NULL") == 1)
            // Written into today's day partition, which the writer created along with tomorrow's.
            #expect(try await harness.count("""
                SELECT count(*) FROM pg_inherits WHERE inhparent = 'exposures'::regclass
                """) >= 2)
            #expect(try await harness.client.get("/metrics").text.contains("solemate_exposures_written_total 4"))
        }
    }

    @Test("inside an experiment the list names its arm and is logged under it, with the user's assignment once; an explicit model= is neither; a refused request still assigns")
    func experimentListsAndExplicitModel() async throws {
        try await ServiceHarness.with { harness in
            let created = try await harness.client.post(
                "/admin/experiments", json: ExperimentAdminTests.easeVsHybrid, headers: harness.adminHeaders)
            #expect(created.status == 201)
            let first = try await harness.client.get("/users/1/recommendations?k=3").object()
            let second = try await harness.client.get("/users/1/recommendations?k=3").object()
            let arm = try #require(first.object("experiment")?.string("arm"))
            #expect(second.object("experiment")?.string("arm") == arm)
            let explicit = try await harness.client.get("/users/1/recommendations?k=3&model=svd").object()
            #expect(explicit["experiment"] == nil)
            #expect(explicit.string("model") == "svd")
            let written = try await harness.eventually(within: 60) {
                try await harness.count("SELECT count(*) FROM exposures") == 3
            }
            #expect(written)
            let armIndex = arm == "control" ? 0 : 1
            #expect(try await harness.count(
                "SELECT count(*) FROM exposures WHERE experiment_id IS NOT NULL AND arm = \(armIndex) AND user_id = 1") == 2)
            #expect(try await harness.count(
                "SELECT count(*) FROM exposures WHERE experiment_id IS NULL AND model = 'svd' AND recommendation_id = '\(explicit.string("recommendation_id") ?? "")'") == 1)
            #expect(try await harness.count("SELECT count(*) FROM experiment_assignments WHERE user_id = 1 AND arm = \(armIndex)") == 1)
            // A request refused after assignment (k out of range) counts the user as assigned, not exposed.
            expectProblem(try await harness.client.get("/users/2/recommendations?k=0"), 400)
            let assigned = try await harness.eventually(within: 60) {
                try await harness.count("SELECT count(*) FROM experiment_assignments WHERE user_id = 2") == 1
            }
            #expect(assigned)
            #expect(try await harness.count("SELECT count(*) FROM exposures WHERE user_id = 2") == 0)
        }
    }

    @Test("with EXPOSURE_LOG=off nothing is written (while a service with it on writes its one list to the same tables)")
    func loggingOff() async throws {
        try await ServiceHarness.with { harness in
            try await ServiceHarness.serving(databaseURL: harness.databaseURL, trained: true, configure: { $0.exposureLogEnabled = false }) { off in
                for path in ["/users/1/recommendations", "/shoes/1/similar", "/popular"] {
                    let response = try await off.client.get(path)
                    #expect(response.status == 200)
                    #expect(try response.object().string("recommendation_id") != nil)
                }
                #expect(off.service.configuration.exposureLogEnabled == false)
            }
            // The service that logs writes its one list; the stopped one, whose writer never ran, wrote none.
            _ = try await harness.client.get("/popular?k=2")
            let written = try await harness.eventually(within: 60) { try await harness.count("SELECT count(*) FROM exposures") >= 1 }
            #expect(written)
            #expect(try await harness.count("SELECT count(*) FROM exposures") == 1)
        }
    }

    @Test("retention drops the day partitions older than the setting, and only those")
    func retentionDropsOldPartitions() async throws {
        try await ServiceHarness.with { harness in
            _ = try await harness.client.get("/popular?k=2")
            #expect(try await harness.eventually(within: 60) { try await harness.count("SELECT count(*) FROM exposures") == 1 })
            let url = harness.databaseURL
            let dropped = try await offCooperativePool { () -> [String] in
                let connection = try PostgresConnection(url: url)
                defer { connection.close() }
                let today = Day.today.daysSinceEpoch
                for age in [3, 10, 40] { try ExposurePartitions.create(day: Day(daysSinceEpoch: today - Int64(age)), connection) }
                return try ExposurePartitions.dropOlder(than: 7, connection)
            }
            let today = Day.today.daysSinceEpoch
            #expect(dropped == [40, 10].map { ExposurePartitions.name(of: Day(daysSinceEpoch: today - $0)) })
            #expect(try await harness.count("SELECT count(*) FROM exposures") == 1)
            #expect(try await harness.count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'exposures'::regclass") == 3)
        }
    }
}
