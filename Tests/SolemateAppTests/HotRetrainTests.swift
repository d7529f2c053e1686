import Foundation
import Synchronization
import Testing

/// POST /admin/train under concurrent load: the models are swapped atomically, no request fails.
@Suite("Hot retrain")
struct HotRetrainTests {
    /// One answered request of the load.
    struct Sample: Sendable {
        var path: String
        var status: Int
        var version: String?
    }

    /// Tells the load clients to finish.
    final class StopFlag: Sendable {
        private let stopped = Mutex(false)
        var isSet: Bool { stopped.withLock { $0 } }
        func set() { stopped.withLock { $0 = true } }
    }

    @Test("retraining twice under concurrent load fails no request, and every answer names a published model version")
    func retrainUnderLoad() async throws {
        try await ServiceHarness.with { harness in
            let initial = try #require(try await harness.currentVersion())
            let stop = StopFlag()
            let started = Date()
            async let trainings = Self.trainTwice(harness, after: initial, stop: stop)
            let samples = await withTaskGroup(of: [Sample].self) { group in
                for worker in 0..<4 {
                    group.addTask { await Self.load(harness.client, worker: worker, stop: stop, started: started) }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
            let versions = try await trainings

            let failed = samples.filter { $0.status != 200 }
            #expect(failed.isEmpty, "\(failed.count) of \(samples.count) failed, e.g. \(failed.prefix(5))")
            #expect(samples.count >= 40, "only \(samples.count) requests in the run")
            let listed = try await harness.client.get("/admin/models", headers: harness.adminHeaders).items()
            let published = Set(listed.compactMap { $0.string("version") })
            #expect(published == Set([initial] + versions) && published.count == 3, "\(published)")
            let answered = Set(samples.compactMap(\.version))
            #expect(answered.isSubset(of: published), "\(answered) vs \(published)")
            #expect(answered.count >= 2, "the model version never changed under load: \(answered)")
            #expect(answered.contains(versions[1]), "the last retrain was never served")
        }
    }

    @Test("two trainings finished within the same second publish two distinct versions")
    func versionsAreDistinct() async throws {
        try await ServiceHarness.with { harness in
            // The fixture trains in a few milliseconds: three trainings back to back.
            for _ in 0..<2 { try await harness.service.retrain() }
            let listed = try await harness.client.get("/admin/models", headers: harness.adminHeaders).items()
            let versions = listed.compactMap { $0.string("version") }
            #expect(versions.count == 3)
            #expect(Set(versions).count == 3, "\(versions)")
        }
    }

    /// Asks for recommendations (and now and then similar and popular shoes) until told to stop.
    static func load(_ client: HTTPTestClient, worker: Int, stop: StopFlag, started: Date) async -> [Sample] {
        var samples: [Sample] = []
        var index = 0
        while !stop.isSet && Date().timeIntervalSince(started) < 30 {
            index += 1
            let user = (worker + index) % 8 + 1
            let path = switch index % 5 {
            case 3: "/shoes/\(user)/similar?k=5"
            case 4: "/popular?k=5"
            default: "/users/\(user)/recommendations?k=5&model=\(index % 2 == 0 ? "hybrid" : "svd")"
            }
            do {
                let response = try await client.get(path)
                let version = path.contains("recommendations") ? try response.object()["model_version"] as? String : nil
                samples.append(Sample(path: path, status: response.status, version: version))
            } catch {
                samples.append(Sample(path: path, status: -1, version: "\(error)"))
            }
        }
        return samples
    }

    /// Starts a training 1.1 s into the load, waits for its version, then again (versions name the
    /// second they were trained in, so trainings must be more than a second apart); answers the
    /// two new versions and stops the load 0.5 s after the last.
    static func trainTwice(_ harness: ServiceHarness, after initial: String, stop: StopFlag) async throws -> [String] {
        defer { stop.set() }
        var versions: [String] = []
        var previous = initial
        for _ in 0..<2 {
            try await Task.sleep(for: .milliseconds(1_100))
            let accepted = try await harness.client.post("/admin/train", json: "", headers: harness.adminHeaders)
            #expect(accepted.status == 202, "\(accepted)")
            #expect(try accepted.object().string("status") == "training started")
            var current = previous
            let published = try await harness.eventually(within: 20) {
                current = try await harness.currentVersion() ?? previous
                return current != previous
            }
            #expect(published, "no new version within 20 s")
            versions.append(current)
            previous = current
        }
        try await Task.sleep(for: .milliseconds(500))
        return versions
    }
}
