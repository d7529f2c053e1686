#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generated ``Shoe`` plus the hidden facts the event simulator needs about it (indices into
/// ``Catalog``, relative price, popularity), which never leave the generator.
struct GeneratedShoe: Sendable {
    var shoe: Shoe
    var typeIndex: Int
    var brandIndex: Int
    var colorIndex: Int
    /// Price relative to a mid-range shoe of the same kind and material (about the brand's tier
    /// factor): what users with a price level compare against.
    var relativePrice: Double
    /// How much traffic the shoe draws regardless of taste (log-normal: a few hits, a long tail).
    var popularity: Double

    static func make(index: Int, seed: UInt64) -> GeneratedShoe {
        var random = SeededRandom(seed: seed, stream: RandomStream.shoes.rawValue, index: UInt64(index))
        let typeIndex = random.weightedIndex(Catalog.types.map(\.share))
        let profile = Catalog.types[typeIndex]
        let makers = Catalog.brands.indices.filter { Catalog.brands[$0].makes.contains(profile.type) }
        let brandIndex = makers[random.below(makers.count)]
        let brand = Catalog.brands[brandIndex]
        let material = random.pick(profile.materials)
        let materialProfile = Catalog.materialProfile(material)
        let colorIndex = random.weightedIndex(Catalog.colorWeights(profile.palette))

        let relativePrice = brand.tier.priceFactor * random.logNormal(sigma: 0.08)
        let basePrice = random.double(in: profile.priceBand)
        let price = roundedPrice(basePrice * materialProfile.priceFactor * relativePrice, tier: brand.tier)
        let lifespan = random.double(in: profile.lifespanDays) * materialProfile.lifespanFactor

        let shoe = Shoe(
            id: index + 1,
            brand: brand.name,
            model: modelName(profile: profile, material: material, random: &random),
            type: profile.type,
            material: material,
            color: Catalog.colors[colorIndex],
            price: price,
            careInstructions: material.careInstructions ?? "",
            lifespanDays: max(30, Int(lifespan.rounded())))
        return GeneratedShoe(
            shoe: shoe, typeIndex: typeIndex, brandIndex: brandIndex, colorIndex: colorIndex,
            relativePrice: relativePrice * (basePrice / profile.typicalPrice),
            popularity: random.logNormal(sigma: 1.0))
    }

    /// Shop-style prices: 24.99, 129.99; luxury brands round to whole tens (450.00).
    private static func roundedPrice(_ amount: Double, tier: Catalog.Tier) -> Price {
        if tier == .luxury {
            return Price(cents: max(1, Int((amount / 10).rounded())) * 1000)
        }
        let step = amount < 50 ? 1.0 : 5.0
        let whole = max(step, (amount / step).rounded() * step)
        return Price(cents: Int(whole) * 100 - 1)
    }

    /// "Velocity 3", "Summit GTX 2", "Court Low": a word of the kind, maybe a variant, maybe a version.
    private static func modelName(
        profile: Catalog.TypeProfile, material: Material, random: inout SeededRandom
    ) -> String {
        var name = profile.modelWords[random.below(profile.modelWords.count)]
        if material == .goreTex {
            name += " GTX"
        } else if random.chance(0.25) {
            let variants = ["Pro", "Lite", "Plus", "Low", "Mid", "Elite"]
            name += " " + variants[random.below(variants.count)]
        }
        if random.chance(0.7) {
            name += " \(random.int(in: 1...9))"
        }
        return name
    }
}
