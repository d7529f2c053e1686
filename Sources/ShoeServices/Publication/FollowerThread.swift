import Foundation
import Synchronization

/// A loop on a thread of its own that a replica's follower runs until stopped: started once,
/// asked to stop, and waited for at shutdown (a follower that outlived the service would use a
/// closed pool).
final class FollowerThread: Sendable {
    private let name: String
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    init(name: String) {
        self.name = name
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    /// Runs `body` on the thread; `body` returns once `isStopped` is true.
    func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [finished] in
            body()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to stop and waits (up to `seconds`) for it to end.
    func stop(waitingUpTo seconds: Int) {
        stopped.withLock { $0 = true }
        _ = finished.wait(timeout: .now() + .seconds(seconds))
    }
}
