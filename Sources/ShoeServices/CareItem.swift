#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShoeData
import UTCTime

/// A care notification that is due: which pair, whose, since when, and what to tell the owner.
public struct DueCare: Sendable, Hashable {
    /// `interactions.id` of the purchase; the key to send back in ``SentNotification``.
    public var purchaseID: Int64
    public var userID: Int
    public var shoeID: Int
    public var brand: String
    public var model: String
    /// When the purchase happened; its UTC day is the start of the care schedule.
    public var purchasedAt: Date
    /// The occurrence that is due: purchase day + n × interval, the latest one on or before `as_of`.
    public var dueOn: Day
    public var careInstructions: String
}
