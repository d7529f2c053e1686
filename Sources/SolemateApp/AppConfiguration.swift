import Foundation
import Recommender
import ShoeData
import ShoeServices
import UTCTime

/// Everything the service reads from its environment, validated once at start-up: a bad value
/// stops the service with a message naming the variable, rather than surfacing later as odd behaviour.
public struct AppConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databaseURL = ""
    /// Bearer token for /admin; nil turns the admin endpoints off.
    public var adminToken: String?
    public var careIntervalDays = 30
    public var hybridAlpha = 0.7
    public var svdFactors = 64
    /// Days of events a training reads (`TRAINING_WINDOW_DAYS`); nil reads them all.
    public var trainingWindowDays: Int?
    /// Half-life in days of an event's training weight (`TRAINING_DECAY_HALF_LIFE_DAYS`); nil: no decay.
    public var trainingDecayHalfLifeDays: Double?
    /// Latest events kept per user in the live histories (`USER_HISTORY_EVENTS`).
    public var userHistoryEvents = UserHistories.defaultEventsPerUser
    /// Fits per family of the tuning at training time (`TUNING_BUDGET`); 0, the default, turns
    /// tuning off: every test trains a service, and a search fits some fifty models more.
    public var tuningBudget = 0
    /// Seed of the tuning's random search (`TUNING_SEED`).
    public var tuningSeed: UInt64 = 16
    /// The model that serves when a request names none (`DEFAULT_MODEL`).
    public var defaultModel = "hybrid"
    public var databasePoolSize = 8
    /// How long a request waits for a pooled connection, and for a new one to connect, before it
    /// is answered 503: short, so that a database outage fails requests fast instead of piling
    /// them up. Tests on a heavily loaded machine raise it, where 2 s of CPU starvation is normal.
    public var databaseWaitSeconds = 2
    /// Where openapi.yaml is served from.
    public var openAPIPath = "openapi.yaml"
    /// Origins whose browser pages may call the API (CORS); none by default, so a deployment
    /// opens itself to other sites only on purpose. `*` allows any origin, without credentials.
    public var corsOrigins: [String] = []
    /// The folder of the demo web page served at `/` (read once at start).
    public var demoDirectory = "web"
    /// Whether served lists are written to the exposure log (`EXPOSURE_LOG=on|off`).
    public var exposureLogEnabled = true
    /// Days of exposure partitions kept (`EXPOSURE_RETENTION_DAYS`).
    public var exposureRetentionDays = 90
    /// How far back an event without a recommendation id looks for its list: views and wishlists
    /// (`ATTRIBUTION_VIEW_HOURS`), purchases (`ATTRIBUTION_PURCHASE_DAYS`).
    public var attributionViewHours = 24
    public var attributionPurchaseDays = 7
    /// Recent model versions kept in memory for experiments to pin (`MODEL_VERSIONS_KEPT`), and
    /// published versions kept in PostgreSQL besides those a running experiment pins.
    public var modelVersionsKept = 3
    /// Whether this process trains (at start and on `POST /admin/train`) and publishes what it
    /// trains, or is a replica (`solemate serve --no-train`) that loads published versions.
    public var trains = true
    /// How often a replica reads the published pointer besides listening (`MODEL_POLL_SECONDS`).
    public var modelPollSeconds = 3
    /// The times an ingested or imported event may carry: after `SHOP_EPOCH`, and at most
    /// `EVENT_FUTURE_SKEW_SECONDS` after now.
    public var eventTimeWindow = EventTimeWindow.standard

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// What a training reads and how it weighs it, from this configuration.
    public var trainerConfiguration: ModelTrainer.Configuration {
        .init(hybridAlpha: hybridAlpha, svdFactors: svdFactors, windowDays: trainingWindowDays,
              decayHalfLifeDays: trainingDecayHalfLifeDays,
              tuning: tuningBudget > 0 ? ModelTuner.Configuration(budget: tuningBudget, seed: tuningSeed) : nil)
    }

    /// Reads HOST, PORT, DATABASE_URL, ADMIN_TOKEN, CARE_INTERVAL_DAYS, HYBRID_ALPHA, SVD_FACTORS,
    /// TRAINING_WINDOW_DAYS, TRAINING_DECAY_HALF_LIFE_DAYS, USER_HISTORY_EVENTS, TUNING_BUDGET, TUNING_SEED, DEFAULT_MODEL,
    /// DB_POOL_SIZE, OPENAPI_PATH, CORS_ORIGINS, DEMO_DIR, EXPOSURE_LOG, EXPOSURE_RETENTION_DAYS, ATTRIBUTION_VIEW_HOURS,
    /// ATTRIBUTION_PURCHASE_DAYS, MODEL_VERSIONS_KEPT, MODEL_POLL_SECONDS, EVENT_FUTURE_SKEW_SECONDS
    /// and SHOP_EPOCH from `environment`, each over its default.
    public static func from(environment: [String: String]) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw Invalid(description: "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
            }
            return number
        }
        if let host = value("HOST") { configuration.host = host }
        if let port = try integer("PORT", 0...65535) { configuration.port = port }
        if let url = value("DATABASE_URL") { configuration.databaseURL = url }
        configuration.adminToken = value("ADMIN_TOKEN")
        if let days = try integer("CARE_INTERVAL_DAYS", 1...3650) { configuration.careIntervalDays = days }
        if let factors = try integer("SVD_FACTORS", 1...512) { configuration.svdFactors = factors }
        if let budget = try integer("TUNING_BUDGET", 0...500) { configuration.tuningBudget = budget }
        if let seed = try integer("TUNING_SEED", 0...Int.max) { configuration.tuningSeed = UInt64(seed) }
        if let model = value("DEFAULT_MODEL") {
            let served = configuration.tuningBudget > 0 ? servedNames.union(tunedNames) : servedNames
            guard served.contains(model) else {
                throw Invalid(description: "DEFAULT_MODEL must be one of \(served.sorted().joined(separator: ", "))"
                              + (configuration.tuningBudget > 0 ? "" : " (the tuned ones need TUNING_BUDGET > 0)") + ", got \"\(model)\"")
            }
            configuration.defaultModel = model
        }
        if let size = try integer("DB_POOL_SIZE", 1...100) { configuration.databasePoolSize = size }
        if let days = try integer("TRAINING_WINDOW_DAYS", 1...36_500) { configuration.trainingWindowDays = days }
        if let text = value("TRAINING_DECAY_HALF_LIFE_DAYS") {
            guard let days = Double(text), days.isFinite, days > 0 else {
                throw Invalid(description: "TRAINING_DECAY_HALF_LIFE_DAYS must be a positive number of days, got \"\(text)\"")
            }
            configuration.trainingDecayHalfLifeDays = days
        }
        if let count = try integer("USER_HISTORY_EVENTS", 1...1_000_000) { configuration.userHistoryEvents = count }
        if let text = value("HYBRID_ALPHA") {
            guard let alpha = Double(text), (0...1).contains(alpha) else {
                throw Invalid(description: "HYBRID_ALPHA must be a number in 0...1, got \"\(text)\"")
            }
            configuration.hybridAlpha = alpha
        }
        if let path = value("OPENAPI_PATH") { configuration.openAPIPath = path }
        if let origins = value("CORS_ORIGINS") { configuration.corsOrigins = try corsOrigins(origins) }
        if let path = value("DEMO_DIR") { configuration.demoDirectory = path }
        if let text = value("EXPOSURE_LOG") {
            switch text.lowercased() {
            case "on", "true", "1": configuration.exposureLogEnabled = true
            case "off", "false", "0": configuration.exposureLogEnabled = false
            default: throw Invalid(description: "EXPOSURE_LOG must be on or off, got \"\(text)\"")
            }
        }
        if let days = try integer("EXPOSURE_RETENTION_DAYS", 1...3650) { configuration.exposureRetentionDays = days }
        if let hours = try integer("ATTRIBUTION_VIEW_HOURS", 1...720) { configuration.attributionViewHours = hours }
        if let days = try integer("ATTRIBUTION_PURCHASE_DAYS", 1...90) { configuration.attributionPurchaseDays = days }
        if let count = try integer("MODEL_VERSIONS_KEPT", 1...20) { configuration.modelVersionsKept = count }
        if let seconds = try integer("MODEL_POLL_SECONDS", 1...300) { configuration.modelPollSeconds = seconds }
        configuration.eventTimeWindow = try eventTimeWindow(from: environment)
        if let token = configuration.adminToken, token.count < 16 {
            throw Invalid(description: "ADMIN_TOKEN must be at least 16 characters (unset it to turn /admin off)")
        }
        return configuration
    }

    /// What every training serves, and what a tuned one serves besides.
    static let servedNames: Set<String> = ["hybrid", "content", "popularity", "svd", "ease", "ials", "segment"]
    static let tunedNames: Set<String> = Set(ModelTuner.families + ["tuned"])

    /// `EVENT_FUTURE_SKEW_SECONDS` (0 to a week) and `SHOP_EPOCH` (an ISO-8601 date or time), each
    /// over its default: what `solemate import` reads too, so both ways in share one rule.
    public static func eventTimeWindow(from environment: [String: String]) throws -> EventTimeWindow {
        var window = EventTimeWindow.standard
        let trimmed = { (name: String) in environment[name]?.trimmingCharacters(in: .whitespaces) }
        if let text = trimmed("EVENT_FUTURE_SKEW_SECONDS"), !text.isEmpty {
            guard let seconds = Int(text), (0...604_800).contains(seconds) else {
                throw Invalid(description: "EVENT_FUTURE_SKEW_SECONDS must be a whole number in 0...604800, got \"\(text)\"")
            }
            window.futureSkewSeconds = seconds
        }
        if let text = trimmed("SHOP_EPOCH"), !text.isEmpty {
            guard let epoch = UTCTimestamp.parse(text) else {
                throw Invalid(description: "SHOP_EPOCH must be an ISO-8601 date or time such as 2000-01-01, got \"\(text)\"")
            }
            window.epoch = epoch
        }
        return window
    }

    /// `CORS_ORIGINS`: comma-separated origins as browsers send them (`https://shop.example`,
    /// `http://localhost:3000`: scheme, host, optional port, no path), or `*`.
    static func corsOrigins(_ text: String) throws -> [String] {
        let origins = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in origins where origin != "*" {
            let valid = URLComponents(string: origin).map { parts in
                (parts.scheme == "http" || parts.scheme == "https") && parts.host?.isEmpty == false
                    && (parts.path.isEmpty) && parts.query == nil && parts.fragment == nil
            } ?? false
            guard valid else {
                throw Invalid(description: "CORS_ORIGINS must list origins such as https://shop.example or be *, got \"\(origin)\"")
            }
        }
        return origins
    }

    /// Checks what only makes sense once flags and environment are merged.
    public func validated() throws -> AppConfiguration {
        guard !databaseURL.isEmpty else {
            throw Invalid(description: "DATABASE_URL is not set (a postgres:// URL or a libpq conninfo string)")
        }
        return self
    }
}
