import LinearAlgebra
import Recommender

/// The benchmark's data set, generated deterministically: users with 1-3 favourite segments of the
/// catalogue, item popularity skewed within a segment, views/wishlists/purchases 70/20/10, and
/// shoe texts whose words follow their segment, so every model has structure to find.
struct SyntheticShop {
    let set: TrainingSet

    init(users: Int, items: Int, interactions: Int, segments: Int = 40, seed: UInt64 = 42) {
        var random = SplitMix64(seed: seed)
        let brands = ["aldenmoor", "halloway", "kestrel", "marlowe", "northgate", "pellam", "quillon", "rowan"]
        let types = ["sneaker", "sandal", "boot", "loafer", "trail runner", "oxford", "slipper", "pump"]
        let materials = ["leather", "synthetic", "canvas", "suede", "mesh", "knit"]
        let colors = ["red", "brown", "black", "white", "navy", "olive", "grey", "tan", "pink"]
        let segmentOfItem = (0..<items).map { _ in Int(random.next() % UInt64(segments)) }
        var itemsBySegment = [[Int]](repeating: [], count: segments)
        for (item, segment) in segmentOfItem.enumerated() { itemsBySegment[segment].append(item) }
        let texts = (0..<items).map { item -> String in
            let s = segmentOfItem[item]
            let brand = brands[(s + Int(random.next() % 2)) % brands.count]
            return "\(brand) model-\(item % 97) \(types[s % types.count]) \(materials[(s / 8 + Int(random.next() % 2)) % materials.count]) \(colors[Int(random.next() % UInt64(colors.count))])"
        }
        let favourites = (0..<users).map { _ in
            (0..<(1 + Int(random.next() % 3))).map { _ in Int(random.next() % UInt64(segments)) }
        }
        var cells: [TrainingSet.Cell] = []
        cells.reserveCapacity(interactions)
        for n in 0..<interactions {
            let user = n % users
            let item: Int
            if random.nextUniform() < 0.85 {
                let pool = itemsBySegment[favourites[user][Int(random.next() % UInt64(favourites[user].count))]]
                // Skewed within the segment: the square of a uniform favours the first items.
                let u = random.nextUniform()
                item = pool[min(pool.count - 1, Int(u * u * Double(pool.count)))]
            } else {
                item = Int(random.next() % UInt64(items))
            }
            let r = random.nextUniform()
            let weight: Double = r < 0.7 ? 1 : (r < 0.9 ? 3 : 5)
            cells.append(TrainingSet.Cell(user: Int32(user), item: Int32(item), weight: weight))
        }
        set = TrainingSet(userCount: users, itemCount: items, cells: cells, itemTexts: texts)
    }
}
