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

    public init(userCount: Int, itemCount: Int, cells: [Cell], itemTexts: [String]) {
        self.userCount = userCount
        self.itemCount = itemCount
        self.cells = cells
        self.itemTexts = itemTexts
    }
}
