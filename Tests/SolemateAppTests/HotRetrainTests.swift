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

    /// What the load has seen so far, shared between the load clients and the trainer: the trainer
    /// waits on these events (requests answered, a version served) instead of on a clock.
    final class LoadProgress: Sendable {
        private struct State {
            var stopped = false
            var answered = 0
            var served: Set<String> = []
        }
        private let state = Mutex(State())
        var isStopped: Bool { state.withLock { $0.stopped } }
        var answered: Int { state.withLock { $0.answered } }
        func hasServed(_ version: String) -> Bool { state.withLock { $0.served.contains(version) } }
        func stop() { state.withLock { $0.stopped = true } }
        func record(_ sample: Sample) {
            state.withLock { state in
                state.answered += 1
                if let version = sample.version, sample.status == 200 { state.served.insert(version) }
            }
        }
    }

    /// Generous bound on each awaited event. Trainings in a full `swift test` run wait for other
    /// suites' fits (BLAS runs one region at a time), so this bounds a hang, not the speed.
    static let eventBound: Double = 300

    @Test("retraining twice under concurrent load fails no request, and every answer names a published model version")
    func retrainUnderLoad() async throws {
        try await ServiceHarness.with { harness in
            let initial = try #require(try await harness.currentVersion())
            let progress = LoadProgress()
            async let trainings = Self.trainTwice(harness, after: initial, progress: progress)
            let samples = await withTaskGroup(of: [Sample].self) { group in
                for worker in 0..<4 {
                    group.addTask { await Self.load(harness.client, worker: worker, progress: progress) }
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

    /// Asks for recommendations (and now and then similar and popular shoes) until told to stop
    /// (or, should the trainer hang, after ten minutes).
    static func load(_ client: HTTPTestClient, worker: Int, progress: LoadProgress) async -> [Sample] {
        var samples: [Sample] = []
        var index = 0
        let started = Date()
        while !progress.isStopped && Date().timeIntervalSince(started) < 600 {
            index += 1
            let user = (worker + index) % 8 + 1
            let path = switch index % 5 {
            case 3: "/shoes/\(user)/similar?k=5"
            case 4: "/popular?k=5"
            default: "/users/\(user)/recommendations?k=5&model=\(index % 2 == 0 ? "hybrid" : "svd")"
            }
            let sample: Sample
            do {
                let response = try await client.get(path)
                let version = path.contains("recommendations") ? try response.object()["model_version"] as? String : nil
                sample = Sample(path: path, status: response.status, version: version)
            } catch {
                sample = Sample(path: path, status: -1, version: "\(error)")
            }
            samples.append(sample)
            progress.record(sample)
        }
        return samples
    }

    /// Waits until the load has answered 20 more requests, starts a training and waits for its
    /// version to be published; twice. Then waits until the load has been served the last version,
    /// and stops the load. Answers the two new versions.
    static func trainTwice(_ harness: ServiceHarness, after initial: String, progress: LoadProgress) async throws -> [String] {
        defer { progress.stop() }
        var versions: [String] = []
        var previous = initial
        for _ in 0..<2 {
            let answeredBefore = progress.answered
            let loaded = try await harness.eventually(within: eventBound) { progress.answered >= answeredBefore + 20 }
            #expect(loaded, "the load answered fewer than 20 requests")
            let accepted = try await harness.client.post("/admin/train", json: "", headers: harness.adminHeaders)
            #expect(accepted.status == 202, "\(accepted)")
            #expect(try accepted.object().string("status") == "training started")
            var current = previous
            let published = try await harness.eventually(within: eventBound) {
                current = try await harness.currentVersion() ?? previous
                return current != previous
            }
            #expect(published, "no new version within \(eventBound) s")
            versions.append(current)
            previous = current
        }
        let last = previous
        let served = try await harness.eventually(within: eventBound) { progress.hasServed(last) }
        #expect(served, "the load was never served the last version \(last)")
        return versions
    }
}
