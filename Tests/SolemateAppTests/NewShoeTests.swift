import Foundation
import Testing

/// POST /shoes: stored, served by /shoes/{id}, and recommendable through content at once.
@Suite("New shoes over HTTP")
struct NewShoeTests {
    @Test("a posted shoe is stored, returned by /shoes/{id}, and is the nearest neighbour of its text twin at once")
    func newShoeSimilar() async throws {
        try await ServiceHarness.with { harness in
            let posted = try await harness.client.post("/shoes", body: NewShoe.trailShoe)
            #expect(posted.status == 201, "\(posted)")
            let created = try posted.object()
            let id = try #require(created.int("shoe_id"))
            #expect(id > ShopFixture.shoeCount)
            #expect(created.string("model") == "Ridge Z" && created["price"] as? Double == 165)

            let shoe = try await harness.client.get("/shoes/\(id)")
            #expect(shoe.status == 200, "\(shoe)")
            #expect(try shoe.object().keySet == created.keySet)
            #expect(try shoe.object().string("brand") == "Stridewell")

            let neighbours = shoeIDs(try await harness.client.get("/shoes/4/similar?k=3").items())
            #expect(neighbours.first == id, "\(neighbours)")
            let own = shoeIDs(try await harness.client.get("/shoes/\(id)/similar?k=2").items())
            #expect(Set(own) == [4, 5], "\(own)")
            #expect(try await harness.count("SELECT count(*) FROM shoes") == ShopFixture.shoeCount + 1)
        }
    }

    @Test("a user who looked at similar shoes gets the new one, and every model copes with events on it before a retrain")
    func newShoeRecommended() async throws {
        try await ServiceHarness.with { harness in
            let id = try #require(try await harness.client.post("/shoes", body: NewShoe.trailShoe).object().int("shoe_id"))
            // User 7 looks at the new shoe's twins, shoes 4 and 5.
            let looked = try await harness.client.post("/interactions", body: [
                Event(user_id: 7, shoe_id: 4, interaction_type: "view"), Event(user_id: 7, shoe_id: 5, interaction_type: "add_to_wishlist"),
            ])
            #expect(looked.status == 201, "\(looked)")
            let content = shoeIDs(try await harness.client.get("/users/7/recommendations?k=3&model=content").items())
            #expect(content.contains(id), "\(content)")
            let hybrid = shoeIDs(try await harness.client.get("/users/7/recommendations?k=10").items())
            #expect(hybrid.contains(id), "\(hybrid)")

            // User 8's only event is on the new shoe, which only the content models know yet.
            let viewed = try await harness.client.post("/interactions", body: Event(user_id: 8, shoe_id: id, interaction_type: "view"))
            #expect(viewed.status == 201, "\(viewed)")
            let models = try #require(try await harness.client.get("/admin/models", headers: harness.adminHeaders).items().first?["models"] as? [String])
            for model in models {
                let response = try await harness.client.get("/users/8/recommendations?k=5&model=\(model)")
                #expect(response.status == 200, "\(model): \(response)")
                #expect(try response.object()["cold_start"] as? Bool == false, "\(model)")
            }
            let similar = shoeIDs(try await harness.client.get("/users/8/recommendations?k=3&model=content").items())
            #expect(Set(similar).isSuperset(of: [4, 5]), "\(similar)")
        }
    }
}
