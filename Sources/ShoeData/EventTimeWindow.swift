#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime

/// The times an event of the shop may carry: not before the shop's epoch, and not more than a
/// small clock skew after now.
///
/// An event "from 2999" is not a typo to keep: it would sit in the training data, in the care and
/// replacement dates and in a partition of its own for ever. Both ways in (`POST /interactions`
/// and `solemate import`) check this one rule, so the database never holds what one of them refused.
public struct EventTimeWindow: Sendable, Equatable {
    /// Clients' clocks run a little ahead; five minutes is more than NTP-synced clocks ever drift.
    public static let defaultFutureSkewSeconds = 300
    /// 2000-01-01T00:00:00Z: before any event the shop can have recorded.
    public static let defaultEpoch = Date(timeIntervalSince1970: 946_684_800)
    public static let standard = EventTimeWindow(epoch: defaultEpoch, futureSkewSeconds: defaultFutureSkewSeconds)

    /// The earliest acceptable time.
    public var epoch: Date
    /// How far past now an event may lie, in whole seconds.
    public var futureSkewSeconds: Int

    public init(epoch: Date, futureSkewSeconds: Int) {
        self.epoch = epoch
        self.futureSkewSeconds = futureSkewSeconds
    }

    /// Why `date` is no time for an event when checked at `now`, or nil when it is plausible.
    public func problem(with date: Date, now: Date) -> DomainError? {
        if date < epoch { return .occurredBeforeEpoch(at: date, epoch: epoch) }
        let latest = now.addingTimeInterval(TimeInterval(futureSkewSeconds))
        if date > latest { return .occurredInFuture(at: date, skewSeconds: futureSkewSeconds, now: now) }
        return nil
    }
}
