import ShoeData
import Testing
@testable import ShoeServices

/// A shoe posted to the catalogue is checked by the rules the import applies (``Shoe/fieldProblems``),
/// and every bad field is named, a price with too many decimals included.
@Suite struct NewShoeRulesTests {
    private func newShoe(price: Double, brand: String = "Stridewell", lifespan: Int = 400) -> ShopDirectory.NewShoe {
        ShopDirectory.NewShoe(
            brand: brand, model: "Ridge Z", type: ShoeType(rawValue: "trail running"), material: Material(rawValue: "mesh"),
            color: "green", priceSent: price, careInstructions: "rinse off mud and air dry", lifespanDays: lifespan)
    }

    @Test func aGoodShoeHasNoProblemsAndKeepsItsExactPrice() {
        let shoe = newShoe(price: 139.99)
        #expect(shoe.problems().isEmpty)
        #expect(shoe.price == Price(cents: 13999))
        #expect(shoe.shoe(id: 7) == Shoe(
            id: 7, brand: "Stridewell", model: "Ridge Z", type: .trailRunning, material: .mesh, color: "green",
            price: Price(cents: 13999), careInstructions: "rinse off mud and air dry", lifespanDays: 400))
    }

    @Test(arguments: [1.234, -1, 100_000_000, 1e20])
    func aBadPriceIsAProblemOfThePriceField(price: Double) {
        let problems = newShoe(price: price).problems()
        #expect(Array(problems.keys) == ["price"])
        #expect(problems["price"]?.contains("with at most 2 decimals") == true)
    }

    @Test func everyBadFieldIsNamed() {
        let problems = newShoe(price: 10, brand: " ", lifespan: 0).problems()
        #expect(problems.keys.sorted() == ["brand", "lifespan_days"])
    }
}
