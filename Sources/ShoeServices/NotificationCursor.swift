import Foundation
import PostgresClient
import UTCTime

/// Where a page of a notification list ends: the last purchase's time and id.
///
/// The lists are ordered by (purchase time, purchase id), the order of the partial index
/// `interactions_purchases_by_date` (and of `interactions_one_event` within one user), so the next
/// page is an index range scan starting right after this position ("keyset pagination"): no OFFSET,
/// no state kept on the server. The order is total (ids are unique), hence stable.
///
/// The text form is base64url (no padding) of `care|<microseconds since 1970>|<purchase id>` or
/// `replacement|...`. Callers treat it as opaque; anything that does not decode to this exact form,
/// or that belongs to the other list, is ``NotificationError/invalidCursor``.
struct NotificationCursor: Equatable {
    enum List: String { case care, replacement }

    var list: List
    /// `interactions.occurred_at` of the last item, in whole microseconds (timestamptz's resolution).
    var occurredMicros: Int64
    var purchaseID: Int64

    var text: String {
        Data("\(list.rawValue)|\(occurredMicros)|\(purchaseID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(list: List, occurredMicros: Int64, purchaseID: Int64) {
        self.list = list
        self.occurredMicros = occurredMicros
        self.purchaseID = purchaseID
    }

    /// Decodes a cursor of `list`, refusing anything else.
    init(_ text: String, list expected: List) throws(NotificationError) {
        guard !text.isEmpty, text.count <= 200,
              text.utf8.allSatisfy({ $0.isBase64URL }) else { throw .invalidCursor }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
            throw .invalidCursor
        }
        let parts = decoded.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == expected.rawValue,
              let micros = Int64(parts[1]), let id = Int64(parts[2]), id > 0,
              // Exactly the form `text` writes, so one position has one cursor.
              NotificationCursor(list: expected, occurredMicros: micros, purchaseID: id).text == text
        else { throw .invalidCursor }
        self.init(list: expected, occurredMicros: micros, purchaseID: id)
    }

    /// `occurred_at` as PostgreSQL timestamp text, exact to the microsecond: `2026-01-31T23:30:00.000123Z`.
    var occurredAtText: String {
        UTCTimestamp.format(epochMicroseconds: occurredMicros, alwaysWithFraction: true)
    }

    /// What every list's scan adds to its conditions on `interactions i`: only `userID`'s purchases
    /// (for a per-user list), only those after `position` (for a page after the first). Their
    /// parameters are appended to `parameters` and numbered after those already there.
    static func conditions(
        userID: Int?, after position: NotificationCursor?, parameters: inout [any PostgresEncodable]
    ) -> [String] {
        var conditions: [String] = []
        if let userID {
            parameters.append(userID)
            conditions.append("i.user_id = $\(parameters.count)::integer")
        }
        if let position {
            let (sql, values) = position.condition(firstParameter: parameters.count + 1)
            parameters += values
            conditions.append(sql)
        }
        return conditions
    }

    /// The end of a due-notification scan over `interactions i`: the page's `conditions`, no
    /// notification of `kind` yet recorded for the purchase and `dueOn` (the probe of
    /// `user_shoe_care_once`), in page order, at most `limit` (a parameter reference) rows.
    static func scanTail(conditions: [String], unsent kind: String, dueOn: String, limit: String) -> String {
        """
          \(conditions.map { "AND " + $0 }.joined(separator: "\n  "))
          AND NOT EXISTS (
              SELECT 1 FROM user_shoe_care c
              WHERE c.purchase_id = i.id AND c.kind = '\(kind)' AND c.due_on = \(dueOn))
        ORDER BY i.occurred_at, i.id
        LIMIT \(limit)
        """
    }

    /// The SQL condition "after this position" on `interactions i`, with its two parameters
    /// numbered from `firstParameter`. Written as `occurred_at >= t AND (occurred_at > t OR id > n)`
    /// rather than a row comparison so the `occurred_at` bound is plainly an index condition.
    func condition(firstParameter: Int) -> (sql: String, parameters: [any PostgresEncodable]) {
        let t = "$\(firstParameter)::timestamptz", id = "$\(firstParameter + 1)::bigint"
        return ("i.occurred_at >= \(t) AND (i.occurred_at > \(t) OR i.id > \(id))", [occurredAtText, purchaseID])
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
