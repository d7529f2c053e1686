/// Why a domain value is not acceptable. The messages name the entity and field, never more data
/// than the caller already has.
public enum DomainError: Error, Hashable, CustomStringConvertible {
    case invalidID(entity: String, id: Int)
    case invalidAge(userID: Int, age: Int)
    case invalidLifespan(shoeID: Int, days: Int)
    case negativePrice(shoeID: Int, price: Price)
    case emptyField(entity: String, id: Int, field: String)

    public var description: String {
        switch self {
        case .invalidID(let entity, let id): "\(entity) id must be positive, got \(id)"
        case .invalidAge(let userID, let age):
            "user \(userID): age must be in \(User.ageRange.lowerBound)...\(User.ageRange.upperBound), got \(age)"
        case .invalidLifespan(let shoeID, let days): "shoe \(shoeID): lifespan_days must be > 0, got \(days)"
        case .negativePrice(let shoeID, let price): "shoe \(shoeID): price must not be negative, got \(price)"
        case .emptyField(let entity, let id, let field): "\(entity) \(id): \(field) must not be empty"
        }
    }
}
