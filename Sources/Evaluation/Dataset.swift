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
    /// The interactions in file order.
    public var events: [Event]
    /// SHA-256 (hex) of each input file, by file name, so a report names exactly what it measured.
    public var fileDigests: [String: String]

    public var userCount: Int { userIDs.count }
    public var itemCount: Int { itemIDs.count }

    public init(userIDs: [String], itemIDs: [String], itemTexts: [String], events: [Event],
                fileDigests: [String: String] = [:]) {
        self.userIDs = userIDs
        self.itemIDs = itemIDs
        self.itemTexts = itemTexts
        self.events = events
        self.fileDigests = fileDigests
    }
}
