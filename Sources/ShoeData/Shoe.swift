/// A shoe of the catalogue: one model in one material and one colour, at one price.
///
/// The one shape of a shoe in every target: the generator makes these, the importer and the API
/// validate them (``validate()``, ``fieldProblems``), the service keeps them in memory and the
/// models read their text. Typed kind and material rather than Strings so that the care texts and
/// the generator's knowledge attach to them; ``Price`` rather than `Decimal` for its reasons.
public struct Shoe: Sendable, Hashable, Codable, Identifiable {
    /// Positive, unique within the shop.
    public var id: Int
    public var brand: String
    /// The brand's model name, e.g. "Velocity 3".
    public var model: String
    public var type: ShoeType
    public var material: Material
    public var color: String
    public var price: Price
    /// Free text shown to the owner; for the known materials see ``Material/careInstructions``.
    public var careInstructions: String
    /// How long the shoe typically lasts in regular use, in days; within ``lifespans``. Drives the
    /// service's replacement suggestions.
    public var lifespanDays: Int

    /// - Parameters:
    ///   - id: Positive, unique within the shop.
    ///   - brand: Brand name.
    ///   - model: The brand's model name.
    ///   - type: Kind of shoe.
    ///   - material: Main upper material.
    ///   - color: Main colour.
    ///   - price: Catalogue price, not negative.
    ///   - careInstructions: Care text for the owner.
    ///   - lifespanDays: Typical life in regular use, > 0.
    public init(
        id: Int, brand: String, model: String, type: ShoeType, material: Material, color: String,
        price: Price, careInstructions: String, lifespanDays: Int
    ) {
        self.id = id
        self.brand = brand
        self.model = model
        self.type = type
        self.material = material
        self.color = color
        self.price = price
        self.careInstructions = careInstructions
        self.lifespanDays = lifespanDays
    }

    enum CodingKeys: String, CodingKey {
        case id, brand, model, type, material, color, price
        case careInstructions = "care_instructions"
        case lifespanDays = "lifespan_days"
    }
}
