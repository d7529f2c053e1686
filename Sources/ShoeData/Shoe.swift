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

    /// Characters a text field (brand, model, type, material, colour) may have: what a page can
    /// show, and far below what would make a row or a TF-IDF text unwieldy.
    public static let textLengths = 1...200
    /// Characters the care text may have.
    public static let careInstructionsLimit = 2_000
    /// Prices the shop takes: not negative, and within the database's `numeric(10,2)`.
    public static let prices = Price(cents: 0)...Price(cents: 9_999_999_999)
    /// The rule behind ``prices``, as messages state it.
    public static let priceRule = "between 0.00 and 99999999.99 with at most 2 decimals"
    /// Days a shoe may last: positive (replacement dates add it to a purchase day) and at most a
    /// century (anything longer is a typo, not a shoe).
    public static let lifespans = 1...36_500

    /// Every problem with the shoe's fields other than its id, in column order; empty when the
    /// shoe can be stored. The id is left out because a new shoe gets its id from the database.
    public var fieldProblems: [DomainError] {
        var problems: [DomainError] = []
        for (field, value) in [("brand", brand), ("model", model), ("type", type.rawValue),
                               ("material", material.rawValue), ("color", color)] {
            if value.allSatisfy(\.isWhitespace) {
                problems.append(.emptyField(entity: "shoe", id: id, field: field))
            } else if value.count > Self.textLengths.upperBound {
                problems.append(.tooLong(entity: "shoe", id: id, field: field, limit: Self.textLengths.upperBound))
            }
        }
        if !Self.prices.contains(price) { problems.append(.invalidPrice(shoeID: id, price: price)) }
        if careInstructions.count > Self.careInstructionsLimit {
            problems.append(.tooLong(
                entity: "shoe", id: id, field: "care_instructions", limit: Self.careInstructionsLimit))
        }
        if !Self.lifespans.contains(lifespanDays) {
            problems.append(.invalidLifespan(shoeID: id, days: lifespanDays))
        }
        return problems
    }

    /// Checks what the database's constraints would and the limits every way into the catalogue
    /// shares; call it on data from outside before storing it. Throws the first problem.
    public func validate() throws(DomainError) {
        guard id > 0 else { throw .invalidID(entity: "shoe", id: id) }
        if let problem = fieldProblems.first { throw problem }
    }

    enum CodingKeys: String, CodingKey {
        case id, brand, model, type, material, color, price
        case careInstructions = "care_instructions"
        case lifespanDays = "lifespan_days"
    }
}
