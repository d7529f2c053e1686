/// The generator's fixed knowledge of the shoe world: which kinds exist in which materials, at what
/// prices, for how long they last, which brands make them and what they are called.
///
/// Everything here is an array in a fixed order (never a dictionary walked for output), so the
/// generator's draws — and therefore its files — depend only on the seed.
enum Catalog {
    /// How a kind of shoe looks in the catalogue.
    struct TypeProfile {
        var type: ShoeType
        /// Relative share of the catalogue.
        var share: Double
        /// Plausible upper materials and how common each is for this kind.
        var materials: [(Material, Double)]
        /// Typical price in whole currency units for a mid-range brand.
        var priceBand: ClosedRange<Double>
        /// Typical life in regular use, in days, before the material's factor.
        var lifespanDays: ClosedRange<Double>
        var palette: Palette
        /// Words for model names, e.g. "Velocity" for running shoes.
        var modelWords: [String]

        var typicalPrice: Double { (priceBand.lowerBound + priceBand.upperBound) / 2 }
    }

    enum Palette { case athletic, outdoor, formal, casual, evening }

    enum Tier: CaseIterable {
        case budget, mid, premium, luxury

        /// Price multiplier relative to a mid-range brand.
        var priceFactor: Double {
            switch self {
            case .budget: 0.65
            case .mid: 1.0
            case .premium: 1.35
            case .luxury: 2.1
            }
        }
    }

    struct Brand {
        var name: String
        var tier: Tier
        var makes: [ShoeType]
    }

    struct MaterialProfile {
        var material: Material
        var priceFactor: Double
        var lifespanFactor: Double
    }

    static let types: [TypeProfile] = [
        .init(type: .running, share: 12, materials: [(.mesh, 5), (.knit, 3), (.synthetic, 2)],
              priceBand: 90...170, lifespanDays: 190...350, palette: .athletic,
              modelWords: ["Velocity", "Pulse", "Tempo", "Glide", "Stride", "Surge", "Zephyr", "Momentum"]),
        .init(type: .trailRunning, share: 6, materials: [(.mesh, 3), (.synthetic, 3), (.goreTex, 2)],
              priceBand: 100...180, lifespanDays: 190...340, palette: .outdoor,
              modelWords: ["Ridge", "Scree", "Talus", "Switchback", "Canyon", "Fell"]),
        .init(type: .hikingBoot, share: 7,
              materials: [(.leather, 3), (.nubuck, 2), (.goreTex, 3), (.suede, 1), (.synthetic, 1)],
              priceBand: 130...260, lifespanDays: 700...1400, palette: .outdoor,
              modelWords: ["Summit", "Cairn", "Alpine", "Highland", "Traverse", "Crag"]),
        .init(type: .sneaker, share: 14,
              materials: [(.leather, 3), (.canvas, 3), (.synthetic, 2), (.suede, 2), (.knit, 1), (.mesh, 1)],
              priceBand: 60...140, lifespanDays: 365...730, palette: .casual,
              modelWords: ["Court", "Street", "Metro", "Classic", "Retro", "Avenue"]),
        .init(type: .casual, share: 12,
              materials: [(.leather, 3), (.suede, 3), (.canvas, 2), (.synthetic, 1), (.nubuck, 1)],
              priceBand: 50...120, lifespanDays: 365...900, palette: .casual,
              modelWords: ["Weekend", "Harbor", "Drift", "Easy", "Stroll", "Commons"]),
        .init(type: .loafer, share: 5, materials: [(.leather, 5), (.suede, 3)],
              priceBand: 80...180, lifespanDays: 500...1100, palette: .formal,
              modelWords: ["Penny", "Venetian", "Milano", "Tassel", "Riviera"]),
        .init(type: .oxford, share: 5, materials: [(.leather, 8), (.suede, 1)],
              priceBand: 110...260, lifespanDays: 800...1500, palette: .formal,
              modelWords: ["Windsor", "Regent", "Belgrave", "Kensington", "Mayfair"]),
        .init(type: .sandal, share: 7, materials: [(.leather, 3), (.synthetic, 3), (.rubber, 3)],
              priceBand: 25...80, lifespanDays: 200...400, palette: .casual,
              modelWords: ["Coast", "Lagoon", "Breeze", "Shoreline", "Solstice"]),
        .init(type: .slipper, share: 4, materials: [(.wool, 3), (.suede, 2), (.knit, 2), (.synthetic, 1)],
              priceBand: 20...60, lifespanDays: 150...365, palette: .casual,
              modelWords: ["Hearth", "Lounge", "Cocoon", "Fireside", "Nest"]),
        .init(type: .highHeel, share: 6, materials: [(.leather, 5), (.suede, 3), (.synthetic, 2)],
              priceBand: 70...200, lifespanDays: 300...700, palette: .evening,
              modelWords: ["Gala", "Muse", "Aria", "Soiree", "Opera", "Starlet"]),
        .init(type: .boot, share: 8, materials: [(.leather, 5), (.suede, 3), (.nubuck, 2), (.rubber, 1)],
              priceBand: 110...250, lifespanDays: 700...1500, palette: .outdoor,
              modelWords: ["Chelsea", "Ranger", "Harlow", "Nordic", "Drover"]),
        .init(type: .basketball, share: 5, materials: [(.synthetic, 4), (.leather, 2), (.knit, 2), (.mesh, 1)],
              priceBand: 90...200, lifespanDays: 200...400, palette: .athletic,
              modelWords: ["Dunk", "Rebound", "Elevate", "Baseline", "Crossover"]),
        .init(type: .football, share: 4, materials: [(.synthetic, 5), (.leather, 2), (.knit, 1)],
              priceBand: 60...220, lifespanDays: 150...330, palette: .athletic,
              modelWords: ["Striker", "Volley", "Pitch", "Derby", "Playmaker"]),
        .init(type: .tennis, share: 4, materials: [(.synthetic, 3), (.mesh, 3), (.leather, 1)],
              priceBand: 70...150, lifespanDays: 180...365, palette: .athletic,
              modelWords: ["Ace", "Rally", "Slice", "Deuce", "Topspin"]),
        .init(type: .workBoot, share: 4, materials: [(.leather, 6), (.nubuck, 2), (.rubber, 1), (.synthetic, 1)],
              priceBand: 110...230, lifespanDays: 500...1000, palette: .outdoor,
              modelWords: ["Foreman", "Anvil", "Rigger", "Bedrock", "Ironclad"]),
    ]

