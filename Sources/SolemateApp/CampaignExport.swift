import Foundation
import HTTPServer
import JSON
import PostgresClient
import ShoeServices

/// `solemate export` and `POST /admin/exports`: every user's top k, ranked in blocks on every core
/// (`RecommendationExporter`), written as CSV, JSON Lines or rows of `campaign_recommendations`.
///
/// Nothing partial is ever left: a file is written unnamed and given its name only once complete
/// (`CompleteFile`), and the table's run, rows and completion are one transaction, so a killed
/// export leaves no file and no run.
public enum CampaignExport {
    public enum Format: String, CaseIterable, Sendable {
        case csv, jsonl, table
    }

    public struct Options: Sendable {
        public var model: String
        public var k: Int
        /// The users, in order, each once (a user listed again is exported at the first place only:
        /// one list per user, as the table's key and a mailing want); nil: every user of the
        /// `users` table, by id.
        public var users: [Int]?
        public var filter: RecommendationFilter
        public var format: Format
        /// Where a csv or jsonl export goes; nil: standard output.
        public var output: String?

        public init(model: String = "hybrid", k: Int = 20, users: [Int]? = nil, filter: RecommendationFilter = .none,
                    format: Format, output: String? = nil) {
            self.model = model
            self.k = k
            var seen = Set<Int>()
            self.users = users?.filter { seen.insert($0).inserted }
            self.filter = filter
            self.format = format
            self.output = output
        }
    }

    public struct Outcome: Sendable {
        public var summary: RecommendationExporter.Summary
        /// The `campaign_runs` row of a table export.
        public var runID: Int64?
        public var output: String?
    }

    /// Runs one export. `progress` gets (users done, users in all) once before the first chunk
    /// (0 done) and after each.
    /// - Throws: `RecommendationError` for a bad model, k or filter; `PostgresError`; I/O errors.
    public static func run(
        _ options: Options, engine: RecommendationEngine, pool: PostgresPool,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        isCancelled: @escaping () -> Bool = { false }, progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        let users = try options.users ?? pool.withConnection { connection in
            try connection.query("SELECT id FROM users ORDER BY id").map { try $0.decode(Int.self, at: 0) }
        }
        let exporter = RecommendationExporter(engine: engine, threads: threads)
        progress(0, users.count)
        let export = { (emit: ([ExportedList]) throws -> Void) throws -> RecommendationExporter.Summary in
            try exporter.run(
                users: users, modelName: options.model, k: options.k, filter: options.filter, isCancelled: isCancelled,
                emit: emit, progress: { progress($0, users.count) })
        }
        switch options.format {
        case .table:
            let (summary, runID) = try toTable(options, pool: pool, engine: engine, export)
            return Outcome(summary: summary, runID: runID, output: nil)
        case .csv, .jsonl:
            let file = try options.output.map { try CompleteFile(path: $0) }
            let out = file.map(\.handle) ?? FileHandle.standardOutput
            var version = ""
            let summary = try export { lists in
                var bytes: [UInt8] = []
                if version.isEmpty, let current = engine.version?.id {
                    version = current
                    if options.format == .csv { bytes += ExportLines.csvHeader(k: options.k).utf8 }
                }
                for list in lists {
                    options.format == .csv ? ExportLines.csv(list, version: version, k: options.k, into: &bytes)
                        : ExportLines.jsonLine(list, version: version, into: &bytes)
                }
                try out.write(contentsOf: bytes)
            }
            try file?.complete()
            return Outcome(summary: summary, runID: nil, output: options.output)
        }
    }

    /// One transaction: the run row, one COPY of every list, then the run marked complete.
    private static func toTable(
        _ options: Options, pool: PostgresPool, engine: RecommendationEngine,
        _ export: (([ExportedList]) throws -> Void) throws -> RecommendationExporter.Summary
    ) throws -> (RecommendationExporter.Summary, Int64) {
        guard let version = engine.version?.id else { throw RecommendationError.noModel }
        return try pool.withConnection { connection in
            try connection.transaction { connection in
                let runID = try connection.query(
                    "INSERT INTO campaign_runs (model, model_version, k, filter) VALUES ($1, $2, $3, $4) RETURNING run_id",
                    [options.model, version, options.k, RecommendationFilterWire.query(options.filter)])[0].decode(Int64.self, at: 0)
                var summary: RecommendationExporter.Summary?
                try connection.copyIn("""
                    COPY campaign_recommendations (run_id, user_id, rank, shoe_id, score, model, model_version) FROM STDIN
                    """) { writer in
                    summary = try export { lists in
                        var bytes: [UInt8] = []
                        for list in lists { ExportLines.copyRows(list, runID: runID, version: version, into: &bytes) }
                        try writer.write(bytes)
                    }
                }
                guard let summary else { throw RecommendationError.noModel }
                try connection.execute(
                    "UPDATE campaign_runs SET users = $2, completed_at = now() WHERE run_id = $1", [runID, summary.users])
                return (summary, runID)
            }
        }
    }
}

