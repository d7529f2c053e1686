import Foundation
import Testing

/// Care and replacement over HTTP: shapes, keyset paging, sent records. (The date arithmetic
/// itself is tested at the service level in ShoeServicesTests; here a few dates cross the HTTP
/// ingest path: offsets, a month end, a leap day.)
@Suite("Care and replacement over HTTP")
struct NotificationRouteTests {
    static let careKeys: Set<String> = [
        "purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at", "due_on", "care_instructions",
    ]

    @Test("/care pages through every due purchase by purchase time, limit at a time, never repeating one")
    func carePaging() async throws {
        try await ServiceHarness.with { harness in
            var pages: [[[String: Any]]] = []
            var cursor: String?
            repeat {
                let query = "/care?as_of=2026-03-15&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await harness.client.get(query)
                #expect(response.status == 200, "\(response)")
                let body = try response.object()
                #expect(body.keySet.isSubset(of: ["items", "next_cursor"]))
                pages.append(try response.items())
                cursor = body.string("next_cursor")
            } while cursor != nil && pages.count < 10
            let items = pages.flatMap { $0 }
            #expect(pages.count >= 3 && pages.count <= 4)
            #expect(pages.allSatisfy { $0.count <= 2 })
            #expect(items.allSatisfy { $0.keySet == Self.careKeys })
            #expect(shoeIDs(items) == [1, 2, 6, 9, 11, 13])
            #expect(Set(items.compactMap { $0["purchase_id"] as? Int }).count == 6)
            let byShoe = Dictionary(uniqueKeysWithValues: items.map { ($0.int("shoe_id") ?? 0, $0) })
            #expect(byShoe[6]?.string("due_on") == "2026-02-14")
            #expect(byShoe[11]?.string("due_on") == "2026-03-02", "30 days after a purchase on the last day of January")
            // Bought at 00:30 on 1 February in UTC+1: a 31 January purchase in UTC.
            #expect(byShoe[13]?.string("purchased_at") == "2026-01-31T23:30:00Z")
            #expect(byShoe[13]?.string("due_on") == "2026-03-02")
            #expect(byShoe[9]?.string("care_instructions") == "condition and polish")
        }
    }

