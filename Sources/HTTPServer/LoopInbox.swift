#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Messages into an event loop: handler results, jobs of tasks that prefer the loop as their
/// executor, and shutdown orders.
enum LoopMessage: Sendable {
    case completed(fd: Int32, connectionID: UInt64, generation: UInt64, response: Response)
    case job(UnownedJob)
    case drain(deadline: UInt64)
    /// A connection accepted by the listening loop, handed over to spread the load evenly.
    case adopt(fd: Int32)
}

/// The only part of an event loop other threads touch: a locked queue plus a pipe that wakes the
/// loop. The pipe is written only when the queue goes from empty to non-empty and the poster is
/// not the loop itself (which drains the queue before it polls again), so a busy loop takes many
/// messages per wake-up and a request answered on its own loop costs no wake-up at all.
final class LoopInbox: Sendable {
    private struct Queue {
        var messages: [LoopMessage] = []
        var closed = false
    }

    private let queue = Locked(Queue())
    private let owner = Atomic<UInt>(0)
    let wakeRead: Int32
    let wakeWrite: Int32

    init() throws(SocketError) {
        (wakeRead, wakeWrite) = try Socket.wakePipe()
    }

    /// The pipe lives as long as anyone holds the inbox, so a late post never writes to a
    /// closed (or reused) descriptor.
    deinit {
        _ = Glibc.close(wakeRead)
        _ = Glibc.close(wakeWrite)
    }

    /// Called by the loop thread before it starts polling.
    func claimOwnership() {
        owner.store(UInt(pthread_self()), ordering: .releasing)
    }

    var isOnLoopThread: Bool {
        owner.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Queues a message; false if the loop has already exited (the caller then owns whatever
    /// the message carried, such as an accepted descriptor).
    @discardableResult
    func post(_ message: LoopMessage) -> Bool {
        let (accepted, wasEmpty) = queue.withLock { queue -> (Bool, Bool) in
            guard !queue.closed else { return (false, false) }
            queue.messages.append(message)
            return (true, queue.messages.count == 1)
        }
        guard accepted else {
            // The loop has exited: run stray jobs on the global executor so their tasks finish.
            if case .job(let job) = message { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
            return false
        }
        if wasEmpty && !isOnLoopThread {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        return true
    }

    /// Empties the wake pipe (call only when poll reported it readable).
    func clearWakeups() {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &scratch, { read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }

    func take() -> [LoopMessage] {
        queue.withLock { queue in
            let taken = queue.messages
            queue.messages.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// Refuses further messages and hands back what was still queued.
    func close() -> [LoopMessage] {
        queue.withLock { queue in
            queue.closed = true
            let taken = queue.messages
            queue.messages = []
            return taken
        }
    }
}

/// Lets handler tasks run on the event loop that owns their connection (like SwiftNIO's event
/// loop executors): no thread hop between parsing, the handler and the write. Handlers must
/// therefore not block; blocking work belongs on its own threads.
final class LoopExecutor: TaskExecutor {
    let inbox: LoopInbox

    init(inbox: LoopInbox) {
        self.inbox = inbox
    }

    func enqueue(_ job: consuming ExecutorJob) {
        inbox.post(.job(UnownedJob(job)))
    }
}
