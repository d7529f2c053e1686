import Foundation
import Testing

/// Writes that land while a retrain runs: the retrain read the database before them, but its
/// swap must not make the service forget them.
@Suite("Writes during a retrain")
struct RetrainRaceTests {
    @Test("purchases and shoes posted while a retrain runs are still known after it swaps the models in")
    func writesDuringRetrain() async throws {
        let data = try ShopFixture.writeSubsetOfData(events: 40_000)
        defer { try? FileManager.default.removeItem(at: data) }
        try await ServiceHarness.with(dataset: data) { harness in
            let client = harness.client
            let initial = try #require(try await harness.currentVersion())
            #expect(try await client.post("/admin/train", json: "", headers: harness.adminHeaders).status == 202)
            expectProblem(try await client.post("/admin/train", json: "", headers: harness.adminHeaders), 409)
            let started = Date()
            var purchases: [(user: Int, shoe: Int)] = []
            var shoes: [Int] = []
            var user = 1
            var answeredDuringTraining = 0
            // Bounded far above any training's length: the loop ends on the swap, not on a clock.
            while try await harness.currentVersion() == initial, Date().timeIntervalSince(started) < 600 {
                let top = try #require(shoeIDs(try await client.get("/users/\(user)/recommendations?k=1").items()).first)
                let bought = try await client.post("/interactions", body: Event(user_id: user, shoe_id: top, interaction_type: "purchase"))
                #expect(bought.status == 201, "\(bought)")
                // Answered while the training still runs, not after it (a write once waited behind
                // the training for a Dispatch worker, so none was answered before the swap).
                if try await harness.currentVersion() == initial { answeredDuringTraining += 1 }
                if bought.status == 201 { purchases.append((user, top)) }
                var shoe = NewShoe.trailShoe
                shoe.model = "Ridge \(user)"
                let added = try await client.post("/shoes", body: shoe)
                #expect(added.status == 201, "\(added)")
                if added.status == 201 { shoes.append(try added.object().int("shoe_id") ?? 0) }
                user += 1
                try await Task.sleep(for: .milliseconds(50))
            }
            // How many writes fit inside the retrain depends on the machine's load (under the whole
            // suite each round trip is slow); one is enough to show a write is not lost by the swap.
            #expect(!purchases.isEmpty, "the retrain was too quick to post during it")
            #expect(answeredDuringTraining > 0, "no write was answered before the retrain finished")
            for (user, shoe) in purchases {
                let ids = shoeIDs(try await client.get("/users/\(user)/recommendations?k=100").items())
                #expect(!ids.contains(shoe), "user \(user) is offered shoe \(shoe) again, bought during the retrain")
            }
            for shoe in shoes {
                #expect(try await client.get("/shoes/\(shoe)").status == 200, "shoe \(shoe), added during the retrain")
                #expect(try await client.get("/shoes/\(shoe)/similar?k=3").status == 200, "shoe \(shoe), added during the retrain")
            }
        }
    }
}
