import Foundation

/// Every list the storefront is served, with its recommendation id, its experiment arm (for a
/// user's recommendations without an explicit model) and its exposure queued for the log. The
/// routes call this instead of the engine, so that no list leaves unlogged.
public struct ServedLists: Sendable {
    /// A user's recommendations as served: the list, its id, and the experiment arm if any.
    public struct Served: Sendable {
        public var recommendation: Recommendation
        public var recommendationID: String
        public var experiment: (name: String, arm: String)?
    }

    public let engine: RecommendationEngine
    public let experiments: ExperimentServing
    public let log: ExposureLog

    public init(engine: RecommendationEngine, experiments: ExperimentServing, log: ExposureLog) {
        self.engine = engine
        self.experiments = experiments
        self.log = log
    }

    /// The user's list among the shoes `filter` allows. Without `modelName` the running
    /// experiment's arm serves the user (if the user is in its traffic), under the same filter as
    /// every other arm; an explicit model is never counted in an experiment.
    public func recommendations(
        userID: Int, k: Int, modelName: String?, filter: RecommendationFilter = .none
    ) throws(RecommendationError) -> Served {
        let started = ContinuousClock.now
        let assignment = modelName == nil ? engine.version.flatMap { experiments.assignment(userID: userID, current: $0) } : nil
        let now = Date()
        let assigned = assignment.map { ExperimentAssignmentRecord(experimentID: $0.experimentID, userID: userID, arm: $0.arm, assignedAt: now) }
        let recommendation: Recommendation
        do {
            recommendation = try engine.recommend(
                userID: userID, k: k, modelName: assignment?.model ?? modelName, filter: filter, version: assignment?.version)
        } catch {
            // Assigned, though no list was served: the user counts as assigned, not as exposed.
            if let assigned { log.record(assignment: assigned) }
            throw error
        }
        let id = Exposure.newID()
        log.record(
            Exposure(servedAt: now, recommendationID: id, userID: userID, experimentID: assignment?.experimentID,
                     arm: assignment?.arm, surface: .recommendations, latencyMicroseconds: Self.microseconds(since: started),
                     shoeIDs: recommendation.items.map(\.shoeID), model: recommendation.model,
                     modelVersion: recommendation.modelVersion),
            assignment: assigned)
        return Served(recommendation: recommendation, recommendationID: id,
                      experiment: assignment.map { ($0.experimentName, $0.armName) })
    }

    /// Shoes similar to one among those `filter` allows, with the list's id.
    public func similar(
        shoeID: Int, k: Int, filter: RecommendationFilter = .none
    ) throws(RecommendationError) -> (items: [RecommendedShoe], recommendationID: String) {
        let started = ContinuousClock.now
        let items = try engine.similar(shoeID: shoeID, k: k, filter: filter)
        return (items, logged(items, surface: .similar, model: engine.serving.similarModel, started: started))
    }

    /// The popular list among the shoes `filter` allows, with its id.
    public func popular(
        k: Int, filter: RecommendationFilter = .none
    ) throws(RecommendationError) -> (items: [RecommendedShoe], recommendationID: String) {
        let started = ContinuousClock.now
        let items = try engine.popular(k: k, filter: filter)
        return (items, logged(items, surface: .popular, model: engine.serving.popularModel, started: started))
    }

    private func logged(_ items: [RecommendedShoe], surface: Exposure.Surface, model: String, started: ContinuousClock.Instant) -> String {
        let id = Exposure.newID()
        log.record(Exposure(
            servedAt: Date(), recommendationID: id, userID: nil, surface: surface,
            latencyMicroseconds: Self.microseconds(since: started), shoeIDs: items.map(\.shoeID), model: model,
            modelVersion: engine.version?.id ?? ""))
        return id
    }

    private static func microseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
    }
}
