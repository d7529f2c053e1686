/// What every model is fitted on: the weighted user-item matrix as summed triples, plus each item's text.
///
/// Users and items are dense indices (0..<userCount, 0..<itemCount): mapping the shop's or a data set's
/// ids onto them is the caller's business, so the models stay free of ids, SQL and HTTP.
public struct TrainingSet: Sendable {
    /// One cell of the user-item matrix. Several events of one pair may arrive as several cells:
    /// models sum them.
    public struct Cell: Sendable, Hashable {
        public var user: Int32
        public var item: Int32
        public var weight: Double

        public init(user: Int32, item: Int32, weight: Double) {
            self.user = user
            self.item = item
            self.weight = weight
        }
    }

    public var userCount: Int
    public var itemCount: Int
    public var cells: [Cell]
    /// Text of each item (count == itemCount); empty where an item has none.
    public var itemTexts: [String]
    /// When each cell happened and whether it was a purchase, parallel to `cells`; nil where the
    /// source has no times. Only the time-aware models (`ease-decay`, the recency re-ranking) and
    /// tuning's validation split read it; every other model ignores it.
    public var timeline: Timeline?
    /// Each item's group (the shoe's type) as a small integer, -1 for none; nil where unknown. The
    /// recency re-ranking down-weights the group a user just bought.
    public var itemGroups: [Int32]?

    /// When the cells happened: one entry a cell.
    public struct Timeline: Sendable {
        /// Seconds since 1970-01-01 UTC of each cell's event (of its latest event if it sums several).
        public var seconds: [Int64]
        /// True where the cell is (or includes) a purchase.
        public var purchases: [Bool]

        public init(seconds: [Int64], purchases: [Bool]) {
            self.seconds = seconds
            self.purchases = purchases
        }
    }

    public init(userCount: Int, itemCount: Int, cells: [Cell], itemTexts: [String],
                timeline: Timeline? = nil, itemGroups: [Int32]? = nil) {
        self.userCount = userCount
        self.itemCount = itemCount
        self.cells = cells
        self.itemTexts = itemTexts
        self.timeline = timeline
        self.itemGroups = itemGroups
    }
}
