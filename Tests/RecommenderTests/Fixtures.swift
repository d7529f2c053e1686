import Testing
@testable import Recommender

/// benfred/implicit's test matrix: user u likes every item of u's parity except item u itself
/// (the held-out diagonal); items of one parity share a text. A good model ranks item u first for u.
func checkerboard(size: Int = 40) -> TrainingSet {
    var cells: [TrainingSet.Cell] = []
    for user in 0..<size {
        for item in stride(from: user % 2, to: size, by: 2) where item != user {
            cells.append(.init(user: Int32(user), item: Int32(item), weight: 1))
        }
    }
    let texts = (0..<size).map { $0 % 2 == 0 ? "Trail boot, leather" : "Beach sandal; canvas" }
    return TrainingSet(userCount: size, itemCount: size, cells: cells, itemTexts: texts)
}

/// A small irregular set: 30 users, 20 items, a few hundred events with repeats.
func smallShop(seed: UInt64 = 1) -> TrainingSet {
    var state = seed
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    let weights: [Double] = [1, 1, 1, 3, 5]
    var cells: [TrainingSet.Cell] = []
    for user in 0..<30 {
        for _ in 0..<(3 + next(8)) {
            let item = (user % 4) * 5 + next(6) % 20
            cells.append(.init(user: Int32(user), item: Int32(item % 20), weight: weights[next(5)]))
        }
    }
    let colours = ["red", "black", "white", "navy"]
    let texts = (0..<20).map { "Brand\($0 % 3) \(["boot", "sneaker", "sandal", "loafer"][$0 / 5]) \(colours[$0 % 4])" }
    return TrainingSet(userCount: 30, itemCount: 20, cells: cells, itemTexts: texts)
}

/// Every model, with parameters small enough for a 40 x 40 matrix.
let everyPersonalisedModel: [ModelConfiguration] = [
    .svd(factors: 2), .tfidf, .hybrid(alpha: 0.7, svdFactors: 2),
    .segment(.init(clusters: 2, components: 2)),
    .ials(.init(factors: 4, regularization: 0.01, iterations: 15)),
    .ease(lambda: 10),
    .rp3beta(.init(alpha: 1, beta: 0.3, neighbours: .max)),
    .itemKNN(.init(neighbours: .max, shrink: 1)),
]
let everyModel: [ModelConfiguration] = [.popularity, .imdb] + everyPersonalisedModel

func trainingItems(_ set: TrainingSet, user: Int) -> Set<Int> {
    Set(set.cells.filter { Int($0.user) == user }.map { Int($0.item) })
}

/// A training user's cells as the history the serving call takes (so tests check the served path).
func trainingHistory(_ set: TrainingSet, user: Int) -> [ItemWeight] {
    set.cells.filter { Int($0.user) == user }.map { ItemWeight(item: Int($0.item), weight: $0.weight) }
}

/// Every Recommender suite nests here and runs serialized: the OpenBLAS thread count is
/// process-wide, and two fits changing it at once would make bit-for-bit determinism checks flaky.
@Suite(.serialized) enum RecommenderSpecification {}

/// A set with a timeline: each user's cells of `smallShop` one day apart (users a minute apart),
/// every fifth cell a purchase, items grouped by the four shoe types of their text.
func timedShop(seed: UInt64 = 1) -> TrainingSet {
    var set = smallShop(seed: seed)
    let day: Int64 = 86_400
    var position: [Int32: Int64] = [:]
    let seconds = set.cells.map { cell -> Int64 in
        defer { position[cell.user, default: 0] += 1 }
        return 1_700_000_000 + position[cell.user, default: 0] * day + Int64(cell.user) * 60
    }
    set.timeline = .init(seconds: seconds,
                         purchases: set.cells.indices.map { $0 % 5 == 4 })
    set.itemGroups = (0..<set.itemCount).map { Int32($0 / 5) }
    return set
}

/// A training user's cells as the served history, with times and purchase flags.
func timedHistory(_ set: TrainingSet, user: Int) -> [ItemWeight] {
    set.cells.indices.filter { Int(set.cells[$0].user) == user }.map {
        ItemWeight(item: Int(set.cells[$0].item), weight: set.cells[$0].weight,
                   seconds: set.timeline!.seconds[$0], purchased: set.timeline!.purchases[$0])
    }
}
