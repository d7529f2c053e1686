/// A shoe of the catalogue: one model in one material and one colour, at one price.
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
    /// How long the shoe typically lasts in regular use, in days; always > 0. Drives the service's
    /// replacement suggestions.
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

    /// Checks what a database constraint would; call it on data from outside before storing it.
    public func validate() throws(DomainError) {
        guard id > 0 else { throw .invalidID(entity: "shoe", id: id) }
        try Self.validateLifespan(lifespanDays, shoeID: id)
        guard price.cents >= 0 else { throw .negativePrice(shoeID: id, price: price) }
        for (name, value) in [("brand", brand), ("model", model), ("type", type.rawValue),
                              ("material", material.rawValue), ("color", color)] where value.isEmpty {
            throw .emptyField(entity: "shoe", id: id, field: name)
        }
    }

    /// A lifespan must be a positive number of days: replacement dates divide and add by it.
    public static func validateLifespan(_ days: Int, shoeID: Int) throws(DomainError) {
        guard days > 0 else { throw .invalidLifespan(shoeID: shoeID, days: days) }
    }

    enum CodingKeys: String, CodingKey {
        case id, brand, model, type, material, color, price
        case careInstructions = "care_instructions"
        case lifespanDays = "lifespan_days"
    }
}
