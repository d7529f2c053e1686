import Dispatch
import Foundation

extension HTTPServer {
    /// Makes SIGTERM and SIGINT (by default) start a graceful shutdown instead of killing the
    /// process: the signals' default actions are ignored and DispatchSourceSignal handlers call
    /// `shutdown()`. Keep the returned value alive for as long as the handling should last.
    /// - Parameter signals: the signal numbers to trap.
    public func shutdownOnSignals(_ signals: [Int32] = [SIGTERM, SIGINT]) -> ShutdownSignals {
        let sources = signals.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in shutdown() }
            source.resume()
            return source
        }
        return ShutdownSignals(sources: sources)
    }
}

/// The signal sources installed by `HTTPServer.shutdownOnSignals(_:)`.
public final class ShutdownSignals {
    private var sources: [any DispatchSourceSignal]

    init(sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    /// Stops trapping the signals (their disposition stays "ignored").
    public func cancel() {
        sources.forEach { $0.cancel() }
        sources = []
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
