import Foundation

/// One served list, as the exposure log keeps it: what was shown to whom, from which model, and
/// (inside an experiment) under which arm.
public struct Exposure: Sendable, Equatable {
    public enum Surface: String, Sendable { case recommendations, similar, popular }

    public var servedAt: Date
    /// The id the response carries and events echo: a random UUID, unique across replicas.
    public var recommendationID: String
    /// nil for lists of no user (similar, popular).
    public var userID: Int?
    public var experimentID: Int?
    public var arm: Int?
    public var surface: Surface
    /// The time to compute the list (assignment and scoring), for the report's latency guardrail.
    public var latencyMicroseconds: Int
    /// The list in order: position p (1-based) is shoeIDs[p - 1].
    public var shoeIDs: [Int]
    public var model: String
    public var modelVersion: String

    public init(servedAt: Date, recommendationID: String, userID: Int?, experimentID: Int? = nil, arm: Int? = nil,
                surface: Surface, latencyMicroseconds: Int, shoeIDs: [Int], model: String, modelVersion: String) {
        self.servedAt = servedAt
        self.recommendationID = recommendationID
        self.userID = userID
        self.experimentID = experimentID
        self.arm = arm
        self.surface = surface
        self.latencyMicroseconds = latencyMicroseconds
        self.shoeIDs = shoeIDs
        self.model = model
        self.modelVersion = modelVersion
    }

    /// A fresh recommendation id.
    public static func newID() -> String { UUID().uuidString.lowercased() }
}

/// A user's first request in an experiment: the "users assigned" of the report.
public struct ExperimentAssignmentRecord: Sendable, Equatable {
    public var experimentID: Int
    public var userID: Int
    public var arm: Int
    public var assignedAt: Date
}
