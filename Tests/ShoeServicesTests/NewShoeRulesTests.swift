import Foundation
import ShoeData
import Testing
@testable import ShoeServices

/// A shoe posted to the catalogue is checked by the rules the import applies (``Shoe/fieldProblems``),
/// and every bad field is named, a price with too many decimals included.
@Suite struct NewShoeRulesTests {
    private func decode(price: String, brand: String = "Stridewell", lifespan: Int = 400) throws -> ShopDirectory.NewShoe {
        let json = """
            {"brand":"\(brand)","model":"Ridge Z","type":"trail running","material":"mesh","color":"green",
             "price":\(price),"care_instructions":"rinse off mud and air dry","lifespan_days":\(lifespan)}
            """
        return try JSONDecoder().decode(ShopDirectory.NewShoe.self, from: Data(json.utf8))
    }

    @Test func aGoodShoeHasNoProblemsAndKeepsItsExactPrice() throws {
        let shoe = try decode(price: "139.99")
        #expect(shoe.problems().isEmpty)
        #expect(shoe.price == Price(cents: 13999))
        #expect(shoe.shoe(id: 7) == Shoe(
            id: 7, brand: "Stridewell", model: "Ridge Z", type: .trailRunning, material: .mesh, color: "green",
            price: Price(cents: 13999), careInstructions: "rinse off mud and air dry", lifespanDays: 400))
    }

    @Test(arguments: ["1.234", "-1", "100000000", "1e20"])
    func aBadPriceIsAProblemOfThePriceField(price: String) throws {
        let problems = try decode(price: price).problems()
        #expect(Array(problems.keys) == ["price"])
        #expect(problems["price"]?.contains("with at most 2 decimals") == true)
    }

    @Test func everyBadFieldIsNamed() throws {
        let problems = try decode(price: "10", brand: " ", lifespan: 0).problems()
        #expect(problems.keys.sorted() == ["brand", "lifespan_days"])
    }
}
