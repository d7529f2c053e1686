#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A whole shop's data: what the generator makes and the importer loads.
///
/// `interactions` are in time order; events of the same second keep user-id order, and one user's
/// events keep the order in which they happened (a view before the purchase it led to).
public struct ShopDataset: Sendable, Hashable {
    public var users: [User]
    public var shoes: [Shoe]
    public var interactions: [Interaction]

    /// - Parameters:
    ///   - users: The customers.
    ///   - shoes: The catalogue.
    ///   - interactions: The event log, in time order.
    public init(users: [User], shoes: [Shoe], interactions: [Interaction]) {
        self.users = users
        self.shoes = shoes
        self.interactions = interactions
    }
}

extension ShopDataset {
    /// Which CSV files a dataset is written as.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The shoe shop's own files: `users.csv`, `shoes.csv`, `interactions.csv`.
        case shop
        /// The evaluation's neutral form (shared/EVALUATION.md): `items.csv`, `interactions.csv`.
        case neutral

        /// File names written for this format, in writing order.
        public var fileNames: [String] {
            switch self {
            case .shop: ["users.csv", "shoes.csv", "interactions.csv"]
            case .neutral: ["items.csv", "interactions.csv"]
            }
        }
    }
}
