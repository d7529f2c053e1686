import Foundation
import PostgresClient
import ShoeServices

/// `solemate train`: one training from PostgreSQL, published for the replicas, then exit. What a
/// trainer apart from the serving replicas runs (by cron, or in a loop in docker/compose.yaml).
public enum TrainAndPublish {
    /// What one run did.
    public struct Outcome: Sendable {
        public var published: PublishedVersion
        public var trainingSeconds: Double
        public var publishSeconds: Double
    }

    /// Trains with the configuration's parameters, publishes, and prunes to the newest
    /// `modelVersionsKept` (and the versions running experiments pin).
    public static func run(_ configuration: AppConfiguration) throws -> Outcome {
        let pool = PostgresPool(configuration: .init(url: configuration.databaseURL, maxConnections: 2))
        defer { pool.shutdown() }
        let trainer = ModelTrainer(
            pool: pool, configuration: .init(hybridAlpha: configuration.hybridAlpha, svdFactors: configuration.svdFactors))
        let trained = try trainer.train()
        let started = Date()
        let published = try ModelVersionStore(pool: pool).publish(trained.version, keeping: configuration.modelVersionsKept)
        return Outcome(
            published: published, trainingSeconds: trained.version.trainingSeconds, publishSeconds: Date().timeIntervalSince(started))
    }
}
