import Foundation
import Testing

/// Bad input over real HTTP: the right status, always as application/problem+json, and nothing
/// written when a write is refused.
@Suite("Bad inputs")
struct BadInputTests {
    @Test("ids in the path that are not positive integers are 400")
    func badIDs() async throws {
        try await ServiceHarness.with { harness in
            for id in ["abc", "0", "-3", "1.5", "99999999999", "%20"] {
                for path in ["/users/\(id)/recommendations", "/shoes/\(id)/similar", "/users/\(id)", "/shoes/\(id)",
                             "/users/\(id)/care?as_of=2026-03-01", "/users/\(id)/replacement?as_of=2026-03-01"] {
                    expectProblem(try await harness.client.get(path), 400)
                }
            }
        }
    }

    @Test("k outside 1...100 or not a number is 400 on recommendations, similar and popular")
    func badK() async throws {
        try await ServiceHarness.with { harness in
            for k in ["0", "101", "abc", "-1", ""] {
                for path in ["/users/1/recommendations?k=\(k)", "/shoes/1/similar?k=\(k)", "/popular?k=\(k)"] {
                    expectProblem(try await harness.client.get(path), 400)
                }
            }
            #expect(try await harness.client.get("/popular?k=100").status == 200)
            #expect(try await harness.client.get("/users/1/recommendations?k=1").items().count == 1)
        }
    }

    @Test("an unknown model is 400 and names the trained ones; unknown shoes and users are 404")
    func unknownThings() async throws {
        try await ServiceHarness.with { harness in
            let model = try await harness.client.get("/users/1/recommendations?model=deep-magic")
            expectProblem(model, 400)
            #expect(try model.object().string("detail")?.contains("hybrid") == true)
            expectProblem(try await harness.client.get("/shoes/999/similar"), 404)
            expectProblem(try await harness.client.get("/shoes/999"), 404)
            expectProblem(try await harness.client.get("/users/999"), 404)
            expectProblem(try await harness.client.get("/users/999/care?as_of=2026-03-01"), 404)
            expectProblem(try await harness.client.get("/users/999/replacement?as_of=2026-03-01"), 404)
        }
    }

    @Test("care and replacement lists refuse a bad as_of, a bad cursor, limit, within_days and k out of range")
    func badNotificationQueries() async throws {
        try await ServiceHarness.with { harness in
            for list in ["/care", "/replacement", "/users/1/care", "/users/1/replacement"] {
                for query in ["as_of=2026-02-30", "as_of=yesterday", "as_of=2026-3-1", "as_of=2026-03-01&cursor=not-a-cursor",
                              "as_of=2026-03-01&cursor=Y2FyZXwxfDA", "as_of=2026-03-01&limit=0",
                              "as_of=2026-03-01&limit=1001", "as_of=2026-03-01&limit=ten"] {
                    expectProblem(try await harness.client.get("\(list)?\(query)"), 400)
                }
            }
            for query in ["within_days=-1", "within_days=3651", "k=0", "k=51"] {
                expectProblem(try await harness.client.get("/replacement?as_of=2026-03-01&\(query)"), 400)
            }
            // A cursor of the care list is no cursor of the replacement list.
            let care = try await harness.client.get("/care?as_of=2026-03-15&limit=1").object()
            let cursor = try #require(care.string("next_cursor"))
            expectProblem(try await harness.client.get("/replacement?as_of=2026-03-15&cursor=\(cursor)"), 400)
        }
    }

