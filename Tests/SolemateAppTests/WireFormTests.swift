import UTCTime
import Foundation
import JSON
import ShoeData
@testable import ShoeServices
@testable import SolemateApp
import Testing

/// The wire forms SolemateApp writes for the services' values: the keys clients integrate
/// against, the formats (UTC seconds, days, prices as numbers), and that they read back to the
/// same values. (These assertions were ShoeServicesTests' while the services encoded themselves.)
@Suite("Wire forms of the notification lists")
struct WireFormTests {
    static func object(_ value: JSONValue) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(value.rendered(indent: nil).utf8)) as? [String: Any])
    }

    static let care = DueCare(
        purchase: PurchasedPair(
            purchaseID: 96, userID: 274, shoeID: 10, brand: "Veloce", model: "Derby 7",
            purchasedAt: UTCTimestamp.parse("2026-01-01T10:00:00+02:00")!),
        dueOn: Day("2026-01-31")!, careInstructions: "hand wash, air dry")

    static let replacement = DueReplacement(
        purchase: PurchasedPair(
            purchaseID: 179, userID: 756, shoeID: 67, brand: "Stridewell", model: "Stride 6",
            purchasedAt: UTCTimestamp.parse("2025-01-01T10:00:00Z")!),
        estimatedEndOfLife: Day("2026-01-01")!, daysLeft: 7,
        suggestions: [ShoeSummary(shoeID: 20, brand: "Brand 20", model: "Model 20", type: "running", price: Price(cents: 12999))])

    @Test("a care page: items with shoe_id, care_instructions, purchased_at and due_on; next_cursor only when more follow")
    func carePage() throws {
        let page = NotificationPage(items: [Self.care], nextCursor: nil)
        let json = NotificationWire.page(page, item: NotificationWire.care)
        let object = try Self.object(json)
        #expect(object["next_cursor"] == nil)
        let item = try #require((object["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == [
            "purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at", "due_on", "care_instructions",
        ])
        #expect(item["shoe_id"] as? Int == 10)
        #expect(item["purchased_at"] as? String == "2026-01-01T08:00:00Z")
        #expect(item["due_on"] as? String == "2026-01-31")
        #expect(item["care_instructions"] as? String == "hand wash, air dry")
        let decoded = try JSONDecoder().decode(PageForm<DueCareForm>.self, from: Data(json.rendered(indent: nil).utf8))
        #expect(decoded.items.map(\.value) == page.items && decoded.next_cursor == page.nextCursor)
        let next = try Self.object(NotificationWire.page(NotificationPage(items: [Self.care], nextCursor: "abc"), item: NotificationWire.care))
        #expect(next["next_cursor"] as? String == "abc")
    }

    @Test("a replacement page: items with estimated_end_of_life, days_left and suggestions carrying shoe_id and a numeric price")
    func replacementPage() throws {
        let page = NotificationPage(items: [Self.replacement], nextCursor: "next")
        let json = NotificationWire.page(page, item: NotificationWire.replacement)
        let item = try #require((try Self.object(json)["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == [
            "purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at", "estimated_end_of_life",
            "days_left", "suggestions",
        ])
        #expect(item["estimated_end_of_life"] as? String == "2026-01-01")
        #expect(item["days_left"] as? Int == 7)
        #expect(item["purchased_at"] as? String == "2025-01-01T10:00:00Z")
        let suggestion = try #require((item["suggestions"] as? [[String: Any]])?.first)
        #expect(Set(suggestion.keys) == ["shoe_id", "brand", "model", "type", "price"])
        #expect(suggestion["shoe_id"] as? Int == 20)
        #expect((suggestion["price"] as? NSNumber)?.doubleValue == 129.99)
        let decoded = try JSONDecoder().decode(PageForm<DueReplacementForm>.self, from: Data(json.rendered(indent: nil).utf8))
        #expect(decoded.items.map(\.value) == page.items && decoded.next_cursor == page.nextCursor)
    }

    @Test("purchase times are whole UTC seconds, whatever the fraction")
    func purchaseTimesAreWholeSeconds() throws {
        var care = Self.care
        care.purchase.purchasedAt = UTCTimestamp.parse("2026-01-31T23:30:00.75-05:00")!
        #expect(try Self.object(NotificationWire.care(care))["purchased_at"] as? String == "2026-02-01T04:30:00Z")
    }
}
