import Foundation
@testable import SolemateApp
import Testing

/// Writes that land while a retrain runs: the retrain read the database before them, but its
/// swap must not make the service forget them.
@Suite("Writes during a retrain")
struct RetrainRaceTests {
    @Test("purchases and shoes posted while a retrain runs are still known after it swaps the models in")
    func writesDuringRetrain() async throws {
        let data = try ShopFixture.writeSubsetOfData(events: 40_000)
        defer { try? FileManager.default.removeItem(at: data) }
        let gate = TrainingGate()
        try await ServiceHarness.with(dataset: data, trainingHooks: gate.hooks) { harness in
            let client = harness.client
            let initial = try #require(try await harness.currentVersion())
            gate.arm()
            #expect(try await client.post("/admin/train", json: "", headers: harness.adminHeaders).status == 202)
            expectProblem(try await client.post("/admin/train", json: "", headers: harness.adminHeaders), 409)
            // The retrain has read the database and waits at the gate before it publishes: every
            // write below lands after its read, whatever the machine's load.
            #expect(try await harness.eventually(within: 600) { gate.isHolding }, "the retrain never reached its publish")
            var purchases: [(user: Int, shoe: Int)] = []
            var shoes: [Int] = []
            var answeredDuringTraining = 0
            for user in 1...5 {
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
            }
            gate.release()
            #expect(try await harness.eventually(within: 600) { try await harness.currentVersion() != initial }, "the retrain never published")
            #expect(purchases.count == 5, "a purchase posted during the retrain was refused")
            #expect(answeredDuringTraining == 5, "a write was answered only after the retrain finished")
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

    @Test("a training asked for while one is starting is refused at once: the claim is taken before its task runs")
    func secondTrainingIsRefusedBeforeTheFirstStarts() async throws {
        let gate = TrainingGate()
        try await ServiceHarness.with(trainingHooks: gate.hooks) { harness in
            let initial = try #require(try await harness.currentVersion())
            gate.arm()
            try harness.service.training.startRetraining()
            #expect(throws: TrainingCoordinator.Busy.self) { try harness.service.training.startRetraining() }
            #expect(try await harness.eventually(within: 600) { gate.isHolding })
            gate.release()
            #expect(try await harness.eventually(within: 600) { try await harness.currentVersion() != initial })
        }
    }
}