    static let materials: [MaterialProfile] = [
        .init(material: .leather, priceFactor: 1.15, lifespanFactor: 1.15),
        .init(material: .suede, priceFactor: 1.1, lifespanFactor: 0.9),
        .init(material: .nubuck, priceFactor: 1.1, lifespanFactor: 1.0),
        .init(material: .mesh, priceFactor: 1.0, lifespanFactor: 0.9),
        .init(material: .knit, priceFactor: 1.05, lifespanFactor: 0.85),
        .init(material: .synthetic, priceFactor: 0.9, lifespanFactor: 1.0),
        .init(material: .canvas, priceFactor: 0.8, lifespanFactor: 0.8),
        .init(material: .rubber, priceFactor: 0.85, lifespanFactor: 1.1),
        .init(material: .goreTex, priceFactor: 1.25, lifespanFactor: 1.05),
        .init(material: .wool, priceFactor: 1.0, lifespanFactor: 0.8),
    ]

    static let brands: [Brand] = [
        .init(name: "Stridewell", tier: .mid, makes: [.running, .trailRunning, .sneaker, .tennis]),
        .init(name: "Veloce", tier: .premium, makes: [.running, .trailRunning, .basketball, .football]),
        .init(name: "Kinetiq", tier: .mid, makes: [.running, .basketball, .football, .tennis, .sneaker]),
        .init(name: "Apex Motion", tier: .premium, makes: [.running, .basketball, .tennis, .sneaker]),
        .init(name: "Courtline", tier: .budget, makes: [.tennis, .basketball, .sneaker, .running, .football]),
        .init(name: "Northcairn", tier: .premium, makes: [.hikingBoot, .trailRunning, .boot, .sandal]),
        .init(name: "Ridgeback", tier: .mid, makes: [.hikingBoot, .trailRunning, .workBoot, .boot]),
        .init(name: "Trailforge", tier: .mid, makes: [.hikingBoot, .trailRunning, .sandal]),
        .init(name: "Ironstep", tier: .mid, makes: [.workBoot, .boot]),
        .init(name: "Aldenmoor", tier: .luxury, makes: [.oxford, .loafer, .boot]),
        .init(name: "Maison Verel", tier: .luxury, makes: [.highHeel, .loafer, .sneaker, .boot]),
        .init(name: "Halloway", tier: .premium, makes: [.oxford, .loafer, .boot, .casual, .highHeel]),
        .init(name: "Crestwood & Co", tier: .mid, makes: [.oxford, .loafer, .casual, .boot]),
        .init(name: "Bellamy", tier: .mid, makes: [.highHeel, .sandal, .casual, .loafer]),
        .init(name: "Softstep", tier: .budget, makes: [.slipper, .sandal, .casual]),
        .init(name: "Cozyhaus", tier: .budget, makes: [.slipper, .casual]),
        .init(name: "Driftwood", tier: .mid, makes: [.sandal, .casual, .boot, .sneaker]),
        .init(name: "Urbanite", tier: .mid, makes: [.sneaker, .casual, .boot]),
        .init(name: "Pacebase", tier: .budget, makes: [.running, .sneaker, .casual, .sandal, .workBoot]),
        .init(name: "Evergait", tier: .mid, makes: [.casual, .sneaker, .sandal, .slipper, .running]),
    ]

    static let colors: [String] = [
        "black", "white", "grey", "navy", "blue", "red", "orange", "green", "pink", "yellow",
        "brown", "olive", "tan", "beige", "burgundy", "gold", "silver",
    ]

    /// Colour weights of a palette, indexed like ``colors``.
    static func colorWeights(_ palette: Palette) -> [Double] {
        switch palette {
        //                black white grey navy blue red orange green pink yellow brown olive tan beige burg gold silver
        case .athletic: [3, 3, 2, 1, 3, 2, 1, 1, 1.5, 1, 0, 0, 0, 0, 0, 0, 0.3]
        case .outdoor: [2, 0, 3, 0.5, 1, 0, 0.5, 1, 0, 0, 3, 2, 2, 0.5, 0, 0, 0]
        case .formal: [5, 0, 0.5, 1, 0, 0, 0, 0, 0, 0, 4, 0, 2, 0, 2, 0, 0]
        case .casual: [3, 3, 2, 2, 1, 1, 0, 1, 1, 0.3, 2, 0.5, 1, 2, 0.3, 0, 0]
        case .evening: [4, 1, 0, 1, 0, 2, 0, 0, 1.5, 0, 0, 0, 0, 2, 1, 1, 1]
        }
    }

    /// How much users like each colour overall, indexed like ``colors``: the draw of favourites.
    static let colorPopularity: [Double] = [6, 4, 3, 2.5, 2.5, 1.5, 0.8, 1.2, 1.2, 0.6, 3, 1, 1.5, 1.5, 0.8, 0.4, 0.4]

    static func typeIndex(_ type: ShoeType) -> Int {
        types.firstIndex { $0.type == type }!
    }

    static func materialProfile(_ material: Material) -> MaterialProfile {
        materials.first { $0.material == material }!
    }
}
