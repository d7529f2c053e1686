import Foundation

/// A value behind a lock. Not `Synchronization.Mutex`: on Linux that is built on raw futex calls
/// ThreadSanitizer cannot see, so every access it guards shows up as a (false) race, and the
/// HTTP tests must pass under `--sanitize=thread`. NSLock is a pthread mutex TSan understands.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only read or written inside `lock`, in `withLock` below.
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
