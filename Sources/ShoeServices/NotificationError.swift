/// Why a care or replacement request was refused: the caller's input, never the database.
///
/// Database failures are not here: they propagate as `PostgresError`. Descriptions name only what
/// the caller sent, never database text.
public enum NotificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `limit` outside ``NotificationPaging/limits``.
    case invalidLimit(Int)
    /// The cursor is not one this service handed out (malformed, truncated, edited).
    case invalidCursor
    /// `care_interval_days` outside ``CareNotifications/intervals``.
    case invalidInterval(Int)
    /// `within_days` outside ``ReplacementSuggestions/windows``.
    case invalidWindow(Int)
    /// `k` outside ``ReplacementSuggestions/suggestionCounts``.
    case invalidSuggestionCount(Int)
    /// No user with this id.
    case unknownUser(Int)
    /// These ids are not purchases (no such interaction, or a view or wishlist entry), sorted.
    case unknownPurchases([Int64])
    /// These purchases have no notification due on the day given (or, without a day, none due
    /// yet at `as_of`): a care day must be purchase day + n × interval (n ≥ 1), a replacement day
    /// the estimated end of life. Sorted.
    case notDueOn([Int64])
    /// More sent records in one request than ``NotificationSentLog/maxRecords``.
    case tooManyRecords(Int)

    public var description: String {
        switch self {
        case .invalidLimit(let limit):
            "limit must be in \(NotificationPaging.limits.lowerBound)...\(NotificationPaging.limits.upperBound), got \(limit)"
        case .invalidCursor: "the cursor is not valid"
        case .invalidInterval(let days):
            "care_interval_days must be in \(CareNotifications.intervals.lowerBound)...\(CareNotifications.intervals.upperBound), got \(days)"
        case .invalidWindow(let days):
            "within_days must be in \(ReplacementSuggestions.windows.lowerBound)...\(ReplacementSuggestions.windows.upperBound), got \(days)"
        case .invalidSuggestionCount(let k):
            "k must be in \(ReplacementSuggestions.suggestionCounts.lowerBound)...\(ReplacementSuggestions.suggestionCounts.upperBound), got \(k)"
        case .unknownUser(let id): "unknown user \(id)"
        case .unknownPurchases(let ids): "not purchases: \(Self.list(ids))"
        case .notDueOn(let ids): "no notification due on that day for purchases \(Self.list(ids))"
        case .tooManyRecords(let count):
            "at most \(NotificationSentLog.maxRecords) records per request, got \(count)"
        }
    }

    /// At most 20 ids, then a count: a description stays one readable line.
    private static func list(_ ids: [Int64]) -> String {
        let shown = ids.prefix(20).map(String.init).joined(separator: ", ")
        return ids.count > 20 ? "\(shown) and \(ids.count - 20) more" : shown
    }
}