/// The three forms of an exported list.
enum ExportLines {
    /// `user_id,model,model_version,shoe_1,score_1,...,shoe_k,score_k`: a list per line, as a
    /// spreadsheet or a mail tool reads it; a shorter list leaves its last fields empty.
    static func csvHeader(k: Int) -> String {
        "user_id,model,model_version" + (1...k).map { ",shoe_\($0),score_\($0)" }.joined() + "\n"
    }

    static func csv(_ list: ExportedList, version: String, k: Int, into bytes: inout [UInt8]) {
        bytes += "\(list.userID),\(list.model),\(version)".utf8
        for item in list.items { bytes += ",\(item.shoeID),\(item.score)".utf8 }
        bytes += String(repeating: ",,", count: max(0, k - list.items.count)).utf8  // every line k pairs wide
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `{"user_id":7,"model":"hybrid","model_version":"…","items":[{"shoe_id":41,"score":0.91},…]}`
    static func jsonLine(_ list: ExportedList, version: String, into bytes: inout [UInt8]) {
        var out = JSONWriter(capacity: 64 + 40 * list.items.count)
        out.raw("{\"user_id\":")
        out.number(list.userID)
        out.raw(",\"model\":")
        out.string(list.model)
        out.raw(",\"model_version\":")
        out.string(version)
        out.raw(",\"items\":[")
        for (rank, item) in list.items.enumerated() {
            out.raw(rank == 0 ? "{\"shoe_id\":" : ",{\"shoe_id\":")
            out.number(item.shoeID)
            out.raw(",\"score\":")
            out.number(item.score)
            out.raw("}")
        }
        out.raw("]}\n")
        bytes += out.bytes
    }

    /// COPY text rows: run, user, rank (from 1), shoe, score, model, version.
    static func copyRows(_ list: ExportedList, runID: Int64, version: String, into bytes: inout [UInt8]) {
        for (rank, item) in list.items.enumerated() {
            bytes += "\(runID)\t\(list.userID)\t\(rank + 1)\t\(item.shoeID)\t\(item.score)\t\(list.model)\t\(version)\n".utf8
        }
    }
}

extension CampaignExport {
    /// The command line's export: trains from `databaseURL` as `serve` does at start (same
    /// HYBRID_ALPHA, SVD_FACTORS, training window and decay, USER_HISTORY_EVENTS), then exports
    /// from that version with every core.
    public static func trainAndRun(
        _ options: Options, databaseURL: String, hybridAlpha: Double = 0.7, svdFactors: Int = 64,
        training: ModelTrainer.Configuration? = nil, historyEventsPerUser: Int = UserHistories.defaultEventsPerUser,
        progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        let pool = PostgresPool(configuration: .init(url: databaseURL, maxConnections: 2))
        defer { pool.shutdown() }
        let configuration = training ?? .init(hybridAlpha: hybridAlpha, svdFactors: svdFactors)
        let trained = try ModelTrainer(pool: pool, configuration: configuration).train()
        let engine = RecommendationEngine(histories: UserHistories(eventsPerUser: historyEventsPerUser))
        engine.histories.replace(with: trained.log)
        engine.publish(trained.version, catalog: trained.shoes)
        return try run(options, engine: engine, pool: pool, progress: progress)
    }

    /// A filter from (parameter, value) pairs named as on the API (`type`, `max_price`, ...),
    /// read by the API's one parser, with its messages.
    public static func filter(parameters: [(name: String, value: String)]) throws -> RecommendationFilter {
        do {
            return try RecommendationFilterWire.filter(parameters.map { QueryItem(name: $0.name, value: $0.value) }, hasUser: true)
        } catch {
            throw AppConfiguration.Invalid(description: error.detail ?? "bad filter")
        }
    }
}
