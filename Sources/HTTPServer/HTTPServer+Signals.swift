#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension HTTPServer {
    /// Makes SIGTERM and SIGINT (by default) start a graceful shutdown instead of killing the
    /// process. Keep the returned value alive for as long as the handling should last.
    ///
    /// A signal handler of our own writes the signal's number to a pipe (the one thing a handler
    /// may safely do) and a thread reading that pipe calls `shutdown()`. This does not depend on
    /// how a signal is delivered among the process's threads, which made the DispatchSourceSignal
    /// approach miss signals on Linux when the disposition had to be "ignored" first.
    /// - Parameter signals: the signal numbers to trap.
    public func shutdownOnSignals(_ signals: [Int32] = [SIGTERM, SIGINT]) -> ShutdownSignals {
        let token = SignalRelay.shared.register(signals) { [self] in shutdown() }
        return ShutdownSignals(token: token)
    }
}

/// The handling installed by `HTTPServer.shutdownOnSignals(_:)`.
public final class ShutdownSignals: Sendable {
    private let token: UInt64

    init(token: UInt64) {
        self.token = token
    }

    /// Stops acting on the signals (they stay caught, and then do nothing).
    public func cancel() {
        SignalRelay.shared.unregister(token)
    }

    deinit {
        SignalRelay.shared.unregister(token)
    }
}

/// The write end of the relay's pipe, for the signal handler. Written once, before any handler
/// is installed, and only read afterwards, from handlers: hence safe without a lock.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Async-signal-safe: one write(2) of one byte to a non-blocking pipe.
private func relaySignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}

/// Turns caught signals into calls of the registered actions, on a thread of its own.
final class SignalRelay: Sendable {
    static let shared = SignalRelay()

    private struct State {
        var nextToken: UInt64 = 0
        var actions: [UInt64: (signals: Set<Int32>, action: @Sendable () -> Void)] = [:]
    }

    private let state = Locked(State())

    private init() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        signalPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread { [self] in relay(from: readEnd) }
        thread.name = "solemate.signals"
        thread.start()
    }

    func register(_ signals: [Int32], action: @escaping @Sendable () -> Void) -> UInt64 {
        let token = state.withLock { state in
            state.nextToken += 1
            state.actions[state.nextToken] = (Set(signals), action)
            return state.nextToken
        }
        for number in signals {
            var handling = sigaction()
            #if canImport(Glibc)
            handling.__sigaction_handler.sa_handler = relaySignal
            #else
            handling.__sigaction_u.__sa_handler = relaySignal
            #endif
            sigemptyset(&handling.sa_mask)
            handling.sa_flags = SA_RESTART
            sigaction(number, &handling, nil)
        }
        return token
    }

    func unregister(_ token: UInt64) {
        _ = state.withLock { $0.actions.removeValue(forKey: token) }
    }

    private func relay(from readEnd: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            let number = Int32(byte)
            let actions = state.withLock { state in
                state.actions.values.filter { $0.signals.contains(number) }.map(\.action)
            }
            actions.forEach { $0() }
        }
    }
}