    @Test("recording a care notification as sent is idempotent and takes it off the lists until the next interval")
    func careSent() async throws {
        try await ServiceHarness.with { harness in
            let mine = try await harness.client.get("/users/5/care?as_of=2026-03-15").items()
            #expect(shoeIDs(mine) == [11])
            let purchase = try #require(mine.first?["purchase_id"] as? Int)

            for inserted in [1, 0] {
                let sent = try await harness.client.post("/care/sent?as_of=2026-03-15", json: #"{"purchase_id":\#(purchase)}"#)
                #expect(sent.status == 200, "\(sent)")
                #expect(try sent.object().int("received") == 1)
                #expect(try sent.object().int("inserted") == inserted)
            }
            #expect(try await harness.client.get("/users/5/care?as_of=2026-03-15").items().isEmpty)
            #expect(try await harness.client.get("/care?as_of=2026-03-15").items().count == 5)
            #expect(shoeIDs(try await harness.client.get("/users/5/care?as_of=2026-04-01").items()) == [11])
            #expect(try await harness.count("SELECT count(*) FROM user_shoe_care") == 1)

            expectProblem(try await harness.client.post("/care/sent?as_of=2026-03-15", json: #"{"purchase_id":1}"#), 422)
            expectProblem(try await harness.client.post(
                "/care/sent", json: #"[{"purchase_id":\#(purchase),"due_on":"2026-03-03"}]"#), 422)
            #expect(try await harness.count("SELECT count(*) FROM user_shoe_care") == 1)
        }
    }

    @Test("/replacement lists pairs near their end of life with days_left and suggestions the user does not own")
    func replacementShape() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/replacement?as_of=2026-03-01")
            #expect(response.status == 200, "\(response)")
            let items = try response.items()
            #expect(shoeIDs(items) == [1], "only shoe 1 (60 days) ends within the default 14 days")
            let item = try #require(items.first)
            #expect(item.keySet == [
                "purchase_id", "user_id", "shoe_id", "brand", "model", "purchased_at", "estimated_end_of_life", "days_left",
                "suggestions",
            ])
            #expect(item.string("estimated_end_of_life") == "2026-03-06")
            #expect(item.int("days_left") == 5)
            let suggestions = try #require(item["suggestions"] as? [[String: Any]])
            #expect((1...5).contains(suggestions.count))
            #expect(suggestions.allSatisfy { $0.keySet == ["shoe_id", "brand", "model", "type", "price"] })
            #expect(!shoeIDs(suggestions).contains(1))
            #expect(shoeIDs(suggestions).first.map { [2, 3].contains($0) } == true, "\(shoeIDs(suggestions))")

            let two = try await harness.client.get("/replacement?as_of=2026-03-01&k=2").items()
            #expect((two.first?["suggestions"] as? [Any])?.count == 2)

            // Within 30 days, shoe 13 (45 days from 31 January) is due too: 17 March, 16 days left.
            let month = try await harness.client.get("/users/6/replacement?as_of=2026-03-01&within_days=30").items()
            #expect(shoeIDs(month) == [13])
            #expect(month.first?.string("estimated_end_of_life") == "2026-03-17")
            #expect(month.first?.int("days_left") == 16)
            let first = try await harness.client.get("/replacement?as_of=2026-03-01&within_days=30&limit=1").object()
            let cursor = try #require(first.string("next_cursor"))
            let second = try await harness.client.get("/replacement?as_of=2026-03-01&within_days=30&limit=1&cursor=\(cursor)")
            #expect(shoeIDs(try second.items()) == [13])
        }
    }

    @Test("recording a replacement notification as sent is idempotent and takes the pair off the list")
    func replacementSent() async throws {
        try await ServiceHarness.with { harness in
            let items = try await harness.client.get("/users/1/replacement?as_of=2026-03-01").items()
            let purchase = try #require(items.first?["purchase_id"] as? Int)
            for inserted in [1, 0] {
                let sent = try await harness.client.post("/replacement/sent", json: #"[{"purchase_id":\#(purchase)}]"#)
                #expect(sent.status == 200, "\(sent)")
                #expect(try sent.object().int("inserted") == inserted)
            }
            #expect(try await harness.client.get("/replacement?as_of=2026-03-01").items().isEmpty)
            #expect(try await harness.client.get("/users/1/replacement?as_of=2026-03-01").items().isEmpty)
        }
    }

    @Test("a purchase posted with an offset is scheduled from its UTC day, across a leap day and a month end")
    func offsetsThroughIngest() async throws {
        try await ServiceHarness.with { harness in
            // 22:30 on 29 February 2024 at UTC-5 is 1 March in UTC; 08:00 on 29 February at UTC+9 is 28 February.
            let events = [
                Event(user_id: 7, shoe_id: 16, interaction_type: "purchase", occurred_at: "2024-02-29T22:30:00-05:00"),
                Event(user_id: 8, shoe_id: 16, interaction_type: "purchase", occurred_at: "2024-02-29T08:00:00+09:00"),
            ]
            let posted = try await harness.client.post("/interactions", body: events)
            #expect(posted.status == 201, "\(posted)")

            #expect(try await harness.client.get("/users/7/care?as_of=2024-03-30").items().isEmpty)
            let seven = try await harness.client.get("/users/7/care?as_of=2024-03-31").items()
            #expect(seven.first?.string("purchased_at") == "2024-03-01T03:30:00Z")
            #expect(seven.first?.string("due_on") == "2024-03-31")
            let eight = try await harness.client.get("/users/8/care?as_of=2024-03-29").items()
            #expect(eight.first?.string("purchased_at") == "2024-02-28T23:00:00Z")
            #expect(eight.first?.string("due_on") == "2024-03-29")

            // Shoe 16 lasts 300 days: 26 and 24 December 2024.
            let replacements = try await harness.client.get("/replacement?as_of=2024-12-20").items()
            #expect(replacements.map { $0.string("estimated_end_of_life") ?? "" } == ["2024-12-24", "2024-12-26"])
            #expect(replacements.map { $0.int("days_left") ?? 0 } == [4, 6])
        }
    }
}
