import Foundation
import ShoeData

/// A user's recommendations as the storefront receives them.
public struct Recommendation: Sendable, Equatable {
    public var userID: Int
    /// The model that produced the list (`popularity` for a cold start, whatever was asked).
    public var model: String
    public var modelVersion: String
    /// True when the user has no history the models know: the list is the popular shoes.
    public var coldStart: Bool
    public var items: [RecommendedShoe]
}

/// One shoe of a list, with its score and why it is there.
public struct RecommendedShoe: Sendable, Equatable {
    public var shoeID: Int
    public var brand: String
    public var model: String
    public var type: ShoeType
    public var price: Price
    public var score: Double
    public var explanation: Explanation
}

/// Why a shoe was recommended: the parts of the hybrid score, and the bought shoe it most resembles.
public struct Explanation: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case personalised, popular
        case similarContent = "similar_content"
    }

    /// The bought shoe a recommendation resembles most in content: "because you bought ...".
    public struct Resemblance: Sendable, Equatable {
        public var shoeID: Int
        public var brand: String
        public var model: String
        public var similarity: Double
    }

    public var reason: Reason
    /// The collaborative part, min-max normalised to [0, 1] (hybrid only).
    public var svd: Double?
    /// The content part, min-max normalised to [0, 1] (hybrid only).
    public var content: Double?
    public var becauseYouBought: Resemblance?

    public init(reason: Reason, svd: Double? = nil, content: Double? = nil, becauseYouBought: Resemblance? = nil) {
        self.reason = reason
        self.svd = svd
        self.content = content
        self.becauseYouBought = becauseYouBought
    }
}

/// Why a recommendation request could not be answered.
public enum RecommendationError: Error, Equatable, CustomStringConvertible {
    /// No training has finished yet.
    case noModel
    /// k outside 1...100.
    case invalidK(Int)
    case unknownModel(String, known: [String])
    /// No shoe with this id.
    case unknownShoe(Int)
    /// A filter parameter out of its range (min_price above max_price, a brand cap of 0, ...).
    case invalidFilter(parameter: String, reason: String)

    public var description: String {
        switch self {
        case .noModel: "no model is loaded yet"
        case .invalidK(let k): "k must be between 1 and 100, got \(k)"
        case .unknownModel(let name, let known): "unknown model \"\(name)\"; trained models: \(known.joined(separator: ", "))"
        case .unknownShoe(let id): "no shoe with id \(id)"
        case .invalidFilter(let parameter, let reason): "\(parameter) \(reason)"
        }
    }
}
