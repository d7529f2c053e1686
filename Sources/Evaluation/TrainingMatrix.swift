import Recommender

/// The training matrix `X` of PROTOCOL.md section 2 in compressed rows: for each user, the items of
/// its training pairs in ascending index with their summed weights, and whether any of the pair's
/// training rows was a purchase (protocol 2 excludes exactly those).
struct TrainingMatrix: Sendable {
    let userCount: Int
    let itemCount: Int
    /// Row `u` is `rowStart[u]..<rowStart[u + 1]`.
    let rowStart: [Int]
    let items: [Int32]
    let weights: [Double]
    let purchased: [Bool]
    /// The latest event of each pair, exact nanoseconds (what the time-aware models and tuning read).
    let latest: [Int64]

    /// Sums the weights of the given events (in file order) per (user, item).
    init(events: [Dataset.Event], including include: (Dataset.Event) -> Bool, userCount: Int, itemCount: Int) {
        self.userCount = userCount
        self.itemCount = itemCount
        // Rows grouped by user in file order, then each user's sorted by item; ties keep file order,
        // so a pair's weights add in the order the reference adds them.
        var selected = EventGroups(events, userCount: userCount, including: include)
        selected.sortWithinUsers { events[$0].item }
        var rowStart = [Int](repeating: 0, count: userCount + 1)
        var items: [Int32] = []
        var weights: [Double] = []
        var purchased: [Bool] = []
        var latest: [Int64] = []
        var previous: (Int32, Int32)?
        for index in selected.indices {
            let event = events[index]
            if let previous, previous == (event.user, event.item) {
                weights[weights.count - 1] += event.weight
                purchased[purchased.count - 1] = purchased[purchased.count - 1] || event.isPurchase
                latest[latest.count - 1] = max(latest[latest.count - 1], event.timestamp)
            } else {
                items.append(event.item)
                weights.append(event.weight)
                purchased.append(event.isPurchase)
                latest.append(event.timestamp)
                rowStart[Int(event.user) + 1] += 1
                previous = (event.user, event.item)
            }
        }
        for user in 0..<userCount { rowStart[user + 1] += rowStart[user] }
        self.rowStart = rowStart
        self.items = items
        self.weights = weights
        self.purchased = purchased
        self.latest = latest
    }

    /// Number of training pairs.
    var pairCount: Int { items.count }

    /// Sum of every cell.
    var weightSum: Double { weights.reduce(0, +) }

    /// Row `user`'s positions in `items`/`weights`.
    func row(_ user: Int) -> Range<Int> { rowStart[user]..<rowStart[user + 1] }

    /// The model contract's form: one cell per training pair, with each pair's latest time (in
    /// seconds, rounded down) and purchase flag as its timeline, and the items' groups. The cells are
    /// the protocol's exactly: models that read no timeline fit what they always fitted.
    func trainingSet(itemTexts: [String], itemGroups: [Int32]? = nil) -> TrainingSet {
        var cells: [TrainingSet.Cell] = []
        cells.reserveCapacity(pairCount)
        for user in 0..<userCount {
            for position in row(user) {
                cells.append(TrainingSet.Cell(user: Int32(user), item: items[position], weight: weights[position]))
            }
        }
        let seconds = latest.map { $0 >= 0 ? $0 / Timestamp.nanosecondsPerSecond : ($0 + 1) / Timestamp.nanosecondsPerSecond - 1 }
        return TrainingSet(userCount: userCount, itemCount: itemCount, cells: cells, itemTexts: itemTexts,
                           timeline: .init(seconds: seconds, purchases: purchased), itemGroups: itemGroups)
    }
}
