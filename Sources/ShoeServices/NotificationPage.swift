/// One page of due notifications.
///
/// `nextCursor` is present only when more items may follow; pass it back unchanged to get the next
/// page. Pages are keyset pages (see ``NotificationCursor``), so a page costs the same however deep
/// into the list it is, and an item is never shown twice or skipped because notifications were
/// recorded or new purchases arrived between two pages. (A purchase inserted with a time before
/// the cursor — a back-dated import — shows up on the next pass from the first page.)
public struct NotificationPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public var items: [Item]
    /// Opaque; nil on the last page.
    public var nextCursor: String?

    /// - Parameters:
    ///   - items: the page's items, in the list's order.
    ///   - nextCursor: where the next page starts, nil on the last page.
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// The page sizes the services accept.
public enum NotificationPaging {
    /// A page holds 1...1000 items: enough for a marketing batch, small enough that one page's
    /// query stays short on a table of billions of rows.
    public static let limits = 1...1000
    public static let defaultLimit = 100

    static func validate(limit: Int) throws(NotificationError) {
        guard limits.contains(limit) else { throw .invalidLimit(limit) }
    }
}
