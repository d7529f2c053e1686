#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generated user's hidden tastes: what a recommender should discover from their events.
struct Taste: Sendable {
    /// Liking for each kind of shoe, indexed like ``Catalog/types``; sums to 1, every entry > 0.
    var typeWeights: [Double]
    /// Indices into ``Catalog/brands``: 1-3 brands the user is drawn to.
    var favouriteBrands: [Int]
    /// Indices into ``Catalog/colors``: 2-3 colours.
    var favouriteColors: [Int]
    /// Preferred price level relative to mid-range (1 = mid, 0.65 budget, 2 luxury).
    var priceLevel: Double
    /// Relative share of all events (log-normal: most users browse a little, a few a lot).
    var activity: Double
    /// Fraction of the window that passed before the user's first visit (0 for most).
    var startFraction: Double

    /// How well `shoe` fits this user apart from popularity, in (0, 1]: drives the funnel.
    func match(_ shoe: GeneratedShoe, maxTypeWeight: Double) -> Double {
        let typeFit = typeWeights[shoe.typeIndex] / maxTypeWeight
        let brandFit = favouriteBrands.contains(shoe.brandIndex) ? 1.0 : 0.5
        let colorFit = favouriteColors.contains(shoe.colorIndex) ? 1.0 : 0.7
        return typeFit * brandFit * colorFit * priceFit(shoe.relativePrice)
    }

    /// Multipliers of a shoe's attraction for this user, indexed like ``Catalog/brands``: 5 for a
    /// favourite brand, 1 otherwise. See ``EventSimulator`` for the attraction itself.
    var brandAttraction: [Double] {
        var factors = [Double](repeating: 1, count: Catalog.brands.count)
        for brand in favouriteBrands { factors[brand] = 5 }
        return factors
    }

    /// Like ``brandAttraction`` for ``Catalog/colors``: 2 for a favourite colour.
    var colorAttraction: [Double] {
        var factors = [Double](repeating: 1, count: Catalog.colors.count)
        for color in favouriteColors { factors[color] = 2 }
        return factors
    }

    /// 1 at the user's price level, falling off on a log scale (half at about ×1.5 or ÷1.5).
    func priceFit(_ relativePrice: Double) -> Double {
        Self.priceFit(logDistance: log(relativePrice) - log(priceLevel))
    }

    /// ``priceFit(_:)`` from the difference of the logarithms of the two price levels.
    static func priceFit(logDistance distance: Double) -> Double {
        exp(-distance * distance * (1 / (2 * 0.35 * 0.35)))
    }

    /// Draws user `index` (id index + 1) and their tastes from the user stream.
    static func makeUser(index: Int, seed: UInt64) -> (User, Taste) {
        var random = SeededRandom(seed: seed, stream: RandomStream.users.rawValue, index: UInt64(index))
        let age = drawAge(&random)
        let gender = random.pick([(Gender.female, 0.52), (.male, 0.45), (.nonBinary, 0.02), (.other, 0.01)])
        let usage = drawUsage(age: age, gender: gender, &random)
        let user = User(id: index + 1, age: age, gender: gender, primaryUsage: usage)

        let typeWeights = drawTypeWeights(usage: usage, gender: gender, age: age, &random)
        var levelMean = 0.04 * Double(min(max(age, 20), 65) - 35) / 10
        if usage == .formal { levelMean += 0.15 }
        let priceLevel = random.logNormal(mu: levelMean, sigma: 0.3)

        let brandWeights = Catalog.brands.map { brand in
            let madeWeight = brand.makes.reduce(0.0) { $0 + typeWeights[Catalog.typeIndex($1)] }
            let tierDistance = log(brand.tier.priceFactor / priceLevel)
            return madeWeight * (0.05 + exp(-tierDistance * tierDistance / (2 * 0.35 * 0.35)))
        }
        let brandCount = random.pick([(1, 0.4), (2, 0.4), (3, 0.2)])
        let colorCount = random.pick([(2, 0.6), (3, 0.4)])
        let taste = Taste(
            typeWeights: typeWeights,
            favouriteBrands: random.distinctIndices(brandCount, weights: brandWeights),
            favouriteColors: random.distinctIndices(colorCount, weights: Catalog.colorPopularity),
            priceLevel: priceLevel,
            activity: random.logNormal(sigma: 1.1),
            startFraction: random.chance(0.35) ? random.double(in: 0...0.75) : 0)
        return (user, taste)
    }

