import HTTPServer
import ShoeData
import ShoeServices

/// The query form of a `RecommendationFilter`, shared by every list that takes one
/// (`/users/{id}/recommendations`, `/shoes/{id}/similar`, `/popular`, the replacement lists).
///
/// - `type`, `brand`, `material`, `color`: repeatable, alternatives within a field
///   (`type=running&type=trail%20running`), all fields must hold; matched without regard to case.
/// - `min_price`, `max_price`: prices like `129.99`, both ends included.
/// - `exclude`: shoe ids, as a comma list, repeated, or both (`exclude=3,7&exclude=9`).
/// - `exclude_interacted`: `view`, `add_to_wishlist`, `purchase`, repeated or comma-separated;
///   only where there is a user.
/// - `max_per_brand`: an integer.
///
/// Only the form is checked here (each malformed value is a 400 naming its parameter); the ranges
/// (min ≤ max, the brand cap) are the service's rules.
enum RecommendationFilterWire {
    static let parameters: Set<String> = [
        "type", "brand", "material", "color", "min_price", "max_price", "exclude", "exclude_interacted", "max_per_brand",
    ]

    /// The filter of `request`'s query. `hasUser` false: `exclude_interacted` is refused, as the list
    /// has nobody whose events it could mean.
    static func filter(_ request: Request, hasUser: Bool) throws(HTTPError) -> RecommendationFilter {
        var filter = RecommendationFilter()
        for item in request.queryItems where parameters.contains(item.name) {
            let value = item.value
            switch item.name {
            case "type": filter.types.append(try name(value, item.name))
            case "brand": filter.brands.append(try name(value, item.name))
            case "material": filter.materials.append(try name(value, item.name))
            case "color": filter.colors.append(try name(value, item.name))
            case "min_price": filter.minPrice = try price(value, item.name)
            case "max_price": filter.maxPrice = try price(value, item.name)
            case "exclude":
                for id in try list(value, item.name) {
                    guard let shoe = Int(id), shoe > 0 else {
                        throw HTTPError(.badRequest, detail: "exclude must list positive shoe ids, got \"\(id)\".")
                    }
                    filter.excludedShoes.insert(shoe)
                }
            case "exclude_interacted":
                guard hasUser else {
                    throw HTTPError(.badRequest, detail: "exclude_interacted applies only to a user's lists.")
                }
                for word in try list(value, item.name) {
                    guard let kind = InteractionKind(rawValue: word) else {
                        throw HTTPError(.badRequest, detail: "exclude_interacted must be view, add_to_wishlist or purchase, got \"\(word)\".")
                    }
                    filter.excludedInteractions.insert(kind)
                }
            default:  // max_per_brand
                guard let cap = Int(value) else { throw HTTPError(.badRequest, detail: "max_per_brand must be an integer.") }
                filter.maxPerBrand = cap
            }
        }
        return filter
    }

    private static func name(_ value: String, _ parameter: String) throws(HTTPError) -> String {
        guard !value.allSatisfy(\.isWhitespace) else { throw HTTPError(.badRequest, detail: "\(parameter) must not be empty.") }
        return value
    }

    private static func price(_ value: String, _ parameter: String) throws(HTTPError) -> Price {
        guard let price = Price(value) else {
            throw HTTPError(.badRequest, detail: "\(parameter) must be a price like 129.99, got \"\(value)\".")
        }
        return price
    }

    private static func list(_ value: String, _ parameter: String) throws(HTTPError) -> [String] {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        guard !parts.contains(where: \.isEmpty) else {
            throw HTTPError(.badRequest, detail: "\(parameter) must be a comma-separated list without empty entries.")
        }
        return parts
    }
}
