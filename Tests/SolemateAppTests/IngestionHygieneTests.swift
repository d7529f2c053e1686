import Foundation
import Testing
import UTCTime

/// Nothing nonsensical is stored: events from the future or from before the shop existed, bodies
/// not declared JSON, and objects that name a key twice are refused over real HTTP, and nothing of
/// the request is written.
@Suite("Ingestion hygiene")
struct IngestionHygieneTests {
    /// Every route that takes a body, with one body it accepts.
    static let bodyRoutes: [(path: String, body: String)] = [
        ("/interactions", #"{"user_id":1,"shoe_id":5,"interaction_type":"view"}"#),
        ("/shoes", #"{"brand":"Stridewell","model":"Ridge Q","type":"trail running","material":"mesh","color":"green","price":165,"care_instructions":"rinse","lifespan_days":400}"#),
        ("/care/sent?as_of=2026-03-01", #"{"purchase_id":1}"#),
        ("/replacement/sent", #"{"purchase_id":1}"#),
    ]

    /// Rows of every table a body route writes, so "nothing written" covers them all.
    static let writtenRows = """
        SELECT (SELECT count(*) FROM interactions) + (SELECT count(*) FROM shoes)
             + (SELECT count(*) FROM user_shoe_care)
        """

    static func timestamp(_ offset: TimeInterval) -> String { UTCTimestamp.format(Date().addingTimeInterval(offset)) }

    @Test("an event more than 5 minutes ahead or before 2000-01-01 is 422 naming occurred_at and its index; nothing of the batch is written")
    func implausibleTimes() async throws {
        try await ServiceHarness.with { harness in
            let before = try await harness.count(Self.writtenRows)
            let events = [
                Event(user_id: 1, shoe_id: 5, interaction_type: "view", occurred_at: Self.timestamp(-60)),
                Event(user_id: 1, shoe_id: 6, interaction_type: "view", occurred_at: "2999-01-01T00:00:00Z"),
                Event(user_id: 2, shoe_id: 6, interaction_type: "view", occurred_at: Self.timestamp(3_600)),
                Event(user_id: 2, shoe_id: 7, interaction_type: "view", occurred_at: "1999-12-31T23:59:59Z"),
                Event(user_id: 3, shoe_id: 7, interaction_type: "purchase"),
            ]
            let response = try await harness.client.post("/interactions", body: events)
            expectProblem(response, 422)
            let errors = try #require(try response.object()["errors"] as? [[String: Any]])
            #expect(errors.map { "\($0.int("index") ?? -1) \($0.string("field") ?? "")" } == ["1 occurred_at", "2 occurred_at", "3 occurred_at"])
            #expect(errors[0].string("message")?.contains("after now") == true, "\(errors)")
            #expect(errors[2].string("message")?.contains("before the shop's epoch 2000-01-01T00:00:00Z") == true, "\(errors)")
            #expect(try await harness.count(Self.writtenRows) == before)
        }
    }

    @Test("an event within the skew ahead, or just at the epoch, is stored")
    func plausibleEdges() async throws {
        try await ServiceHarness.with { harness in
            let events = [
                Event(user_id: 1, shoe_id: 5, interaction_type: "view", occurred_at: Self.timestamp(120)),
                Event(user_id: 1, shoe_id: 6, interaction_type: "view", occurred_at: "2000-01-01T00:00:00Z"),
            ]
            let response = try await harness.client.post("/interactions", body: events)
            #expect(response.status == 201, "\(response)")
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount + 2)
        }
    }

    @Test("a body not declared JSON is 415 problem+json on every route that takes one, and nothing is written")
    func notJSON() async throws {
        try await ServiceHarness.with { harness in
            let before = try await harness.count(Self.writtenRows)
            for (path, body) in Self.bodyRoutes {
                for type in ["text/plain", "application/x-www-form-urlencoded", "application/jsonp", "text/json", "application/+json", nil] {
                    let headers = type.map { ["Content-Type": $0] } ?? [:]
                    let response = try await harness.client.send("POST", path, headers: headers, body: Array(body.utf8))
                    expectProblem(response, 415)
                    #expect(try response.object().string("detail")?.contains("application/json") == true, "\(path) \(String(describing: type))")
                }
            }
            #expect(try await harness.count(Self.writtenRows) == before)
        }
    }

    @Test("application/json with parameters, any case, and +json types are JSON")
    func jsonTypes() async throws {
        try await ServiceHarness.with { harness in
            let types = ["application/json; charset=utf-8", "Application/JSON", "application/vnd.solemate+json"]
            for (index, type) in types.enumerated() {
                let body = #"{"user_id":1,"shoe_id":\#(index + 5),"interaction_type":"view"}"#
                let response = try await harness.client.send("POST", "/interactions", headers: ["Content-Type": type], body: Array(body.utf8))
                #expect(response.status == 201, "\(type): \(response)")
            }
            #expect(try await harness.count("SELECT count(*) FROM interactions") == ShopFixture.interactionCount + 3)
        }
    }

    @Test("an object naming a key twice is 400 naming the key, at any depth and however the key is escaped; nothing is written")
    func duplicateKeys() async throws {
        try await ServiceHarness.with { harness in
            let before = try await harness.count(Self.writtenRows)
            let bodies = [
                #"{"user_id": 1, "user_id": 2, "shoe_id": 5, "interaction_type": "view"}"#,
                #"[{"user_id": 1, "shoe_id": 5, "interaction_type": "view"}, {"user_id": 1, "shoe_id": 5, "shoe_id": 6, "interaction_type": "view"}]"#,
                #"{"user_id": 1, "shoe_id": 5, "interaction_type": "view", "interaction\u005ftype": "purchase"}"#,
            ]
            for (body, key) in zip(bodies, ["user_id", "shoe_id", "interaction_type"]) {
                let response = try await harness.client.post("/interactions", json: body)
                expectProblem(response, 400)
                #expect(try response.object().string("detail")?.contains("\"\(key)\" twice") == true, "\(response)")
            }
            for (path, body) in Self.bodyRoutes {
                let twice = #"{"note":1,"note":2,"# + body.dropFirst()
                expectProblem(try await harness.client.post(path, json: twice), 400)
            }
            #expect(try await harness.count(Self.writtenRows) == before)
            // The same key in two objects, and in an object and the one inside it, is no repetition.
            let distinct = #"[{"user_id":1,"shoe_id":5,"interaction_type":"view"},{"user_id":2,"shoe_id":5,"interaction_type":"view"}]"#
            #expect(try await harness.client.post("/interactions", json: distinct).status == 201)
        }
    }
}
