import Dispatch
import SolemateApp
import Synchronization

/// Holds an armed training just before it publishes, until the test releases it: the test then
/// knows, instead of hoping, that the training has read the database and has not swapped yet.
final class TrainingGate: Sendable {
    private let state = Mutex((armed: false, reached: false))
    private let released = DispatchSemaphore(value: 0)

    /// The hooks to give the service: trainings before `arm()` pass straight through.
    var hooks: TrainingHooks {
        TrainingHooks(beforePublish: { [self] in hold() })
    }

    /// The same gate for a background export: it waits there before it reports success.
    var exportHooks: ExportHooks {
        ExportHooks(beforeFinishing: { [self] in hold() })
    }

    /// The next training (or export) to reach the gate waits there.
    func arm() { state.withLock { $0.armed = true } }

    /// Whether an armed training is waiting at the gate.
    var isHolding: Bool { state.withLock { $0.reached } }

    /// Lets the waiting training publish (or the next one pass, if none waits yet).
    func release() {
        state.withLock { $0 = (armed: false, reached: false) }
        released.signal()
    }

    private func hold() {
        let armed = state.withLock { state -> Bool in
            guard state.armed else { return false }
            state.reached = true
            return true
        }
        // Bounded so that a test that fails before releasing cannot hang the suite's shutdown.
        if armed { _ = released.wait(timeout: .now() + 600) }
    }
}
