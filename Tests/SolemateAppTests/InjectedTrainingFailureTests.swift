import Foundation
import SolemateApp
import Testing

/// The reliability campaign's training fault (`SOLEMATE_FAULT_TRAINING_FILE`, test only): a
/// training that fails just before publishing keeps the served version, and /admin/models says why.
@Suite("An injected training failure")
struct InjectedTrainingFailureTests {
    @Test("while the file exists a retrain fails before publishing: the old version serves, /admin/models says why; then it publishes again")
    func failsBeforePublishing() async throws {
        let flag = FileManager.default.temporaryDirectory.appendingPathComponent("fail-training-\(UUID().uuidString)")
        let hooks = FaultInjection.trainingHooks(from: [FaultInjection.trainingFileVariable: flag.path])
        try await ServiceHarness.with(trainingHooks: hooks) { harness in
            let before = try await harness.client.get("/admin/models", headers: harness.adminHeaders).object().string("current")
            #expect(before != nil)
            #expect(FileManager.default.createFile(atPath: flag.path, contents: nil))
            defer { try? FileManager.default.removeItem(at: flag) }
            await #expect(throws: FaultInjection.InjectedFailure.self) { try await harness.service.retrain() }
            let models = try await harness.client.get("/admin/models", headers: harness.adminHeaders).object()
            #expect(models.string("current") == before)
            #expect(models.string("last_training_error")?.contains("injected failure before publishing") == true, "\(models)")
            let served = try await harness.client.get("/users/1/recommendations?k=2").object()
            #expect(served.string("model_version") == before)

            try FileManager.default.removeItem(at: flag)
            try await harness.service.retrain()
            let after = try await harness.client.get("/admin/models", headers: harness.adminHeaders).object()
            #expect(after.string("current") != before)
            #expect(after["last_training_error"] == nil)
        }
    }

    @Test("without the variable there are no hooks: nothing can fail a training")
    func offByDefault() throws {
        #expect(throws: Never.self) { try FaultInjection.trainingHooks(from: [:]).beforePublish() }
        #expect(throws: Never.self) { try FaultInjection.trainingHooks(from: [FaultInjection.trainingFileVariable: ""]).beforePublish() }
    }
}
