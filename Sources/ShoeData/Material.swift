/// The main upper material, as the shop's `material` column spells it (`leather`, `gore-tex`, ...).
///
/// An open set, like ``ShoeType``: unknown materials are carried, not rejected.
public struct Material: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let leather: Material = "leather"
    public static let suede: Material = "suede"
    public static let nubuck: Material = "nubuck"
    public static let mesh: Material = "mesh"
    public static let knit: Material = "knit"
    public static let synthetic: Material = "synthetic"
    public static let canvas: Material = "canvas"
    public static let rubber: Material = "rubber"
    public static let goreTex: Material = "gore-tex"
    public static let wool: Material = "wool"

    /// Every material the project knows, in a fixed order.
    public static let known: [Material] = [
        .leather, .suede, .nubuck, .mesh, .knit, .synthetic, .canvas, .rubber, .goreTex, .wool,
    ]

    /// The standard care text for a known material, `nil` for others. The generator writes exactly
    /// this into `care_instructions`; the service may fall back to it when a shoe has none.
    public var careInstructions: String? {
        switch self {
        case .leather:
            "wipe with a damp cloth, condition every 2-3 months and polish; dry at room temperature away from heat"
        case .suede:
            "brush with a suede brush, lift stains with a suede eraser; protect with water-repellent spray and keep away from rain"
        case .nubuck:
            "brush gently with a nubuck brush, clean stains with nubuck cleaner; re-apply waterproofing spray regularly"
        case .mesh:
            "hand wash with mild soap and lukewarm water, remove the insoles; air dry away from direct heat"
        case .knit:
            "hand wash cold with mild detergent, reshape while damp; air dry, never tumble dry"
        case .synthetic:
            "wipe clean with a damp cloth and mild soap; air dry"
        case .canvas:
            "brush off dry dirt, spot clean with mild soap and water; air dry out of direct sunlight"
        case .rubber:
            "rinse with water and mild soap; dry in the shade, avoid long exposure to sun and heat"
        case .goreTex:
            "rinse off mud with clean water, scrub gently with a soft brush; air dry away from heat, no fabric softener, re-apply DWR treatment"
        case .wool:
            "spot clean with cold water and wool detergent; air dry flat, do not machine wash"
        default:
            nil
        }
    }
}
