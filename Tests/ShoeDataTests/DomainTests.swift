import Foundation
import Testing
@testable import ShoeData

/// The domain values: their wire spellings, validation, and JSON forms shared with the service.
@Suite struct DomainTests {
    @Test func interactionKindsUseTheShopsStringsAndWeights() {
        #expect(InteractionKind.allCases.map(\.rawValue) == ["view", "add_to_wishlist", "purchase"])
        #expect(InteractionKind.allCases.map(\.weight) == [1, 3, 5])
    }

    @Test func everyKnownMaterialHasCareInstructions() {
        for material in Material.known {
            #expect(material.careInstructions?.isEmpty == false, "\(material)")
        }
        #expect(Material("plastic").careInstructions == nil)
        #expect(Material.leather.careInstructions!.contains("condition"))
        #expect(Material.suede.careInstructions!.contains("brush"))
        #expect(Material.mesh.careInstructions!.contains("hand wash"))
    }

    @Test func openVocabulariesCarryUnknownValues() throws {
        #expect(ShoeType.known.count == 15)
        #expect(ShoeType.hikingBoot.rawValue == "hiking boot")
        #expect(!ShoeType("moon boot").isKnown)
        let decoded = try JSONDecoder().decode([ShoeType].self, from: Data(#"["running","moon boot"]"#.utf8))
        #expect(decoded == [.running, "moon boot"])
    }

    @Test(arguments: [
        ("129.99", 12999), ("129.9", 12990), ("129", 12900), ("0.05", 5), ("-5.00", -500),
    ])
    func pricesParseFromTheCSVForm(text: String, cents: Int) {
        #expect(Price(text)?.cents == cents)
    }

    @Test(arguments: ["", "12.345", "1,99", "abc", "12.", ".5", "1e3", "--1"])
    func malformedPricesAreRejected(text: String) {
        #expect(Price(text) == nil)
    }

    @Test func pricesPrintWithTwoDecimalsAndEncodeAsJSONNumbers() throws {
        #expect(Price(cents: 12999).description == "129.99")
        #expect(Price(cents: 5).description == "0.05")
        #expect(Price(cents: -500).description == "-5.00")
        let json = String(decoding: try JSONEncoder().encode([Price(cents: 12999)]), as: UTF8.self)
        #expect(json == "[129.99]")
        let decoded = try JSONDecoder().decode([Price].self, from: Data(#"[129.99, "5.10"]"#.utf8))
        #expect(decoded == [Price(cents: 12999), Price(cents: 510)])
    }

    @Test func shoeValidationRequiresAPositiveLifespan() throws {
        var shoe = Shoe(
            id: 1, brand: "Stridewell", model: "Velocity 3", type: .running, material: .mesh,
            color: "blue", price: Price(cents: 12999),
            careInstructions: Material.mesh.careInstructions!, lifespanDays: 300)
        try shoe.validate()
        shoe.lifespanDays = 0
        #expect(throws: DomainError.invalidLifespan(shoeID: 1, days: 0)) { try shoe.validate() }
        shoe.lifespanDays = 300
        shoe.brand = ""
        #expect(throws: DomainError.emptyField(entity: "shoe", id: 1, field: "brand")) { try shoe.validate() }
    }

    @Test func userValidationChecksIDAndAge() throws {
        try User(id: 3, age: 34, gender: .female, primaryUsage: .running).validate()
        #expect(throws: DomainError.invalidAge(userID: 3, age: 7)) {
            try User(id: 3, age: 7, gender: .female, primaryUsage: .running).validate()
        }
        #expect(throws: DomainError.invalidID(entity: "user", id: 0)) {
            try User(id: 0, age: 30, gender: .male, primaryUsage: .work).validate()
        }
    }

    @Test func jsonUsesTheCSVColumnNames() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let user = User(id: 1, age: 30, gender: .nonBinary, primaryUsage: .hiking)
        #expect(String(decoding: try encoder.encode(user), as: UTF8.self)
            == #"{"age":30,"gender":"non-binary","id":1,"primary_usage":"hiking"}"#)
        let event = Interaction(
            userID: 1, shoeID: 2, kind: .addToWishlist, occurredAt: Date(timeIntervalSince1970: 1_790_000_000))
        let json = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(json == #"{"interaction_type":"add_to_wishlist","shoe_id":2,"timestamp":"2026-09-21T14:13:20Z","user_id":1}"#)
        #expect(try JSONDecoder().decode(Interaction.self, from: Data(json.utf8)) == event)
    }
}
