#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShoeData
import UTCTime

/// A care notification that is due: which pair, whose, since when, and what to tell the owner.
@dynamicMemberLookup
public struct DueCare: Sendable, Hashable {
    public var purchase: PurchasedPair
    /// The occurrence that is due: purchase day + n × interval, the latest one on or before `as_of`.
    public var dueOn: Day
    public var careInstructions: String

    /// The purchase's fields read as the item's own (`item.purchaseID`, `item.brand`, ...).
    public subscript<Value>(dynamicMember field: KeyPath<PurchasedPair, Value>) -> Value { purchase[keyPath: field] }
}
