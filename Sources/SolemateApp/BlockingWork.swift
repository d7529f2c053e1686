import Dispatch
import Foundation

/// The one way the service runs blocking work (libpq calls, model fits, evaluations): never on
/// Swift's cooperative pool, whose few threads every request handler shares.
///
/// Short calls run on Dispatch's global queue. Long jobs run on a thread of their own: on the
/// global queue a training would hold one of its few workers for the whole job, and the short
/// calls of requests (writes, /users, /care) would wait behind it, past the handler budget. Long
/// jobs are counted, so `waitForLongJobs` can hold the exit until they end: exiting while a fit or
/// an evaluation still runs would tear OpenBLAS down under it (a crash at exit).
final class BlockingWork: Sendable {
    private let longJobs = DispatchGroup()

    /// Runs a short blocking call on Dispatch's global queue and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs a long job on a thread named `name` and returns its result.
    func run<T: Sendable>(onOwnThread name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            start(onOwnThread: name) { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Starts a long job on a thread named `name` without waiting for it. It is counted before
    /// the thread starts, so a shutdown that begins right after this call still waits for it.
    func start(onOwnThread name: String, _ work: @escaping @Sendable () -> Void) {
        let longJobs = longJobs
        longJobs.enter()
        let thread = Thread {
            defer { longJobs.leave() }
            work()
        }
        thread.name = name
        thread.start()
    }

    /// Waits up to `seconds` for the long jobs still running; false if some still run.
    func waitForLongJobs(upTo seconds: Int) -> Bool {
        longJobs.wait(timeout: .now() + .seconds(seconds)) == .success
    }
}
