/// A data set in the neutral form of PROTOCOL.md section 1, with ids already mapped onto their
/// canonical indices: what both protocols split and every model trains on.
public struct Dataset: Sendable {
    /// One row of interactions.csv.
    public struct Event: Sendable, Hashable {
        public var user: Int32
        public var item: Int32
        /// Exact nanoseconds since 1970-01-01T00:00:00Z.
        public var timestamp: Int64
        /// view 1, add_to_wishlist 3, purchase 5, rating its value.
        public var weight: Double
        /// Protocol 2 excludes only purchased items.
        public var isPurchase: Bool

        public init(user: Int32, item: Int32, timestamp: Int64, weight: Double, isPurchase: Bool) {
            self.user = user
            self.item = item
            self.timestamp = timestamp
            self.weight = weight
            self.isPurchase = isPurchase
        }
    }

    /// User ids in canonical order: a user's index is its position here.
    public var userIDs: [String]
    /// Item ids in canonical order (items.csv and interactions.csv together).
    public var itemIDs: [String]
    /// Each item's text: its non-id columns joined by single spaces; "" for items not in items.csv.
    public var itemTexts: [String]
    /// Each item's `type` column (the shoe's type), "" where the file has none: what the recency
    /// re-ranking groups items by.
    public var itemTypes: [String]
    /// The interactions in file order.
    public var events: [Event]
    /// SHA-256 (hex) of each input file, by file name, so a report names exactly what it measured.
    public var fileDigests: [String: String]

    public var userCount: Int { userIDs.count }
    public var itemCount: Int { itemIDs.count }

    /// Item types as small integers in first-seen order, -1 for none; nil if no item has a type.
    public var itemGroups: [Int32]? {
        var codes: [String: Int32] = [:]
        let groups = itemTypes.map { type -> Int32 in
            if type.isEmpty { return -1 }
            if let code = codes[type] { return code }
            codes[type] = Int32(codes.count)
            return Int32(codes.count - 1)
        }
        return codes.isEmpty ? nil : groups
    }

    public init(userIDs: [String], itemIDs: [String], itemTexts: [String], events: [Event],
                fileDigests: [String: String] = [:], itemTypes: [String]? = nil) {
        self.itemTypes = itemTypes ?? [String](repeating: "", count: itemIDs.count)
        self.userIDs = userIDs
        self.itemIDs = itemIDs
        self.itemTexts = itemTexts
        self.events = events
        self.fileDigests = fileDigests
    }
}
