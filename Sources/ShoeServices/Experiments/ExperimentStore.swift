import Foundation
import PostgresClient

/// Experiments in PostgreSQL (tables `experiments` and `experiment_arms`), so they survive restarts
/// and every replica reads the same split. The database has the last word on the rules that
/// concern other experiments: a unique name, at most one running experiment per surface.
public struct ExperimentStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Writes a validated experiment and its arms in one transaction, with its salt or a fresh random one.
    /// Throws `duplicateName` or `surfaceBusy` (and writes nothing) when another experiment is in the way.
    public func create(_ new: NewExperiment, surface: String = Experiment.recommendationsSurface) throws -> Experiment {
        let salt = new.salt ?? UUID().uuidString.lowercased()
        do {
            return try pool.withTransaction { connection in
                if let running = try connection.query(
                    "SELECT name FROM experiments WHERE surface = $1::exposure_surface AND status = 'running'", [surface]
                ).first {
                    throw ExperimentError.surfaceBusy(surface: surface, running: try running.decode(String.self, at: 0))
                }
                let id = try connection.query("""
                    INSERT INTO experiments (name, surface, salt, traffic_percent)
                    VALUES ($1, $2::exposure_surface, $3, $4) RETURNING id
                    """, [new.name, surface, salt, new.trafficPercent])[0].decode(Int.self, at: 0)
                try connection.execute("""
                    INSERT INTO experiment_arms (experiment_id, arm, name, model, weight, params, model_version)
                    SELECT $1, a.position - 1, a.name, a.model, a.weight,
                           CASE WHEN a.alpha IS NULL THEN NULL ELSE jsonb_build_object('alpha', a.alpha) END, a.version
                    FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[])
                        WITH ORDINALITY AS a(name, model, weight, alpha, version, position)
                    """, [id, new.arms.map(\.name), new.arms.map(\.model), new.arms.map(\.weight),
                          new.arms.map(\.alpha), new.arms.map(\.version)])
                guard let created = try Self.load(connection, where: "e.id = $1", [id]).first else {
                    throw ExperimentError.notFound(new.name)
                }
                return created
            }
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            if error.constraint == "experiments_name_unique" { throw ExperimentError.duplicateName(new.name) }
            // Another experiment started on the surface between our check and our insert.
            let running = (try? runningExperiments())?.first { $0.surface == surface }?.name
            throw ExperimentError.surfaceBusy(surface: surface, running: running ?? "another experiment")
        }
    }

    /// Every experiment, newest first.
    public func all() throws -> [Experiment] {
        try pool.withConnection { try Self.load($0, where: "true", []) }
    }

    public func named(_ name: String) throws -> Experiment? {
        try pool.withConnection { try Self.load($0, where: "e.name = $1", [name]).first }
    }

    /// The experiments running now: what the service serves after a restart.
    public func runningExperiments() throws -> [Experiment] {
        try pool.withConnection { try Self.load($0, where: "e.status = 'running'", []) }
    }

    /// Stops a running experiment (its users get the default model from now on). Throws `notFound`
    /// or `alreadyStopped`.
    public func stop(_ name: String) throws -> Experiment {
        try pool.withTransaction { connection in
            let stopped = try connection.execute(
                "UPDATE experiments SET status = 'stopped', stopped_at = now() WHERE name = $1 AND status = 'running'", [name])
            guard let experiment = try Self.load(connection, where: "e.name = $1", [name]).first else {
                throw ExperimentError.notFound(name)
            }
            if stopped == 0 { throw ExperimentError.alreadyStopped(name) }
            return experiment
        }
    }

    /// Experiments with their arms in order, for a condition on `experiments e`.
    private static func load(_ connection: PostgresConnection, where condition: String, _ parameters: [any PostgresEncodable]) throws -> [Experiment] {
        let rows = try connection.query("""
            SELECT e.id, e.name, e.surface::text, e.salt, e.traffic_percent::int4, e.status::text, e.created_at, e.stopped_at,
                   a.name, a.model, a.weight, (a.params ->> 'alpha')::float8, a.model_version
            FROM experiments e JOIN experiment_arms a ON a.experiment_id = e.id
            WHERE \(condition)
            ORDER BY e.created_at DESC, e.id DESC, a.arm
            """, parameters)
        var experiments: [Experiment] = []
        for row in rows {
            let id = try row.decode(Int.self, at: 0)
            let arm = Experiment.Arm(
                name: try row.decode(String.self, at: 8), model: try row.decode(String.self, at: 9),
                weight: try row.decode(Double.self, at: 10), alpha: try row.decode(Double?.self, at: 11),
                version: try row.decode(String?.self, at: 12))
            if experiments.last?.id == id {
                experiments[experiments.count - 1].arms.append(arm)
                continue
            }
            experiments.append(Experiment(
                id: id, name: try row.decode(String.self, at: 1), surface: try row.decode(String.self, at: 2),
                salt: try row.decode(String.self, at: 3), trafficPercent: try row.decode(Int.self, at: 4),
                status: Experiment.Status(rawValue: try row.decode(String.self, at: 5)) ?? .stopped,
                createdAt: try row.decode(Date.self, at: 6), stoppedAt: try row.decode(Date?.self, at: 7), arms: [arm]))
        }
        return experiments
    }
}
