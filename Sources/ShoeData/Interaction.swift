#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime

/// One event of the shop's log: `userID` did `kind` with `shoeID` at `occurredAt`.
///
/// Timestamps have whole-second precision in every file the project writes. `Codable` always uses
/// the CSV's keys and an ISO-8601 UTC string (`2026-03-28T19:15:30Z`) for the time, whatever date
/// strategy the encoder has, so JSON and CSV agree.
public struct Interaction: Sendable, Hashable, Codable {
    public var userID: Int
    public var shoeID: Int
    public var kind: InteractionKind
    public var occurredAt: Date

    /// - Parameters:
    ///   - userID: The ``User/id`` of the actor.
    ///   - shoeID: The ``Shoe/id`` acted on.
    ///   - kind: What happened.
    ///   - occurredAt: When; the files round it down to whole seconds.
    public init(userID: Int, shoeID: Int, kind: InteractionKind, occurredAt: Date) {
        self.userID = userID
        self.shoeID = shoeID
        self.kind = kind
        self.occurredAt = occurredAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case shoeID = "shoe_id"
        case kind = "interaction_type"
        case occurredAt = "timestamp"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userID = try container.decode(Int.self, forKey: .userID)
        shoeID = try container.decode(Int.self, forKey: .shoeID)
        kind = try container.decode(InteractionKind.self, forKey: .kind)
        let text = try container.decode(String.self, forKey: .occurredAt)
        guard let date = UTCTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .occurredAt, in: container, debugDescription: "not an ISO-8601 timestamp: \(text)")
        }
        occurredAt = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(shoeID, forKey: .shoeID)
        try container.encode(kind, forKey: .kind)
        try container.encode(UTCTimestamp.format(occurredAt), forKey: .occurredAt)
    }
}
