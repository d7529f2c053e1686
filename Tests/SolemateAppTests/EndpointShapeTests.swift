import Foundation
import Testing

/// Every read endpoint over real HTTP answers with the documented JSON shape.
@Suite("Endpoint shapes")
struct EndpointShapeTests {
    @Test("GET /health answers {\"status\":\"ok\"}, /openapi.yaml the API document, and /ready says ready, naming the model version")
    func healthAndReady() async throws {
        try await ServiceHarness.with { harness in
            let health = try await harness.client.get("/health")
            #expect(health.status == 200)
            #expect(try health.object().string("status") == "ok")

            let document = try await harness.client.get("/openapi.yaml")
            #expect(document.status == 200)
            #expect(document.contentType == "application/yaml")
            #expect(document.text.hasPrefix("openapi:"))

            let ready = try await harness.client.get("/ready")
            #expect(ready.status == 200, "\(ready)")
            let body = try ready.object()
            #expect(body.string("status") == "ready")
            #expect(body.string("database") == "reachable")
            #expect(body.string("model") == "loaded")
            let current = try await harness.currentVersion()
            #expect(current != nil && body.string("model_version") == current)
        }
    }

    @Test("recommendations name user, model and version, list k shoes with hybrid explanations, and never a bought shoe")
    func recommendationsShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/users/1/recommendations?k=5&model=hybrid")
            #expect(response.status == 200, "\(response)")
            #expect(response.contentType == "application/json")
            let body = try response.object()
            // recommendation_id names the list for the exposure log (issue 10); no experiment runs here.
            #expect(body.keySet == ["user_id", "model", "model_version", "cold_start", "recommendation_id", "items"])
            #expect(body.int("user_id") == 1)
            #expect(body.string("model") == "hybrid")
            let current = try await harness.currentVersion()
            #expect(current != nil && body.string("model_version") == current)
            #expect(body["cold_start"] as? Bool == false)
            let items = try response.items()
            #expect(items.count == 5)
            #expect(!shoeIDs(items).contains(1), "user 1 bought shoe 1")
            for item in items {
                #expect(item.keySet == recommendedShoeKeys)
                #expect(item.string("brand")?.isEmpty == false)
                #expect(item["price"] is Double)
                let explanation = try #require(item.object("explanation"))
                #expect(explanation.string("reason") == "personalised")
                let svd = try #require(explanation["svd"] as? Double)
                let content = try #require(explanation["content"] as? Double)
                #expect((0...1).contains(svd) && (0...1).contains(content))
            }
            let scores = items.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >), "best first")
            // The running shoes user 1 did not buy resemble the running shoe they did.
            let because = items.compactMap { $0.object("explanation")?.object("because_you_bought") }
            #expect(!because.isEmpty)
            #expect(because.allSatisfy { $0.int("shoe_id") == 1 && $0.string("brand") == "Aldenmoor" && $0["similarity"] is Double })
        }
    }

    @Test("every trained model answers by name and reports itself; the default is hybrid with k = 10")
    func everyTrainedModel() async throws {
        try await ServiceHarness.with { harness in
            let models = try await harness.client.get("/admin/models", headers: harness.adminHeaders)
            let names = try #require(models.items().first?["models"] as? [String])
            #expect(Set(["hybrid", "content", "popularity", "svd"]).isSubset(of: Set(names)), "\(names)")
            for name in names {
                let response = try await harness.client.get("/users/2/recommendations?k=3&model=\(name)")
                #expect(response.status == 200, "\(name): \(response)")
                let body = try response.object()
                #expect(body.string("model") == name)
                #expect(body["cold_start"] as? Bool == false)
                let items = try response.items()
                #expect((1...3).contains(items.count), "\(name)")
                #expect(!shoeIDs(items).contains(2), "\(name) recommended the shoe user 2 bought")
            }
            let defaults = try await harness.client.get("/users/2/recommendations")
            #expect(try defaults.object().string("model") == "hybrid")
            #expect(try defaults.items().count == 10)
        }
    }

    @Test("a user without history and a user the shop never saw get popular shoes with cold_start true")
    func coldStart() async throws {
        try await ServiceHarness.with { harness in
            let popular = shoeIDs(try await harness.client.get("/popular?k=4").items())
            for user in [7, 424_242] {
                let response = try await harness.client.get("/users/\(user)/recommendations?k=4")
                #expect(response.status == 200, "\(response)")
                let body = try response.object()
                #expect(body["cold_start"] as? Bool == true)
                #expect(body.string("model") == "popularity")
                #expect(body.int("user_id") == user)
                let items = try response.items()
                #expect(shoeIDs(items) == popular)
                #expect(items.allSatisfy { $0.keySet == recommendedShoeKeys && $0.object("explanation")?.string("reason") == "popular" })
            }
        }
    }

    @Test("similar shoes: an items list of the nearest shoes in content, never the shoe itself")
    func similarShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/shoes/2/similar?k=3")
            #expect(response.status == 200, "\(response)")
            #expect(try response.object().keySet == ["recommendation_id", "items"])
            let items = try response.items()
            #expect(items.count == 3)
            #expect(!shoeIDs(items).contains(2))
            #expect(Set(shoeIDs(items).prefix(2)) == [1, 3], "the other Aldenmoor running mesh shoes come first")
            #expect(items.allSatisfy { $0.keySet == recommendedShoeKeys && $0.object("explanation")?.string("reason") == "similar_content" })
        }
    }

    @Test("popular shoes: an items list, at most k, filtered by type when asked")
    func popularShape() async throws {
        try await ServiceHarness.with { harness in
            let all = try await harness.client.get("/popular?k=5")
            #expect(all.status == 200, "\(all)")
            #expect(try all.object().keySet == ["recommendation_id", "items"])
            #expect(try all.items().count == 5)
            #expect(try all.items().allSatisfy { $0.keySet == recommendedShoeKeys })

            let running = try await harness.client.get("/popular?k=10&type=running").items()
            #expect(Set(shoeIDs(running)) == [1, 2, 3])
            let boots = try await harness.client.get("/popular?type=hiking%20boot").items()
            #expect(Set(shoeIDs(boots)) == [11, 12])
            #expect(try await harness.client.get("/popular?type=ballet").items().isEmpty)
        }
    }

    @Test("a user's profile: age, gender, usage and their events newest first")
    func userShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/users/1")
            #expect(response.status == 200, "\(response)")
            let body = try response.object()
            #expect(body.keySet == ["user_id", "age", "gender", "primary_usage", "history"])
            #expect(body.int("user_id") == 1 && body.int("age") == 34)
            #expect(body.string("gender") == "female" && body.string("primary_usage") == "running")
            let history = try #require(body["history"] as? [[String: Any]])
            #expect(history.count == 6)
            #expect(history.first?.keySet == ["interaction_id", "shoe_id", "interaction_type", "occurred_at"])
            #expect(history.first?.int("shoe_id") == 13)
            #expect(history.first?.string("occurred_at") == "2026-01-07T08:00:00Z")
            #expect(history.map { $0.string("interaction_type") ?? "" }.contains("purchase"))
        }
    }

    @Test("a shoe's details: every catalogue field, price as a number")
    func shoeShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/shoes/9")
            #expect(response.status == 200, "\(response)")
            let body = try response.object()
            #expect(body.keySet == [
                "shoe_id", "brand", "model", "type", "material", "color", "price", "care_instructions", "lifespan_days",
            ])
            #expect(body.int("shoe_id") == 9 && body.string("brand") == "Venetian" && body.string("type") == "loafer")
            #expect(body["price"] as? Double == 220)
            #expect(body.int("lifespan_days") == 1100)
        }
    }

    @Test("/admin/models lists the current version with its models; unknown paths answer 404 as problem+json")
    func adminModelsShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/admin/models", headers: harness.adminHeaders)
            #expect(response.status == 200, "\(response)")
            let body = try response.object()
            #expect(body.keySet.isSuperset(of: ["current", "training_in_progress", "items"]))
            #expect(body["training_in_progress"] as? Bool == false)
            let items = try response.items()
            #expect(items.count == 1)
            #expect(items.first?.string("version") == body.string("current"))
            #expect(items.first?.int("events") == ShopFixture.interactionCount)
            #expect(items.first?.int("users") == 6)
            expectProblem(try await harness.client.get("/no/such/route"), 404)
            expectProblem(try await harness.client.send("DELETE", "/popular"), 405)
        }
    }
}
