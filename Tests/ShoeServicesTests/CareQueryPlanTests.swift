import PostgresClient
import ShoeData
import Testing
@testable import ShoeServices

/// The care scan must stay an index range scan: the real interactions table has billions of rows.
@Suite("Care notification query plans")
struct CareQueryPlanTests {
    @Test("every page reads purchases through interactions_purchases_by_date, never the whole table")
    func allUsers() throws {
        try CareFixture.with { fixture in
            try fixture.populateForPlans()
            let cursor = NotificationCursor(list: .care, occurredMicros: 1_700_000_000_000_000, purchaseID: 30_000)
            for position in [nil, cursor] {
                let plan = try fixture.plan(CareNotifications.scan(
                    userID: nil, asOf: day("2026-03-05"), intervalDays: 30, limit: 100, after: position))
                #expect(plan.contains("interactions_purchases_by_date"), "\(plan)")
                #expect(!plan.contains("Seq Scan on interactions"), "\(plan)")
                #expect(plan.contains("user_shoe_care_once") || plan.contains("user_shoe_care_recent"), "\(plan)")
            }
        }
    }

    @Test("one user's page is a range of interactions_one_event")
    func oneUser() throws {
        try CareFixture.with { fixture in
            try fixture.populateForPlans()
            let plan = try fixture.plan(CareNotifications.scan(
                userID: 42, asOf: day("2026-03-05"), intervalDays: 30, limit: 100, after: nil))
            #expect(plan.contains("interactions_one_event"), "\(plan)")
            #expect(!plan.contains("Seq Scan on interactions"), "\(plan)")
        }
    }
}
