import Foundation
import Testing

/// POST /interactions: written in one transaction, reflected in the next recommendations at once
/// (no retrain), idempotent on retry.
@Suite("Ingestion over HTTP")
struct IngestionTests {
    @Test("a purchase posted for a user with history drops that shoe from their very next recommendations, without a retrain")
    func purchaseExcludedAtOnce() async throws {
        try await ServiceHarness.with { harness in
            let before = try await harness.client.get("/users/1/recommendations?k=5").object()
            let items = try #require(before["items"] as? [[String: Any]])
            let bought = try #require(shoeIDs(items).first)

            let posted = try await harness.client.post(
                "/interactions", body: Event(user_id: 1, shoe_id: bought, interaction_type: "purchase"))
            #expect(posted.status == 201, "\(posted)")
            let created = try posted.object()
            #expect((created["ids"] as? [Int])?.count == 1)
            #expect(created.int("inserted") == 1)

            let after = try await harness.client.get("/users/1/recommendations?k=5").object()
            let afterIDs = shoeIDs(after["items"] as? [[String: Any]] ?? [])
            #expect(!afterIDs.contains(bought))
            #expect(afterIDs.count == 5)
            #expect(after.string("model_version") == before.string("model_version"), "no retrain happened")
            // Every model honours it, not only the hybrid.
            for model in ["svd", "content", "popularity"] {
                let ids = shoeIDs(try await harness.client.get("/users/1/recommendations?k=15&model=\(model)").items())
                #expect(!ids.contains(bought) && !ids.contains(1), "\(model): \(ids)")
            }
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount + 1)
        }
    }

    @Test("a user without history is personalised as soon as their first events are posted")
    func coldUserFoldedIn() async throws {
        try await ServiceHarness.with { harness in
            let cold = try await harness.client.get("/users/8/recommendations?k=5").object()
            #expect(cold["cold_start"] as? Bool == true)

            let events = [
                Event(user_id: 8, shoe_id: 11, interaction_type: "view", occurred_at: "2026-02-10T10:00:00Z"),
                Event(user_id: 8, shoe_id: 12, interaction_type: "add_to_wishlist", occurred_at: "2026-02-10T10:05:00Z"),
            ]
            let posted = try await harness.client.post("/interactions", body: events)
            #expect(posted.status == 201, "\(posted)")
            #expect((try posted.object()["ids"] as? [Int])?.count == 2)

            let warm = try await harness.client.get("/users/8/recommendations?k=5").object()
            #expect(warm["cold_start"] as? Bool == false)
            #expect(warm.string("model") == "hybrid")
            let items = try #require(warm["items"] as? [[String: Any]])
            #expect(items.allSatisfy { $0.object("explanation")?.string("reason") == "personalised" })
            let history = try await harness.client.get("/users/8").object()["history"] as? [[String: Any]]
            #expect(history?.map { $0.int("shoe_id") ?? 0 } == [12, 11])
        }
    }

    @Test("resending an event answers the id it already has and writes nothing, whatever the offset it is spelled in")
    func idempotentRetry() async throws {
        try await ServiceHarness.with { harness in
            let event = Event(user_id: 3, shoe_id: 10, interaction_type: "view", occurred_at: "2026-02-20T09:15:00Z")
            let first = try await harness.client.post("/interactions", body: event).object()
            let id = try #require((first["ids"] as? [Int])?.first)
            #expect(first.int("inserted") == 1)

            let again = try await harness.client.post("/interactions", body: [event, event]).object()
            #expect(again["ids"] as? [Int] == [id, id])
            #expect(again.int("inserted") == 0)

            // User 6's imported purchase, 2026-02-01T00:30:00+01:00, is the same instant in UTC.
            let imported = Event(user_id: 6, shoe_id: 13, interaction_type: "purchase", occurred_at: "2026-01-31T23:30:00Z")
            let resent = try await harness.client.post("/interactions", body: imported)
            #expect(resent.status == 201, "\(resent)")
            #expect(try resent.object().int("inserted") == 0)
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount + 1)
        }
    }

    @Test("a batch of new events is written whole: 201 with an id per event, in order")
    func batchWritten() async throws {
        try await ServiceHarness.with { harness in
            let events = (1...6).map { user in Event(user_id: user, shoe_id: 16, interaction_type: "view") }
            let response = try await harness.client.post("/interactions", body: events)
            #expect(response.status == 201, "\(response)")
            let ids = try #require(try response.object()["ids"] as? [Int])
            #expect(ids.count == 6 && Set(ids).count == 6)
            #expect(try await harness.count("SELECT count(*) FROM interactions WHERE shoe_id = 16") == 6)
            let stored = try await harness.count("SELECT count(*) FROM interactions WHERE shoe_id = 16 AND id IN (\(ids.map(String.init).joined(separator: ",")))")
            #expect(stored == 6)
        }
    }

    @Test("an event sent twice in one batch is stored once and counts once in the recommendations")
    func duplicateInBatchCountsOnce() async throws {
        try await ServiceHarness.with { harness in
            let view = { (user: Int, shoe: Int) in
                Event(user_id: user, shoe_id: shoe, interaction_type: "view", occurred_at: "2026-02-10T10:00:00Z")
            }
            let twice = try await harness.client.post("/interactions", body: [view(7, 4), view(7, 4), view(7, 12)])
            #expect(try twice.object().int("inserted") == 2)
            let once = try await harness.client.post("/interactions", body: [view(8, 4), view(8, 12)])
            #expect(try once.object().int("inserted") == 2)
            let seven = try await harness.client.get("/users/7/recommendations?k=16&model=content").items()
            let eight = try await harness.client.get("/users/8/recommendations?k=16&model=content").items()
            #expect(shoeIDs(seven) == shoeIDs(eight))
            #expect(seven.compactMap { $0["score"] as? Double } == eight.compactMap { $0["score"] as? Double })
        }
    }
}
