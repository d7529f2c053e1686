import ExperimentStatistics
import Foundation
import PostgresClient

/// Builds an experiment's report from the database: the attribution of events to exposures and
/// the per-user aggregates in one set-based query, then the statistics (ExperimentStatistics).
/// The one report builder: `GET /admin/experiments/{name}/report` and `solemate experiment report`
/// both call it.
///
/// Attribution, computed at report time (the exposure of an event may still be in the logger's
/// queue when the event is ingested): an event that names a `recommendation_id` goes to that
/// exposure if it showed the event's shoe to the event's user; an event without one goes to the
/// latest exposure that showed the shoe to the user within the window before it (views and
/// wishlists `viewWindow`, purchases `purchaseWindow`). Each event goes to at most one exposure,
/// from any list (an explicit `model=` list or /popular included); only those of the experiment count.
public struct ExperimentReporter: Sendable {
    /// How far back an event without a recommendation id looks for the list it came from.
    public struct AttributionWindows: Sendable, Equatable {
        public var viewHours: Int
        public var purchaseDays: Int

        public init(viewHours: Int = 24, purchaseDays: Int = 7) {
            self.viewHours = viewHours
            self.purchaseDays = purchaseDays
        }
    }

    /// One arm's latency guardrail, in milliseconds (nil without lists).
    public struct Latency: Sendable, Equatable {
        public var p50: Double?
        public var p99: Double?
    }

    /// The report: the experiment, its statistics, and the latency of each arm.
    public struct Report: Sendable {
        public var experiment: Experiment
        public var statistics: ExperimentReport
        /// By arm, in the experiment's order.
        public var latency: [Latency]
    }

    private let pool: PostgresPool
    public let windows: AttributionWindows

    public init(pool: PostgresPool, windows: AttributionWindows = AttributionWindows()) {
        self.pool = pool
        self.windows = windows
    }

    /// The report of the experiment named `name`; throws `ExperimentError.notFound`.
    public func report(named name: String) throws -> Report {
        guard let experiment = try ExperimentStore(pool: pool).named(name) else { throw ExperimentError.notFound(name) }
        let armCount = experiment.arms.count
        var assigned = [Int](repeating: 0, count: armCount)
        var users = [[ExposedUser]](repeating: [], count: armCount)
        var latency = [Latency](repeating: Latency(), count: armCount)
        try pool.withConnection { connection in
            for row in try connection.query(
                "SELECT arm::int4, count(*)::int8 FROM experiment_assignments WHERE experiment_id = $1 GROUP BY arm",
                [experiment.id]
            ) {
                let arm = try row.decode(Int.self, at: 0)
                if arm < armCount { assigned[arm] = try row.decode(Int.self, at: 1) }
            }
            for row in try connection.query(Self.perUserSQL, [experiment.id, windows.viewHours, windows.purchaseDays]) {
                let arm = try row.decode(Int.self, at: 0)
                guard arm < armCount else { continue }
                users[arm].append(ExposedUser(
                    lists: try row.decode(Int.self, at: 1), views: try row.decode(Int.self, at: 2),
                    wishlists: try row.decode(Int.self, at: 3), purchases: try row.decode(Int.self, at: 4),
                    revenue: try row.decode(Double.self, at: 5)))
            }
            for row in try connection.query(Self.latencySQL, [experiment.id]) {
                let arm = try row.decode(Int.self, at: 0)
                guard arm < armCount else { continue }
                latency[arm] = Latency(p50: try row.decode(Double?.self, at: 1), p99: try row.decode(Double?.self, at: 2))
            }
        }
        let observations = experiment.arms.enumerated().map { index, arm in
            ArmObservations(name: arm.name, weight: arm.weight, usersAssigned: assigned[index], exposedUsers: users[index])
        }
        return Report(experiment: experiment, statistics: ExperimentReport(arms: observations), latency: latency)
    }

    /// Per exposed user of the experiment ($1): arm, lists, attributed views, wishlists, purchases
    /// and revenue. $2 = view/wishlist window in hours, $3 = purchase window in days.
    static let perUserSQL = """
        WITH experiment AS (
            SELECT id, created_at, coalesce(stopped_at, now()) AS ended_at FROM experiments WHERE id = $1
        ),
        lists AS (
            SELECT x.user_id, x.arm FROM exposures x, experiment e
            WHERE x.experiment_id = e.id AND x.served_at >= e.created_at AND x.served_at <= e.ended_at
        ),
        candidate_events AS (
            SELECT i.id, i.user_id, i.shoe_id, i.kind, i.occurred_at, i.recommendation_id,
                   CASE WHEN i.kind = 'purchase' THEN make_interval(days => $3::int4)
                        ELSE make_interval(hours => $2::int4) END AS window_length
            FROM interactions i, experiment e
            WHERE i.occurred_at >= e.created_at AND i.occurred_at <= e.ended_at + make_interval(days => $3::int4)
              AND i.user_id IN (SELECT DISTINCT user_id FROM lists)
        ),
        attributed AS (
            SELECT DISTINCT ON (c.id) c.id, c.kind, c.shoe_id, x.experiment_id, x.arm, x.user_id
            FROM candidate_events c
            JOIN exposures x ON x.user_id = c.user_id AND c.shoe_id = ANY (x.shoe_ids)
             AND CASE WHEN c.recommendation_id IS NOT NULL THEN x.recommendation_id = c.recommendation_id
                      ELSE x.served_at <= c.occurred_at AND x.served_at > c.occurred_at - c.window_length END
            ORDER BY c.id, x.served_at DESC
        ),
        outcomes AS (
            SELECT a.arm, a.user_id,
                   count(*) FILTER (WHERE a.kind = 'view') AS views,
                   count(*) FILTER (WHERE a.kind = 'add_to_wishlist') AS wishlists,
                   count(*) FILTER (WHERE a.kind = 'purchase') AS purchases,
                   coalesce(sum(s.price) FILTER (WHERE a.kind = 'purchase'), 0) AS revenue
            FROM attributed a JOIN shoes s ON s.id = a.shoe_id, experiment e
            WHERE a.experiment_id = e.id
            GROUP BY a.arm, a.user_id
        ),
        served AS (
            SELECT arm, user_id, count(*) AS lists FROM lists GROUP BY arm, user_id
        )
        SELECT s.arm::int4, s.lists::int8, coalesce(o.views, 0)::int8, coalesce(o.wishlists, 0)::int8,
               coalesce(o.purchases, 0)::int8, coalesce(o.revenue, 0)::float8
        FROM served s LEFT JOIN outcomes o USING (arm, user_id)
        ORDER BY s.arm, s.user_id
        """

    /// The median and 99th percentile of the time to compute each arm's lists, in milliseconds.
    static let latencySQL = """
        SELECT x.arm::int4,
               (percentile_cont(0.5) WITHIN GROUP (ORDER BY x.latency_us) / 1000)::float8,
               (percentile_cont(0.99) WITHIN GROUP (ORDER BY x.latency_us) / 1000)::float8
        FROM exposures x JOIN experiments e ON e.id = x.experiment_id
        WHERE x.experiment_id = $1 AND x.served_at >= e.created_at AND x.served_at <= coalesce(e.stopped_at, now())
        GROUP BY x.arm
        """
}