    @Test("malformed or mistyped JSON bodies are 400 on every POST, and an empty batch too")
    func malformedBodies() async throws {
        try await ServiceHarness.with { harness in
            for path in ["/interactions", "/shoes", "/care/sent", "/replacement/sent"] {
                for body in ["{", "not json", "", #"{"user_id":"one"}"#, "[1,2]"] {
                    expectProblem(try await harness.client.post(path, json: body), 400)
                }
            }
            expectProblem(try await harness.client.post("/interactions", json: "[]"), 400)
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount)
        }
    }

    @Test("a batch of 1,001 events is refused as too large (413, problem+json) and nothing is written")
    func batchTooLarge() async throws {
        try await ServiceHarness.with { harness in
            let events = Array(repeating: Event(user_id: 1, shoe_id: 2, interaction_type: "view"), count: 1_001)
            expectProblem(try await harness.client.post("/interactions", body: events), 413)
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount)
        }
    }

    @Test("a batch with bad events is 422 listing each bad one by index and field, and writes none of the good ones")
    func mixedBatch() async throws {
        try await ServiceHarness.with { harness in
            let events = [
                Event(user_id: 1, shoe_id: 5, interaction_type: "view"),
                Event(user_id: 1, shoe_id: 5, interaction_type: "like"),
                Event(user_id: 2, shoe_id: 777, interaction_type: "purchase"),
                Event(user_id: 3, shoe_id: 6, interaction_type: "view", occurred_at: "last tuesday"),
                Event(user_id: 9_999, shoe_id: 1, interaction_type: "view"),
                Event(user_id: 4, shoe_id: 8, interaction_type: "add_to_wishlist"),
            ]
            let response = try await harness.client.post("/interactions", body: events)
            expectProblem(response, 422)
            let errors = try #require(try response.object()["errors"] as? [[String: Any]])
            let listed = errors.map { "\($0.int("index") ?? -1) \($0.string("field") ?? "")" }
            #expect(listed == ["1 interaction_type", "2 shoe_id", "3 occurred_at", "4 user_id"])
            #expect(errors.allSatisfy { ($0.string("message") ?? "").isEmpty == false })
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount)
            let history = try await harness.client.get("/users/4").object()["history"] as? [Any]
            #expect(history?.count == 4)
        }
    }

    @Test("ids beyond the database's integer range in an event are 422 like any unknown id, not a server error")
    func outOfRangeIDs() async throws {
        try await ServiceHarness.with { harness in
            let events = [
                Event(user_id: 99_999_999_999, shoe_id: 1, interaction_type: "view"),
                Event(user_id: 1, shoe_id: -99_999_999_999, interaction_type: "view"),
            ]
            let response = try await harness.client.post("/interactions", body: events)
            expectProblem(response, 422)
            let errors = try response.object()["errors"] as? [[String: Any]] ?? []
            #expect(errors.map { "\($0.int("index") ?? -1) \($0.string("field") ?? "")" } == ["0 user_id", "1 shoe_id"])
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount)
        }
    }

    @Test("a new shoe with a negative price or empty fields is 422 and not stored")
    func invalidShoe() async throws {
        try await ServiceHarness.with { harness in
            var shoe = NewShoe.trailShoe
            shoe.price = -1
            let response = try await harness.client.post("/shoes", body: shoe)
            expectProblem(response, 422)
            #expect(try response.object().string("detail")?.contains("price") == true)
            shoe = NewShoe.trailShoe
            shoe.brand = "  "
            shoe.lifespan_days = 0
            expectProblem(try await harness.client.post("/shoes", body: shoe), 422)
            #expect(try await harness.count("SELECT count(*) FROM shoes") == ShopFixture.shoeCount)
        }
    }

    @Test("admin endpoints: 401 without a token or with a wrong one, and nothing starts")
    func adminUnauthorised() async throws {
        try await ServiceHarness.with { harness in
            for headers in [[:], ["Authorization": "Bearer wrong-token-wrong-token"], ["Authorization": ServiceHarness.adminToken],
                            ["Authorization": "Basic \(ServiceHarness.adminToken)"]] {
                expectProblem(try await harness.client.post("/admin/train", json: "", headers: headers), 401)
                expectProblem(try await harness.client.get("/admin/models", headers: headers), 401)
            }
            let models = try await harness.client.get("/admin/models", headers: harness.adminHeaders).object()
            #expect(models["training_in_progress"] as? Bool == false)
            #expect((models["items"] as? [Any])?.count == 1)
        }
    }

    @Test("with no ADMIN_TOKEN configured the admin endpoints do not exist (404), whatever the request says")
    func adminOff() async throws {
        // No database needed: the service is never trained, and admin routes answer before touching it.
        try await ServiceHarness.serving(databaseURL: "postgres://nobody@127.0.0.1:1/none", trained: false, adminToken: nil) { harness in
            expectProblem(try await harness.client.post("/admin/train", json: "", headers: harness.adminHeaders), 404)
            expectProblem(try await harness.client.get("/admin/models", headers: harness.adminHeaders), 404)
            expectProblem(try await harness.client.get("/admin/models"), 404)
        }
    }
}

/// An event as clients post it (the wire form, independent of the service's own type).
struct Event: Encodable {
    var user_id: Int
    var shoe_id: Int
    var interaction_type: String
    var occurred_at: String?
}

/// A shoe as clients post it.
struct NewShoe: Encodable {
    var brand: String
    var model: String
    var type: String
    var material: String
    var color: String
    var price: Double
    var care_instructions: String
    var lifespan_days: Int

    /// Text twin of shoes 4 and 5 (Stridewell trail running, mesh/synthetic, green).
    static let trailShoe = NewShoe(
        brand: "Stridewell", model: "Ridge Z", type: "trail running", material: "mesh", color: "green",
        price: 165, care_instructions: "rinse off mud and air dry", lifespan_days: 400)
}
