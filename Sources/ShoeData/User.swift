/// A shop customer as the shop knows them: what they told us at sign-up.
///
/// The generator also gives each user hidden tastes, but those never leave it: a model must learn
/// them from interactions, as it would with real customers.
public struct User: Sendable, Hashable, Codable, Identifiable {
    /// Positive, unique within the shop.
    public var id: Int
    /// Years; the shop accepts ``User/ageRange``.
    public var age: Int
    public var gender: Gender
    /// What the user mainly buys shoes for.
    public var primaryUsage: Usage

    /// Ages the shop accepts at sign-up.
    public static let ageRange = 13...120

    /// - Parameters:
    ///   - id: Positive, unique within the shop.
    ///   - age: Years, see ``ageRange``.
    ///   - gender: As stated by the user.
    ///   - primaryUsage: What the user mainly buys shoes for.
    public init(id: Int, age: Int, gender: Gender, primaryUsage: Usage) {
        self.id = id
        self.age = age
        self.gender = gender
        self.primaryUsage = primaryUsage
    }

    /// Every problem with the user, in column order; empty when the user can be stored.
    public var problems: [DomainError] {
        var problems: [DomainError] = []
        if id <= 0 { problems.append(.invalidID(entity: "user", id: id)) }
        if !Self.ageRange.contains(age) { problems.append(.invalidAge(userID: id, age: age)) }
        for (field, value) in [("gender", gender.rawValue), ("primary_usage", primaryUsage.rawValue)]
        where value.allSatisfy(\.isWhitespace) {
            problems.append(.emptyField(entity: "user", id: id, field: field))
        }
        return problems
    }

    /// Checks what a database constraint would; call it on data from outside before storing it.
    /// Throws the first of ``problems``.
    public func validate() throws(DomainError) {
        if let problem = problems.first { throw problem }
    }

    enum CodingKeys: String, CodingKey {
        case id, age, gender
        case primaryUsage = "primary_usage"
    }
}
