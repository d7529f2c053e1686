import ExperimentStatistics
import Foundation
import PostgresClient
import ShoeData
import ShoeServices
import SolemateApp
import Testing
import UTCTime

/// The report on a small scenario built by hand: exposures written straight into the log, events
/// posted through the API with and without a recommendation id, every number computed by hand.
@Suite("Experiments: attribution and report", .serialized)
struct ExperimentReportTests {
    /// The lists of the scenario: (id, user, arm or nil outside the experiment, hours after the
    /// experiment's start, shoes, latency in µs).
    static let lists: [(id: String, user: Int, arm: Int?, hour: Double, shoes: [Int], latency: Int)] = [
        ("00000000-0000-4000-8000-0000000000a1", 1, 0, 1, [2, 3, 4], 1000),
        ("00000000-0000-4000-8000-0000000000a2", 1, 0, 2, [4, 5], 2000),
        ("00000000-0000-4000-8000-0000000000a3", 2, 0, 1, [6, 7], 3000),
        ("00000000-0000-4000-8000-0000000000b1", 3, 1, 1, [9, 10], 500),
        ("00000000-0000-4000-8000-0000000000b2", 4, 1, 1, [11, 12], 500),
        ("00000000-0000-4000-8000-0000000000b3", 5, 1, 1, [14], 500),
        ("00000000-0000-4000-8000-0000000000c1", 3, nil, 3, [10, 15], 700),   // an explicit model=: no experiment
    ]

    /// The events: (user, shoe, kind, hours after the start, the list id it names or nil) and what
    /// each is attributed to, by the rules (named list if it showed the shoe to the user; else the
    /// latest list that did within 24 h for views and wishlists, 7 days for purchases).
    static let events: [(user: Int, shoe: Int, kind: String, hour: Double, names: String?)] = [
        (1, 4, "view", 2.5, nil),                      // a2 (the latest of a1, a2 showing shoe 4): control view
        (1, 2, "view", 1.2, "00000000-0000-4000-8000-0000000000a1"),   // a1: control view
        (1, 3, "purchase", 30, nil),                   // a1, 29 h before, within 7 days: control purchase 140.00
        (1, 5, "view", 27, nil),                       // a2 was 25 h before: outside 24 h, not attributed
        (2, 6, "add_to_wishlist", 1.1, "00000000-0000-4000-8000-0000000000a3"),   // a3: control wishlist
        (2, 8, "view", 1.2, nil),                      // shoe 8 was never shown: not attributed
        (3, 10, "view", 4, nil),                       // c1 is the latest list with shoe 10: outside the experiment
        (3, 9, "purchase", 5, "00000000-0000-4000-8000-0000000000b1"),   // b1: treatment purchase 220.00
        (4, 11, "view", 2, "00000000-0000-4000-8000-0000000000b2"),      // b2: treatment view
        (4, 12, "view", 2.1, "00000000-0000-4000-8000-0000000000a1"),    // names another user's list: not attributed
        (5, 14, "view", 9, nil),                       // b3: treatment view
        (5, 14, "purchase", 10, nil),                  // b3: treatment purchase 99.00
    ]

