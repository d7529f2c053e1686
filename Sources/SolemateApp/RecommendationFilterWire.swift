import Foundation
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
        try filter(request.queryItems, hasUser: hasUser)
    }

    /// The filter of decoded query items (the command line's filter options arrive as these).
    static func filter(_ items: [QueryItem], hasUser: Bool) throws(HTTPError) -> RecommendationFilter {
        var filter = RecommendationFilter()
        for item in items where parameters.contains(item.name) {
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

    /// The query form of `filter` (what `filter(_:hasUser:)` reads back): how a campaign run
    /// records the filter it was exported with.
    static func query(_ filter: RecommendationFilter) -> String {
        var pairs: [(String, String)] = []
        pairs += filter.types.map { ("type", $0) } + filter.brands.map { ("brand", $0) }
        pairs += filter.materials.map { ("material", $0) } + filter.colors.map { ("color", $0) }
        if let low = filter.minPrice { pairs.append(("min_price", low.description)) }
        if let high = filter.maxPrice { pairs.append(("max_price", high.description)) }
        if !filter.excludedShoes.isEmpty { pairs.append(("exclude", filter.excludedShoes.sorted().map(String.init).joined(separator: ","))) }
        for kind in InteractionKind.allCases where filter.excludedInteractions.contains(kind) {
            pairs.append(("exclude_interacted", kind.rawValue))
        }
        if let cap = filter.maxPerBrand { pairs.append(("max_per_brand", String(cap))) }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~,"))
        return pairs.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }.joined(separator: "&")
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