    /// Ages 16-80, shaped like an online shop's customers: most 25-54, fewer teens and over-65s.
    private static func drawAge(_ random: inout SeededRandom) -> Int {
        let brackets: [(ClosedRange<Int>, Double)] = [
            (16...17, 0.03), (18...24, 0.15), (25...34, 0.24), (35...44, 0.21),
            (45...54, 0.16), (55...64, 0.12), (65...80, 0.09),
        ]
        return random.int(in: random.pick(brackets))
    }

    private static func drawUsage(age: Int, gender: Gender, _ random: inout SeededRandom) -> Usage {
        func factor(_ usage: Usage) -> Double {
            switch usage {
            case .running: age < 35 ? 1.3 : age < 55 ? 1.0 : 0.45
            case .sport: age < 25 ? 2.0 : age < 35 ? 1.2 : age < 50 ? 0.6 : 0.2
            case .hiking: (25...64).contains(age) ? 1.2 : 0.7
            case .walking: age >= 55 ? 2.5 : age < 30 ? 0.5 : 1.0
            case .formal: age < 22 ? 0.4 : age < 65 ? 1.2 : 0.8
            case .work: age < 18 ? 0.1 : age < 65 ? (gender == .male ? 1.4 : 0.7) : 0.3
            default: 1.0
            }
        }
        let base: [(Usage, Double)] = [
            (.casual, 0.26), (.running, 0.17), (.sport, 0.12), (.hiking, 0.11),
            (.walking, 0.12), (.formal, 0.11), (.work, 0.11),
        ]
        return random.pick(base.map { ($0.0, $0.1 * factor($0.0)) })
    }

    /// Kinds of shoe the usage suggests, shaded by gender and age, jittered per user, with one
    /// side interest and a little liking for everything (so exploration is possible).
    private static func drawTypeWeights(
        usage: Usage, gender: Gender, age: Int, _ random: inout SeededRandom
    ) -> [Double] {
        var liked: [(ShoeType, Double)]
        switch usage {
        case .running: liked = [(.running, 10), (.trailRunning, 3), (.sneaker, 2), (.casual, 1), (.tennis, 0.5)]
        case .hiking: liked = [(.hikingBoot, 8), (.trailRunning, 4), (.boot, 2), (.sandal, 1), (.casual, 1)]
        case .walking: liked = [(.casual, 5), (.sneaker, 5), (.running, 1.5), (.sandal, 2), (.slipper, 1)]
        case .formal: liked = [(.oxford, 6), (.loafer, 5), (.highHeel, 5), (.boot, 2), (.casual, 1)]
        case .work: liked = [(.workBoot, 10), (.boot, 3), (.casual, 1), (.sneaker, 1)]
        case .sport:
            let sports: [ShoeType] = [.basketball, .football, .tennis]
            let main = sports[random.below(sports.count)]
            liked = sports.map { ($0, $0 == main ? 10 : 2) } + [(.running, 2), (.sneaker, 2)]
        default: liked = [(.sneaker, 6), (.casual, 6), (.sandal, 2), (.slipper, 1.5), (.boot, 2), (.loafer, 1)]
        }
        var weights = [Double](repeating: 0.05, count: Catalog.types.count)
        for (type, weight) in liked { weights[Catalog.typeIndex(type)] += weight * random.logNormal(sigma: 0.3) }
        weights[random.below(weights.count)] += 1.5

        let heel = Catalog.typeIndex(.highHeel)
        let oxford = Catalog.typeIndex(.oxford)
        switch gender {
        case .female: weights[oxford] *= 0.5
        case .male: weights[heel] *= 0.03
        default: weights[heel] *= 0.5
        }
        if age >= 55 { weights[heel] *= 0.5 }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
