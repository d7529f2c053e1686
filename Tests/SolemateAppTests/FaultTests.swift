import Foundation
import Testing
import TestSupport

/// PostgreSQL going away and coming back, on a private server of the test's own. Serialized: two
/// private servers starting at once could pick the same free port.
@Suite("Faults", .serialized)
struct FaultTests {
    @Test("with PostgreSQL down, reads keep being answered from memory, /ready says why not, writes get 503 and nothing is half-written; then it recovers by itself")
    func databaseDownWhileServing() async throws {
        try await ServiceHarness.withScratchServer { harness, scratch in
            let client = harness.client
            #expect(try await client.get("/ready").status == 200)
            let event = Event(user_id: 1, shoe_id: 5, interaction_type: "view", occurred_at: "2026-02-15T12:00:00Z")

            try await offCooperativePool { try scratch.stop() }
            for path in ["/users/1/recommendations?k=5", "/users/7/recommendations", "/shoes/1/similar?k=3", "/popular?k=5",
                         "/popular?type=running", "/shoes/1", "/health"] {
                let response = try await client.get(path)
                #expect(response.status == 200, "\(path): \(response)")
            }
            let ready = try await client.get("/ready")
            #expect(ready.status == 503, "\(ready)")
            let readiness = try ready.object()
            #expect(readiness.string("status") == "not ready")
            #expect(readiness.string("database") == "unreachable")
            #expect(readiness.string("model") == "loaded")

            expectProblem(try await client.post("/interactions", body: event), 503)
            expectProblem(try await client.post("/interactions", body: [event, Event(user_id: 2, shoe_id: 6, interaction_type: "view")]), 503)
            expectProblem(try await client.post("/shoes", body: NewShoe.trailShoe), 503)
            expectProblem(try await client.post("/care/sent?as_of=2026-03-15", json: #"{"purchase_id":1}"#), 503)
            expectProblem(try await client.get("/users/1"), 503)
            expectProblem(try await client.get("/care?as_of=2026-03-15"), 503)
            // A retrain fails without the database and keeps the models being served.
            let before = try await harness.currentVersion()
            #expect(try await client.post("/admin/train", json: "", headers: harness.adminHeaders).status == 202)
            let failed = try await harness.eventually(within: 120) {
                let models = try await client.get("/admin/models", headers: harness.adminHeaders).object()
                return models["training_in_progress"] as? Bool == false && models["last_training_error"] is String
            }
            #expect(failed, "the retrain did not fail and report it")
            #expect(try await harness.currentVersion() == before)
            let served = try await client.get("/users/1/recommendations?k=3")
            #expect(served.status == 200)
            #expect(try served.object().string("model_version") == before)
            #expect(try await client.get("/ready").object()["last_training_error"] is String)
            #expect(try await client.get("/metrics").text.contains(#"solemate_trainings_total{outcome="failure"} 1"#))

            // The refused event did not reach the in-memory histories either.
            let recommendations = try await client.get("/users/8/recommendations").object()
            #expect(recommendations["cold_start"] as? Bool == true)

            try await offCooperativePool { try scratch.start() }
            let recovered = try await harness.eventually(within: 120) { try await client.get("/ready").status == 200 }
            #expect(recovered, "/ready did not recover within 10 s of PostgreSQL's restart")
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount)
            #expect(try await harness.count("SELECT count(*) FROM shoes") == ShopFixture.shoeCount)

            let posted = try await client.post("/interactions", body: event)
            #expect(posted.status == 201, "\(posted)")
            #expect(try posted.object().int("inserted") == 1)
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount + 1)
            #expect(try await client.get("/users/1").status == 200)
        }
    }

    @Test("started with PostgreSQL down, the service answers /health, is not ready, keeps retrying, and becomes ready once PostgreSQL is up")
    func databaseDownAtStart() async throws {
        try await ServiceHarness.withScratchServer(trained: false) { harness, scratch in
            let client = harness.client
            try await offCooperativePool { try scratch.stop() }
            let bootstrap = Task { await harness.service.bootstrap() }
            defer { bootstrap.cancel() }

            #expect(try await client.get("/health").status == 200)
            let ready = try await client.get("/ready")
            #expect(ready.status == 503, "\(ready)")
            #expect(try ready.object().string("database") == "unreachable")
            #expect(try ready.object().string("model") == "not loaded")
            expectProblem(try await client.get("/users/1/recommendations"), 503)
            expectProblem(try await client.get("/popular"), 503)

            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await client.get("/ready").status == 503)
            try await offCooperativePool { try scratch.start() }
            let becameReady = try await harness.eventually(within: 120) { try await client.get("/ready").status == 200 }
            #expect(becameReady, "not ready within 120 s of PostgreSQL starting")
            await bootstrap.value
            let recommendations = try await client.get("/users/1/recommendations?k=3")
            #expect(recommendations.status == 200, "\(recommendations)")
            #expect(try recommendations.object()["cold_start"] as? Bool == false)
        }
    }
}