    @Test("per arm: users assigned and exposed, lists, attributed views, wishlists, purchases, CTR, conversion and revenue per user, latency, as computed by hand")
    func handBuiltScenario() async throws {
        try await ServiceHarness.with { harness in
            let created = try await harness.client.post(
                "/admin/experiments", json: ExperimentAdminTests.easeVsHybrid, headers: harness.adminHeaders)
            #expect(created.status == 201)
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 2 * 86_400).rounded(.down))
            let url = harness.databaseURL
            try await offCooperativePool {
                let connection = try PostgresConnection(url: url)
                defer { connection.close() }
                try connection.execute("UPDATE experiments SET created_at = $1 WHERE name = 'ease-vs-hybrid'", [start])
                let today = Day.today.daysSinceEpoch
                for age in 0...3 { try ExposurePartitions.create(day: Day(daysSinceEpoch: today - Int64(age)), connection) }
                for list in Self.lists {
                    try connection.execute("""
                        INSERT INTO exposures (served_at, recommendation_id, user_id, experiment_id, arm, surface, latency_us, shoe_ids, model, model_version)
                        VALUES ($1, $2::uuid, $3, CASE WHEN $4::int2 IS NULL THEN NULL ELSE (SELECT id FROM experiments) END, $4::int2,
                                'recommendations', $5, $6::int4[], 'hybrid', 'v')
                        """, [start.addingTimeInterval(list.hour * 3600), list.id, list.user, list.arm, list.latency, list.shoes])
                }
                // Users 1, 2 and 7 were assigned to control (7 never got a list), 3, 4 and 5 to treatment.
                try connection.execute("""
                    INSERT INTO experiment_assignments (experiment_id, user_id, arm, assigned_at)
                    SELECT (SELECT id FROM experiments), u, CASE WHEN u IN (1, 2, 7) THEN 0 ELSE 1 END, $1
                    FROM unnest(ARRAY[1, 2, 7, 3, 4, 5]) AS u
                    """, [start])
            }
            let body = "[" + Self.events.map { event in
                let time = UTCTimestamp.format(start.addingTimeInterval(event.hour * 3600))
                let named = event.names.map { #","recommendation_id":"\#($0)""# } ?? ""
                return #"{"user_id":\#(event.user),"shoe_id":\#(event.shoe),"interaction_type":"\#(event.kind)","occurred_at":"\#(time)"\#(named)}"#
            }.joined(separator: ",") + "]"
            let posted = try await harness.client.post("/interactions", json: body)
            #expect(posted.status == 201, "\(posted)")

            let report = try await harness.client.get("/admin/experiments/ease-vs-hybrid/report", headers: harness.adminHeaders)
            #expect(report.status == 200, "\(report)")
            let document = try report.object()
            #expect(document.string("name") == "ease-vs-hybrid")
            #expect(document.string("status") == "running")
            let arms = try #require(document["arms"] as? [[String: Any]])
            try #require(arms.count == 2)
            let (control, treatment) = (arms[0], arms[1])
            #expect(control.string("name") == "control" && control.string("model") == "hybrid" && control.int("weight") == 50)
            #expect(treatment.string("name") == "treatment" && treatment.string("model") == "ease")
            for (arm, expected) in [(control, [3, 2, 3, 2, 1, 1]), (treatment, [3, 3, 3, 2, 0, 2])] {
                let counts = ["users_assigned", "users_exposed", "lists", "views", "wishlists", "purchases"].map { arm.int($0) }
                #expect(counts == expected.map(Optional.some), "\(arm.string("name") ?? "")")
            }
            #expect(control["revenue"] as? Double == 140)
            #expect(treatment["revenue"] as? Double == 319)
            func metric(_ arm: [String: Any], _ name: String) -> [String: Any] { arm.object("metrics")?.object(name) ?? [:] }
            let tolerance = 1e-9
            #expect(abs((metric(control, "ctr")["value"] as? Double ?? -1) - 2.0 / 3) < tolerance)
            #expect(abs((metric(treatment, "ctr")["value"] as? Double ?? -1) - 2.0 / 3) < tolerance)
            #expect(abs((metric(control, "conversion")["value"] as? Double ?? -1) - 0.5) < tolerance)
            #expect(abs((metric(treatment, "conversion")["value"] as? Double ?? -1) - 2.0 / 3) < tolerance)
            #expect(abs((metric(control, "revenue_per_user")["value"] as? Double ?? -1) - 70) < tolerance)
            #expect(abs((metric(treatment, "revenue_per_user")["value"] as? Double ?? -1) - 319.0 / 3) < tolerance)
            #expect(abs((metric(treatment, "conversion")["difference"] as? Double ?? -1) - 1.0 / 6) < tolerance)
            #expect(abs((metric(treatment, "revenue_per_user")["difference"] as? Double ?? -1) - (319.0 / 3 - 70)) < tolerance)
            for name in ["ctr", "conversion", "revenue_per_user"] {
                #expect(metric(control, name)["difference"] is NSNull)
                #expect(metric(control, name)["p_value"] is NSNull)
            }
            // The intervals and p-values are ExperimentStatistics' (tested against published values
            // there) on exactly these per-user rows.
            let expected = ExperimentReport(arms: [
                ArmObservations(name: "control", weight: 50, usersAssigned: 3, exposedUsers: [
                    ExposedUser(lists: 2, views: 2, purchases: 1, revenue: 140), ExposedUser(lists: 1, wishlists: 1),
                ]),
                ArmObservations(name: "treatment", weight: 50, usersAssigned: 3, exposedUsers: [
                    ExposedUser(lists: 1, purchases: 1, revenue: 220), ExposedUser(lists: 1, views: 1),
                    ExposedUser(lists: 1, views: 1, purchases: 1, revenue: 99),
                ]),
            ])
            let revenue = metric(treatment, "revenue_per_user")
            let expectedRevenue = expected.arms[1].metrics.revenuePerUser
            #expect(abs((revenue["p_value"] as? Double ?? -1) - (expectedRevenue.pValue ?? 0)) < tolerance)
            #expect((revenue["ci95"] as? [Double]).map { abs($0[0] - expectedRevenue.ci95!.lower) < 1e-6 && abs($0[1] - expectedRevenue.ci95!.upper) < 1e-6 } == true)
            #expect((revenue["cs95"] as? [Double]).map { abs($0[0] - expectedRevenue.cs95!.lower) < 1e-6 && abs($0[1] - expectedRevenue.cs95!.upper) < 1e-6 } == true)
            #expect(document.string("verdict") == expected.verdict)
            let srm = try #require(document.object("srm"))
            #expect(srm["flagged"] as? Bool == false)
            #expect(abs((srm["p_value"] as? Double ?? -1) - (expected.srm.pValue ?? 0)) < tolerance)
            // Latency per arm: control's lists took 1, 2 and 3 ms (median 2, 99th percentile 2.98
            // interpolated), treatment's 0.5 ms each.
            #expect(control.object("latency_ms")?["p50"] as? Double == 2)
            #expect(abs((control.object("latency_ms")?["p99"] as? Double ?? -1) - 2.98) < 1e-9)
            #expect(treatment.object("latency_ms")?["p50"] as? Double == 0.5)

            // The terminal table comes from the same builder.
            let table = try await offCooperativePool {
                try ExperimentReportTable.report(databaseURL: url, name: "ease-vs-hybrid", configuration: AppConfiguration())
            }
            #expect(table.contains("verdict: \(expected.verdict)"))
            #expect(table.split(separator: "\n").contains { $0.hasPrefix("treatment") && $0.contains("319.00") })
        }
    }

    @Test("POST /interactions keeps an event's recommendation_id; one that is not an id is a 422 naming the field, and nothing is written")
    func eventsNameTheirList() async throws {
        try await ServiceHarness.with { harness in
            let listed = try await harness.client.get("/users/1/recommendations?k=2").object()
            let id = try #require(listed.string("recommendation_id"))
            let good = #"{"user_id":1,"shoe_id":16,"interaction_type":"view","recommendation_id":"\#(id)"}"#
            let posted = try await harness.client.post("/interactions", json: good)
            #expect(posted.status == 201, "\(posted)")
            #expect(try await harness.count("SELECT count(*) FROM interactions WHERE recommendation_id = '\(id)'") == 1)
            let before = try await harness.count("SELECT count(*) FROM interactions")
            let bad = try await harness.client.post(
                "/interactions", json: #"[{"user_id":1,"shoe_id":15,"interaction_type":"view","recommendation_id":"list-7"}]"#)
            expectProblem(bad, 422)
            let errors = try bad.object()["errors"] as? [[String: Any]]
            #expect(errors?.first?.string("field") == "recommendation_id")
            #expect(try await harness.count("SELECT count(*) FROM interactions") == before)
        }
    }
}
