import Foundation

/// Dedicated threads for handlers that block (synchronous database calls and the like), chosen
/// with `Configuration.handlerThreads > 0`. Event loops stay free meanwhile, so other
/// connections are served and an overrunning handler still gets its 503 on time.
final class HandlerThreadPool: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `stopped` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init(threadCount: Int) {
        for index in 0..<threadCount {
            let thread = Thread { [self] in work() }
            thread.name = "http-handler-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopped {
            // A task outliving the server (cancelled, not yet finished) completes elsewhere.
            condition.unlock()
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs and exit; later jobs go to the global executor.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
