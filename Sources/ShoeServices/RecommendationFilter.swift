import ShoeData

/// What a storefront shelf may show: a category, a brand, a price band, no shoe it already shows,
/// nothing the user already looked at, at most so many of a brand.
///
/// One value for every list (a user's recommendations, similar shoes, the popular list, the
/// suggestions of a replacement) and every model, applied before the top k is cut. Within a field
/// the values are alternatives (`running` or `trail running`); across fields all must hold. An
/// unknown type or brand is no error: nothing matches it, and the list is empty.
public struct RecommendationFilter: Sendable, Equatable {
    public var types: [String] = []
    public var brands: [String] = []
    public var materials: [String] = []
    public var colors: [String] = []
    /// The price band, both ends included.
    public var minPrice: Price?
    public var maxPrice: Price?
    /// Shoe ids never to list (ids the catalogue lacks are ignored).
    public var excludedShoes: Set<Int> = []
    /// Shoes the user had these events with are left out (purchases always are, on a user's list).
    public var excludedInteractions: Set<InteractionKind> = []
    /// At most this many shoes of one brand.
    public var maxPerBrand: Int?

    /// No filter: every list as it was.
    public static let none = RecommendationFilter()

    public init(
        types: [String] = [], brands: [String] = [], materials: [String] = [], colors: [String] = [],
        minPrice: Price? = nil, maxPrice: Price? = nil, excludedShoes: Set<Int> = [],
        excludedInteractions: Set<InteractionKind> = [], maxPerBrand: Int? = nil
    ) {
        self.types = types
        self.brands = brands
        self.materials = materials
        self.colors = colors
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.excludedShoes = excludedShoes
        self.excludedInteractions = excludedInteractions
        self.maxPerBrand = maxPerBrand
    }

    /// Brands a list may cap at: one per list at least, up to the longest list.
    public static let brandCaps = 1...100

    /// Whether the filter restricts the catalogue's attributes (anything but exclusions and the cap).
    var restrictsAttributes: Bool {
        !types.isEmpty || !brands.isEmpty || !materials.isEmpty || !colors.isEmpty || minPrice != nil || maxPrice != nil
    }

    /// The ranges: prices not negative, min at most max, the brand cap in ``brandCaps``.
    /// - Throws: ``RecommendationError/invalidFilter(parameter:reason:)`` naming the parameter.
    public func validate() throws(RecommendationError) {
        if let minPrice, minPrice.cents < 0 { throw .invalidFilter(parameter: "min_price", reason: "must not be negative") }
        if let maxPrice, maxPrice.cents < 0 { throw .invalidFilter(parameter: "max_price", reason: "must not be negative") }
        if let minPrice, let maxPrice, minPrice > maxPrice {
            throw .invalidFilter(parameter: "min_price", reason: "must not exceed max_price (\(minPrice) > \(maxPrice))")
        }
        if let maxPerBrand, !Self.brandCaps.contains(maxPerBrand) {
            throw .invalidFilter(parameter: "max_per_brand", reason: "must be between 1 and 100, got \(maxPerBrand)")
        }
    }
}
