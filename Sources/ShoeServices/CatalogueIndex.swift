import Recommender
import ShoeData

/// The catalogue's attributes by model item index, as bitsets: what request-time filters are
/// built from.
///
/// Why pre-computed: a filtered request must cost about what an unfiltered one does, so "running
/// or trail running, by Veloce, at most 150.00" is a few AND/ORs of ready masks (157 words each at
/// 10,000 shoes) and one pass over a column of cents, never a pass over the catalogue's strings.
/// Kept in the `ModelVersion` (its item order is the version's), and grown with it when a shoe is
/// added. Names are matched case-insensitively, as `/popular?type=` always did.
public struct CatalogueIndex: Sendable {
    /// Items indexed: the version's item count.
    public private(set) var itemCount = 0
    private var types: [String: ItemMask] = [:]
    private var brands: [String: ItemMask] = [:]
    private var materials: [String: ItemMask] = [:]
    private var colors: [String: ItemMask] = [:]
    /// Price in cents per item; -1 for an item whose shoe the index was not given.
    private var cents: [Int] = []
    /// A small integer per brand, per item (-1 unknown): the groups of `max_per_brand`.
    public private(set) var brandLabels: [Int32] = []
    private var brandNumbers: [String: Int32] = [:]
    /// Brands indexed: the labels are 0..<brandCount.
    public var brandCount: Int { brandNumbers.count }

    /// An index of `itemCount` items that knows no attributes (no attribute filter matches them).
    public init(itemCount: Int = 0) {
        for _ in 0..<itemCount { append(nil) }
    }

    /// The index of `shoes`, item i being the shoe `shoeIDs[i]` (an id without a shoe has no attributes).
    public init(shoeIDs: [Int], shoes: [Shoe]) {
        let byID = Dictionary(shoes.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        for id in shoeIDs { append(byID[id]) }
    }

    /// Indexes the next item (`itemCount`) as `shoe`.
    public mutating func append(_ shoe: Shoe?) {
        let item = itemCount
        itemCount += 1
        guard let shoe else {
            cents.append(-1)
            brandLabels.append(-1)
            return
        }
        types[Self.key(shoe.type.rawValue), default: ItemMask(none: 0)].insert(item)
        brands[Self.key(shoe.brand), default: ItemMask(none: 0)].insert(item)
        materials[Self.key(shoe.material.rawValue), default: ItemMask(none: 0)].insert(item)
        colors[Self.key(shoe.color), default: ItemMask(none: 0)].insert(item)
        cents.append(shoe.price.cents)
        let brand = Self.key(shoe.brand)
        let label = brandNumbers[brand] ?? Int32(brandNumbers.count)
        brandNumbers[brand] = label
        brandLabels.append(label)
    }

    /// The index with one more item.
    func appending(_ shoe: Shoe?) -> CatalogueIndex {
        var grown = self
        grown.append(shoe)
        return grown
    }

    /// The items `filter`'s attributes allow (types, brands, materials, colours, price band),
    /// over 0..<itemCount; exclusions of shoes and the brand cap are the engine's.
    public func mask(for filter: RecommendationFilter) -> ItemMask {
        var mask = ItemMask(all: itemCount)
        for (values, index) in [(filter.types, types), (filter.brands, brands), (filter.materials, materials), (filter.colors, colors)]
        where !values.isEmpty {
            var any = ItemMask(none: itemCount)
            for value in values { if let matching = index[Self.key(value)] { any.formUnion(matching) } }
            mask.formIntersection(any)
        }
        if filter.minPrice != nil || filter.maxPrice != nil {
            let low = filter.minPrice?.cents ?? 0, high = filter.maxPrice?.cents ?? Int.max
            var band = ItemMask(none: itemCount)
            cents.withUnsafeBufferPointer { cents in
                for item in 0..<cents.count where cents[item] >= low && cents[item] <= high { band.insert(item) }
            }
            mask.formIntersection(band)
        }
        return mask
    }

    private static func key(_ name: String) -> String { name.lowercased() }
}
