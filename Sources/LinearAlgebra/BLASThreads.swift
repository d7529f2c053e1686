import COpenBLAS
import Foundation

/// OpenBLAS's own thread pool, set on purpose.
///
/// The choice: a *serving* process runs BLAS on one thread (`BLASThreads.count = 1` at start-up): one
/// request's GEMV over a few thousand item factors is microseconds of work, and fanning it out to a
/// pool under the server's own concurrency only adds wake-ups and contention. A *fit* may use every
/// core: `withCount(_:_:)` raises the count for the duration of the fit and restores it afterwards.
/// The setting is process-wide (OpenBLAS 0.3.21 has no per-call thread count), so a fit running
/// inside a live server briefly lets concurrent scoring calls use the pool too; a server that cannot
/// accept that fits with `threads: 1`.
public enum BLASThreads {
    /// The number of threads OpenBLAS currently uses for one call.
    public static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// Runs `body` with OpenBLAS set to `threads` threads, then restores the previous count.
    ///
    /// Regions run one at a time, process-wide: the count is global, so without this a fit asking
    /// for one thread could have another thread's region switch it to two halfway through (and its
    /// sums rounded differently). Nested regions on the same thread are fine.
    public static func withCount<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
        regions.lock()
        defer { regions.unlock() }
        let previous = count
        count = threads
        defer { count = previous }
        return try body()
    }

    /// Serialises `withCount` regions; recursive because a fit may nest one (a hybrid fits its svd).
    private static let regions = NSRecursiveLock()
}
