import Foundation
import Testing
@testable import ShoeData

/// The one set of rules every way into the shop (CSV import, the API, the generator) applies, and
/// the one definition of the interaction kinds' codes, labels and weights.
@Suite struct ValidationTests {
    static let shoe = Shoe(
        id: 1, brand: "Stridewell", model: "Ridge Z", type: .trailRunning, material: .mesh, color: "green",
        price: Price(cents: 16500), careInstructions: "rinse off mud and air dry", lifespanDays: 400)

    @Test("a shoe's fields are checked against the limits of the API and the database, every problem by column")
    func shoeLimits() throws {
        try Self.shoe.validate()
        #expect(Self.shoe.fieldProblems.isEmpty)
        var shoe = Self.shoe
        shoe.brand = "  "
        shoe.color = String(repeating: "x", count: 201)
        shoe.price = Price(cents: 10_000_000_000)
        shoe.careInstructions = String(repeating: "y", count: 2_001)
        shoe.lifespanDays = 36_501
        #expect(shoe.fieldProblems.map(\.field) == ["brand", "color", "price", "care_instructions", "lifespan_days"])
        #expect(shoe.fieldProblems[0] == .emptyField(entity: "shoe", id: 1, field: "brand"))
        #expect(shoe.fieldProblems[1].message == "must be at most 200 characters")
        #expect(shoe.fieldProblems[2].message.contains("not a price"))
        #expect(shoe.fieldProblems[4].message.contains("must be positive"))
        shoe = Self.shoe
        shoe.id = 0
        #expect(throws: DomainError.invalidID(entity: "shoe", id: 0)) { try shoe.validate() }
        #expect(shoe.fieldProblems.isEmpty, "a new shoe has no id yet; its fields are still fine")
    }

    @Test("a user's problems name the column; the age message says the range")
    func userProblems() {
        let user = User(id: -2, age: 130, gender: "", primaryUsage: .running)
        #expect(user.problems.map(\.field) == ["id", "age", "gender"])
        #expect(user.problems[1].message == "age 130 is outside 13...120")
    }

    @Test("prices from JSON numbers are exact or refused, and print as JSON numbers do")
    func pricesFromNumbers() throws {
        #expect(Price(exactly: 139.99) == Price(cents: 13999))
        #expect(Price(exactly: 165) == Price(cents: 16500))
        #expect(Price(exactly: 99_999_999.99) == Price(cents: 9_999_999_999))
        #expect(Price(exactly: 1.234) == nil)
        #expect(Price(exactly: 0.001) == nil)
        #expect(Price(exactly: .nan) == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Price.self, from: Data("1.005".utf8)) }
        #expect([Price(cents: 20999), Price(cents: 45000), Price(cents: 2490), Price(cents: 5), Price(cents: -150)]
            .map(\.jsonNumber) == ["209.99", "450", "24.9", "0.05", "-1.5"])
    }

    @Test("each kind has one code, one label and one weight")
    func kindCodesAndLabels() {
        for kind in InteractionKind.allCases {
            #expect(InteractionKind(code: kind.code) == kind)
            #expect(InteractionKind(label: Array(kind.rawValue.utf8)) == kind)
            #expect(InteractionKind.weightsByCode[Int(kind.code)] == kind.weight)
        }
        #expect(InteractionKind.allCases.map(\.code) == [0, 1, 2])
        #expect(InteractionKind(code: 3) == nil)
        for bad in ["", "like", "View", "purchasе", "add_to_wishlis", "purchase "] {
            #expect(InteractionKind(label: Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}
