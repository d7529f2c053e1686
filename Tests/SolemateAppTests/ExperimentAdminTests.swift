import ExperimentStatistics
import Foundation
import Testing

/// `/admin/experiments`: experiments are created, listed, read and stopped through the admin API,
/// refused with what is wrong (writing nothing), and kept in PostgreSQL across restarts.
@Suite("Experiments: admin API", .serialized)
struct ExperimentAdminTests {
    static let easeVsHybrid = #"""
        {"name": "ease-vs-hybrid", "traffic": 100, "arms": [{"name": "control", "model": "hybrid", "weight": 50},
         {"name": "treatment", "model": "ease", "weight": 50}]}
        """#

    @Test("an experiment is created (201), listed, read and stopped; a second on the surface, a taken name and a second stop are 409; an unknown name is 404")
    func lifecycle() async throws {
        try await ServiceHarness.with { harness in
            let client = harness.client, admin = harness.adminHeaders
            let created = try await client.post("/admin/experiments", json: Self.easeVsHybrid, headers: admin)
            #expect(created.status == 201, "\(created)")
            let experiment = try created.object()
            #expect(experiment.string("name") == "ease-vs-hybrid")
            #expect(experiment.string("status") == "running")
            #expect(experiment.string("surface") == "recommendations")
            #expect(experiment.int("traffic") == 100)
            #expect((experiment.string("salt") ?? "").count >= 16)
            #expect(experiment.string("created_at") != nil)
            let arms = try #require(experiment["arms"] as? [[String: Any]])
            #expect(arms.map { $0.string("name") } == ["control", "treatment"])
            #expect(arms.map { $0.string("model") } == ["hybrid", "ease"])
            #expect(arms.map { $0.int("weight") } == [50, 50])

            let listed = try await client.get("/admin/experiments", headers: admin).object()
            #expect((listed["experiments"] as? [[String: Any]])?.map { $0.string("name") } == ["ease-vs-hybrid"])
            #expect(try await client.get("/admin/experiments/ease-vs-hybrid", headers: admin).object().string("salt") == experiment.string("salt"))

            let second = #"{"name": "other", "arms": [{"name": "a", "model": "hybrid", "weight": 1}, {"name": "b", "model": "svd", "weight": 1}]}"#
            expectProblem(try await client.post("/admin/experiments", json: second, headers: admin), 409)

            let stopped = try await client.post("/admin/experiments/ease-vs-hybrid/stop", json: "", headers: admin)
            #expect(stopped.status == 200, "\(stopped)")
            #expect(try stopped.object().string("status") == "stopped")
            #expect(try stopped.object().string("stopped_at") != nil)
            expectProblem(try await client.post("/admin/experiments/ease-vs-hybrid/stop", json: "", headers: admin), 409)
            expectProblem(try await client.post("/admin/experiments", json: Self.easeVsHybrid, headers: admin), 409)
            // With the first stopped, the surface is free again.
            #expect(try await client.post("/admin/experiments", json: second, headers: admin).status == 201)
            let statuses = try await client.get("/admin/experiments", headers: admin).object()["experiments"] as? [[String: Any]]
            #expect(statuses?.map { "\($0.string("name") ?? ""):\($0.string("status") ?? "")" } == ["other:running", "ease-vs-hybrid:stopped"])

            expectProblem(try await client.get("/admin/experiments/nope", headers: admin), 404)
            expectProblem(try await client.post("/admin/experiments/nope/stop", json: "", headers: admin), 404)
            expectProblem(try await client.get("/admin/experiments/nope/report", headers: admin), 404)
            expectProblem(try await client.get("/admin/experiments"), 401)
        }
    }

    @Test("bad input is 400 or 422 naming the field, and writes nothing")
    func badInputWritesNothing() async throws {
        try await ServiceHarness.with { harness in
            let client = harness.client, admin = harness.adminHeaders
            func arms(_ first: String, _ second: String) -> String {
                #"{"name": "x", "arms": [\#(first), \#(second)]}"#
            }
            let hybrid = #"{"name": "a", "model": "hybrid", "weight": 1}"#
            let cases: [(body: String, status: Int, field: String?)] = [
                ("{", 400, nil),
                (#"{"name": "x"}"#, 400, nil),
                (arms(hybrid, #"{"name": "b", "model": "nope", "weight": 1}"#), 422, "arms[1].model"),
                (arms(hybrid, #"{"name": "b", "model": "hybrid", "version": "20200101T000000.000Z", "weight": 1}"#), 422, "arms[1].version"),
                (arms(hybrid, #"{"name": "b", "model": "ease", "weight": 0}"#), 422, "arms[1].weight"),
                (arms(hybrid, #"{"name": "b", "model": "ease", "weight": -3}"#), 422, "arms[1].weight"),
                (arms(hybrid, #"{"name": "a", "model": "ease", "weight": 1}"#), 422, "arms[1].name"),
                (arms(hybrid, #"{"name": "b", "model": "ease", "weight": 1, "params": {"alpha": 0.5}}"#), 422, "arms[1].params"),
                (arms(hybrid, #"{"name": "b", "model": "hybrid", "weight": 1, "params": {"alpha": 1.5}}"#), 422, "arms[1].params.alpha"),
                (arms(hybrid, #"{"name": "b", "model": "hybrid", "weight": 1, "params": {"beta": 1}}"#), 422, "arms[1].params.beta"),
                (#"{"name": "x", "arms": [\#(hybrid)]}"#, 422, "arms"),
                (#"{"name": "x", "traffic": 0, "arms": [\#(hybrid), {"name": "b", "model": "ease", "weight": 1}]}"#, 422, "traffic"),
                (#"{"name": "x", "traffic": 101, "arms": [\#(hybrid), {"name": "b", "model": "ease", "weight": 1}]}"#, 422, "traffic"),
                (#"{"name": "no spaces", "arms": [\#(hybrid), {"name": "b", "model": "ease", "weight": 1}]}"#, 422, "name"),
                (#"{"name": "x", "salt": "", "arms": [\#(hybrid), {"name": "b", "model": "ease", "weight": 1}]}"#, 422, "salt"),
                (#"{"name": "x", "salt": "a b", "arms": [\#(hybrid), {"name": "b", "model": "ease", "weight": 1}]}"#, 422, "salt"),
            ]
            for (body, status, field) in cases {
                let response = try await client.post("/admin/experiments", json: body, headers: admin)
                expectProblem(response, status)
                if let field {
                    let errors = try response.object()["errors"] as? [[String: Any]]
                    #expect(errors?.contains { $0.string("field") == field } == true, "\(body): \(response)")
                }
            }
            #expect(try await harness.count("SELECT count(*) FROM experiments") == 0)
            #expect(try await harness.count("SELECT count(*) FROM experiment_arms") == 0)
        }
    }

    @Test("an arm may pin the current version or blend the hybrid with its own alpha; both serve")
    func pinnedVersionAndParams() async throws {
        try await ServiceHarness.with { harness in
            let client = harness.client, admin = harness.adminHeaders
            let version = try #require(try await harness.currentVersion())
            let body = #"""
                {"name": "pinned", "arms": [{"name": "control", "model": "hybrid", "weight": 1, "version": "\#(version)"},
                 {"name": "blend", "model": "hybrid", "weight": 1, "params": {"alpha": 0.2}}]}
                """#
            let created = try await client.post("/admin/experiments", json: body, headers: admin)
            #expect(created.status == 201, "\(created)")
            let arms = try #require(try created.object()["arms"] as? [[String: Any]])
            #expect(arms[0].string("version") == version)
            #expect((arms[1]["params"] as? [String: Double]) == ["alpha": 0.2])
            // A retrain publishes a new version; the pinned arm keeps serving the old one.
            try await harness.service.retrain()
            let newVersion = try await harness.currentVersion()
            #expect(newVersion != version)
            var seenArms = Set<String>()
            for user in 1...8 {
                let list = try await client.get("/users/\(user)/recommendations?k=3").object()
                let arm = try #require(list.object("experiment")?.string("arm"))
                seenArms.insert(arm)
                #expect(list.string("model_version") == (arm == "control" ? version : newVersion), "user \(user) in \(arm)")
            }
            #expect(seenArms == ["control", "blend"])
        }
    }

    @Test("a pinned version survives a restart: the new service trains a version of its own, restores the pinned one from PostgreSQL, and the pinned arm still serves it")
    func pinnedVersionSurvivesARestart() async throws {
        try await ServiceHarness.with { harness in
            let version = try #require(try await harness.currentVersion())
            let body = #"""
                {"name": "pinned-restart", "arms": [{"name": "control", "model": "hybrid", "weight": 1, "version": "\#(version)"},
                 {"name": "treatment", "model": "ease", "weight": 1}]}
                """#
            let created = try await harness.client.post("/admin/experiments", json: body, headers: harness.adminHeaders)
            #expect(created.status == 201, "\(created)")
            try await ServiceHarness.serving(databaseURL: harness.databaseURL, trained: true) { restarted in
                #expect(try await restarted.currentVersion() != version, "the restarted service trained a version of its own")
                let listed = try await restarted.client.get("/admin/experiments", headers: restarted.adminHeaders).object()
                let experiment = try #require((listed["experiments"] as? [[String: Any]])?.first)
                #expect(experiment.string("unavailable") == nil, "\(experiment)")
                var controls = 0
                for user in 1...12 {
                    let list = try await restarted.client.get("/users/\(user)/recommendations?k=3").object()
                    guard list.object("experiment")?.string("arm") == "control" else { continue }
                    controls += 1
                    #expect(list.string("model_version") == version, "user \(user)")
                }
                #expect(controls > 0)
            }
        }
    }

    @Test("a salt given at creation is the experiment's: two experiments with one salt put every user in the same arm")
    func givenSaltReproducesTheSplit() async throws {
        try await ServiceHarness.with { harness in
            func create(_ name: String) async throws -> [String: Any] {
                let body = #"{"name": "\#(name)", "salt": "rerun-7", "arms": [{"name": "control", "model": "hybrid", "weight": 1}, {"name": "treatment", "model": "ease", "weight": 1}]}"#
                let created = try await harness.client.post("/admin/experiments", json: body, headers: harness.adminHeaders)
                #expect(created.status == 201, "\(created)")
                return try created.object()
            }
            func arms() async throws -> [String?] {
                var arms: [String?] = []
                for user in 1...12 { arms.append(try await harness.client.get("/users/\(user)/recommendations?k=1").object().object("experiment")?.string("arm")) }
                return arms
            }
            #expect(try await create("first").string("salt") == "rerun-7")
            let first = try await arms()
            _ = try await harness.client.post("/admin/experiments/first/stop", json: "", headers: harness.adminHeaders)
            _ = try await create("second")
            let split = try #require(TrafficSplit(weights: [1, 1], trafficPercent: 100))
            #expect(first == (1...12).map { ["control", "treatment"][split.arm(salt: "rerun-7", userID: $0)!] })
            #expect(try await arms() == first)
        }
    }

    @Test("experiments survive a restart: a new service on the same schema serves the same arm to every user, the one the salted hash gives")
    func surviveRestartWithStableAssignment() async throws {
        try await ServiceHarness.with { harness in
            let created = try await harness.client.post("/admin/experiments", json: Self.easeVsHybrid, headers: harness.adminHeaders)
            let salt = try #require(try created.object().string("salt"))
            let split = try #require(TrafficSplit(weights: [50, 50], trafficPercent: 100))
            func arms(_ harness: ServiceHarness) async throws -> [String] {
                var arms: [String] = []
                for user in 1...8 {
                    let list = try await harness.client.get("/users/\(user)/recommendations?k=3").object()
                    let experiment = try #require(list.object("experiment"))
                    #expect(experiment.string("name") == "ease-vs-hybrid")
                    let arm = try #require(experiment.string("arm"))
                    #expect(list.string("model") == (arm == "control" ? "hybrid" : "ease") || list["cold_start"] as? Bool == true)
                    arms.append(arm)
                }
                return arms
            }
            let expected = (1...8).map { ["control", "treatment"][split.arm(salt: salt, userID: $0)!] }
            #expect(try await arms(harness) == expected)
            #expect(try await arms(harness) == expected)
            try await ServiceHarness.serving(databaseURL: harness.databaseURL, trained: true) { restarted in
                let listed = try await restarted.client.get("/admin/experiments", headers: restarted.adminHeaders).object()
                #expect((listed["experiments"] as? [[String: Any]])?.first?.string("status") == "running")
                #expect(try await arms(restarted) == expected)
            }
        }
    }
}
