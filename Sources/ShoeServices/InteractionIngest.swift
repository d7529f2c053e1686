import Foundation
import Logging
import PostgresClient
import ShoeData
import UTCTime

/// Writes new events (one or a batch of up to 1,000) in one transaction, then updates the live
/// histories so the user's next recommendations reflect them at once, without a retrain.
///
/// Every event is validated first; if any is bad, the caller gets each bad one and nothing is
/// written. Sending the same event again (same user, time, shoe and kind) writes nothing new and
/// answers the id it already has, so a client may safely retry a batch.
public struct InteractionIngest: Sendable {
    /// An event as clients send it: the kind and the time as sent (Strings), so that each bad one
    /// can be reported with what the client wrote.
    public struct Event: Sendable, Equatable {
        public var userID: Int
        public var shoeID: Int
        public var interactionType: String
        /// ISO-8601; the time of the request when absent.
        public var occurredAt: String?
        /// The list the shoe was shown in, as the list response named it (for experiment attribution).
        public var recommendationID: String?

        public init(userID: Int, shoeID: Int, interactionType: String, occurredAt: String? = nil, recommendationID: String? = nil) {
            self.userID = userID
            self.shoeID = shoeID
            self.interactionType = interactionType
            self.occurredAt = occurredAt
            self.recommendationID = recommendationID
        }
    }

    /// One bad event: its position in the batch, the field, and what is wrong.
    public struct Problem: Sendable, Equatable {
        public var index: Int
        public var field: String
        public var message: String
    }

    public enum IngestError: Error, Equatable, CustomStringConvertible {
        case emptyBatch
        case tooManyEvents(Int)
        case invalidEvents([Problem])

        public var description: String {
            switch self {
            case .emptyBatch: "the batch holds no events"
            case .tooManyEvents(let count): "a batch holds at most \(InteractionIngest.maxBatch) events, got \(count)"
            case .invalidEvents(let problems): "\(problems.count) invalid event(s)"
            }
        }
    }

    public static let maxBatch = 1_000

    private let pool: PostgresPool
    private let histories: UserHistories
    private let logger: Logger
    /// The times an event may carry; one outside is refused with the batch.
    private let timeWindow: EventTimeWindow

    public init(
        pool: PostgresPool, histories: UserHistories, timeWindow: EventTimeWindow = .standard,
        logger: Logger = Logger(label: "solemate.ingest")
    ) {
        self.pool = pool
        self.histories = histories
        self.timeWindow = timeWindow
        self.logger = logger
    }

    /// Validates and writes `events`; answers their ids in order (existing ids for events already stored)
    /// and how many were new.
    public func ingest(_ events: [Event], now: Date = Date()) throws -> (ids: [Int64], inserted: Int) {
        guard !events.isEmpty else { throw IngestError.emptyBatch }
        guard events.count <= Self.maxBatch else { throw IngestError.tooManyEvents(events.count) }
        var problems: [Problem] = []
        var kinds: [InteractionKind] = []
        var times: [Date] = []
        for (index, event) in events.enumerated() {
            if let kind = InteractionKind(rawValue: event.interactionType) {
                kinds.append(kind)
            } else {
                kinds.append(.view)
                problems.append(Problem(
                    index: index, field: "interaction_type",
                    message: "must be \(InteractionKind.listed), got \"\(event.interactionType)\""))
            }
            if let text = event.occurredAt {
                if let date = UTCTimestamp.parse(text) {
                    times.append(date)
                    if let problem = timeWindow.problem(with: date, now: now) {
                        problems.append(Problem(index: index, field: problem.field, message: problem.message))
                    }
                } else {
                    times.append(now)
                    problems.append(Problem(index: index, field: "occurred_at", message: "not an ISO-8601 timestamp: \"\(text)\""))
                }
            } else {
                times.append(now)
            }
            if let id = event.recommendationID, UUID(uuidString: id) == nil {
                problems.append(Problem(index: index, field: "recommendation_id", message: "not a recommendation id: \"\(id)\""))
            }
        }
        let userIDs = events.map(\.userID)
        let shoeIDs = events.map(\.shoeID)
        // The months these events fall in must exist before the insert routes them there; made in
        // a transaction of their own, as attaching a month briefly locks users and shoes against writes.
        if problems.isEmpty { try pool.withConnection { try InteractionPartitions.ensure(times, $0) } }
        let (ids, newIDs) = try pool.withTransaction { connection -> ([Int64], Set<Int64>) in
            // An id outside int4 names no row, and would make PostgreSQL refuse the whole query.
            let storable = { (ids: [Int]) in ids.filter { Int(Int32.min)...Int(Int32.max) ~= $0 } }
            let knownUsers = Set(try connection.query("SELECT id FROM users WHERE id = ANY($1::int4[])", [storable(userIDs)]).map {
                try $0.decode(Int.self, at: 0)
            })
            let knownShoes = Set(try connection.query("SELECT id FROM shoes WHERE id = ANY($1::int4[])", [storable(shoeIDs)]).map {
                try $0.decode(Int.self, at: 0)
            })
            for (index, event) in events.enumerated() {
                if !knownUsers.contains(event.userID) {
                    problems.append(Problem(index: index, field: "user_id", message: "no user with id \(event.userID)"))
                }
                if !knownShoes.contains(event.shoeID) {
                    problems.append(Problem(index: index, field: "shoe_id", message: "no shoe with id \(event.shoeID)"))
                }
            }
            guard problems.isEmpty else {
                throw IngestError.invalidEvents(problems.sorted { ($0.index, $0.field) < ($1.index, $1.field) })
            }
            let columns: [any PostgresEncodable] = [userIDs, shoeIDs, kinds.map(\.rawValue), times]
            let recommendationIDs = events.map { $0.recommendationID?.lowercased() }
            let newIDs = Set(try connection.query("""
                INSERT INTO interactions (user_id, shoe_id, kind, occurred_at, recommendation_id)
                SELECT * FROM unnest($1::int4[], $2::int4[], $3::interaction_kind[], $4::timestamptz[], $5::uuid[])
                ON CONFLICT ON CONSTRAINT interactions_one_event DO NOTHING
                RETURNING id
                """, columns + [recommendationIDs]).map { try $0.decode(Int64.self, at: 0) })
            // Every event's id, new or already stored, in the batch's order.
            let ids = try connection.query("""
                SELECT i.id FROM unnest($1::int4[], $2::int4[], $3::interaction_kind[], $4::timestamptz[])
                    WITH ORDINALITY AS e(user_id, shoe_id, kind, occurred_at, position)
                JOIN interactions i USING (user_id, occurred_at, shoe_id, kind)
                ORDER BY e.position
                """, columns).map { try $0.decode(Int64.self, at: 0) }
            return (ids, newIDs)
        }
        // Only events new to the database change the histories: a retried batch counts once, and
        // so does an event repeated within the batch (stored once, under one id).
        var counted = Set<Int64>()
        histories.add(events.indices.filter { newIDs.contains(ids[$0]) && counted.insert(ids[$0]).inserted }.map { index in
            UserHistories.Event(id: ids[index], user: events[index].userID, shoe: events[index].shoeID, kind: kinds[index].code,
                                seconds: Int64(times[index].timeIntervalSince1970.rounded(.down)))
        })
        logger.info("interactions written", metadata: ["events": "\(events.count)", "new": "\(newIDs.count)"])
        return (ids, newIDs.count)
    }
}
