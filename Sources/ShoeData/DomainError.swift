#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime

/// Why a domain value is not acceptable: one case per rule, whichever way the value came in (the
/// CSV import, the API, the generator's self-check), so that every way in enforces the same rules.
///
/// ``field`` and ``message`` are for callers that report by column or by JSON field; the
/// description names the entity too. None carries more data than the caller already has.
public enum DomainError: Error, Hashable, CustomStringConvertible {
    case invalidID(entity: String, id: Int)
    case invalidAge(userID: Int, age: Int)
    case invalidLifespan(shoeID: Int, days: Int)
    /// Negative, or beyond what the database's `numeric(10,2)` holds.
    case invalidPrice(shoeID: Int, price: Price)
    /// Empty, or only white space.
    case emptyField(entity: String, id: Int, field: String)
    case tooLong(entity: String, id: Int, field: String, limit: Int)
    /// An event's time before the shop's epoch (``EventTimeWindow``).
    case occurredBeforeEpoch(at: Date, epoch: Date)
    /// An event's time more than the allowed clock skew after `now` (``EventTimeWindow``).
    case occurredInFuture(at: Date, skewSeconds: Int, now: Date)

    /// The column (CSV) or JSON field the problem is in.
    public var field: String {
        switch self {
        case .invalidID: "id"
        case .invalidAge: "age"
        case .invalidLifespan: "lifespan_days"
        case .invalidPrice: "price"
        case .emptyField(_, _, let field), .tooLong(_, _, let field, _): field
        case .occurredBeforeEpoch, .occurredInFuture: "occurred_at"
        }
    }

    /// What is wrong with the field, without naming the entity: `must not be empty`.
    public var message: String {
        switch self {
        case .invalidID(_, let id): "must be positive, got \(id)"
        case .invalidAge(_, let age):
            "age \(age) is outside \(User.ageRange.lowerBound)...\(User.ageRange.upperBound)"
        case .invalidLifespan(_, let days):
            "must be positive and at most \(Shoe.lifespans.upperBound) days, got \(days)"
        case .invalidPrice(_, let price): "not a price \(Shoe.priceRule): \(price)"
        case .emptyField: "must not be empty"
        case .tooLong(_, _, _, let limit): "must be at most \(limit) characters"
        case .occurredBeforeEpoch(let date, let epoch):
            "\(UTCTimestamp.format(date)) is before the shop's epoch \(UTCTimestamp.format(epoch))"
        case .occurredInFuture(let date, let skew, let now):
            "\(UTCTimestamp.format(date)) is more than \(skew) s after now (\(UTCTimestamp.format(now)))"
        }
    }

    public var description: String {
        switch self {
        case .invalidID(let entity, let id): "\(entity) id must be positive, got \(id)"
        case .invalidAge(let userID, _): "user \(userID): \(message)"
        case .invalidLifespan(let shoeID, _), .invalidPrice(let shoeID, _): "shoe \(shoeID): \(field) \(message)"
        case .emptyField(let entity, let id, _), .tooLong(let entity, let id, _, _): "\(entity) \(id): \(field) \(message)"
        case .occurredBeforeEpoch, .occurredInFuture: "event time \(message)"
        }
    }
}
