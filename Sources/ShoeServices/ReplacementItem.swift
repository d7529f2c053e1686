#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ShoeData
import UTCTime

/// A pair near or past its estimated end of life, with shoes to suggest in its place.
@dynamicMemberLookup
public struct DueReplacement: Sendable, Hashable {
    /// The worn pair.
    public var purchase: PurchasedPair
    /// Purchase day + the shoe's `lifespan_days`.
    public var estimatedEndOfLife: Day
    /// `estimated_end_of_life − as_of` in days: 0 on the day, negative once past.
    public var daysLeft: Int
    /// Best first, at most `k`, none of them a shoe the user has bought.
    public var suggestions: [ShoeSummary]

    /// The purchase's fields read as the item's own (`item.purchaseID`, `item.shoeID`, ...).
    public subscript<Value>(dynamicMember field: KeyPath<PurchasedPair, Value>) -> Value { purchase[keyPath: field] }
}

/// A shoe as a suggestion shows it: id, brand, model, type and price. The few fields of a ``Shoe`` a list needs, so that a page of suggestions
/// does not carry every shoe's care text.
public struct ShoeSummary: Sendable, Hashable {
    public var shoeID: Int
    public var brand: String
    public var model: String
    public var type: ShoeType
    public var price: Price

    /// - Parameters: the fields.
    public init(shoeID: Int, brand: String, model: String, type: ShoeType, price: Price) {
        self.shoeID = shoeID
        self.brand = brand
        self.model = model
        self.type = type
        self.price = price
    }

    /// The summary of a catalogue shoe.
    public init(_ shoe: Shoe) {
        self.init(shoeID: shoe.id, brand: shoe.brand, model: shoe.model, type: shoe.type, price: shoe.price)
    }
}
