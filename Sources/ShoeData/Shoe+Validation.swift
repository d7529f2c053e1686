extension Shoe {
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
}

extension User {
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
}
