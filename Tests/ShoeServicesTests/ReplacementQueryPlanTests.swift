import PostgresClient
import ShoeData
import Testing
@testable import ShoeServices

/// The replacement scan must stay an index range scan: the real interactions table has billions of rows.
@Suite("Replacement query plans")
struct ReplacementQueryPlanTests {
    @Test("pages read purchases through interactions_purchases_by_date (one user: interactions_one_event)")
    func plans() throws {
        try CareFixture.with { fixture in
            try fixture.populateForPlans()
            let cursor = NotificationCursor(list: .replacement, occurredMicros: 1_690_000_000_000_000, purchaseID: 20_000)
            for position in [nil, cursor] {
                let plan = try fixture.plan(ReplacementSuggestions.scan(
                    userID: nil, asOf: day("2025-06-01"), withinDays: 14, limit: 100, after: position))
                #expect(plan.contains("interactions_purchases_by_date"), "\(plan)")
                #expect(!plan.contains("Seq Scan on interactions"), "\(plan)")
            }
            let plan = try fixture.plan(ReplacementSuggestions.scan(
                userID: 42, asOf: day("2025-06-01"), withinDays: 14, limit: 100, after: nil))
            #expect(plan.contains("interactions_one_event"), "\(plan)")
            #expect(!plan.contains("Seq Scan on interactions"), "\(plan)")
        }
    }
}
