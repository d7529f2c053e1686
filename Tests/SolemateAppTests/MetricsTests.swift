import Foundation
import Testing

/// GET /metrics: the Prometheus text the operators scrape.
@Suite("Metrics")
struct MetricsTests {
    @Test("/metrics counts requests per route and status, times them, and reports model, pool and ingested events")
    func exposition() async throws {
        try await ServiceHarness.with { harness in
            for user in [1, 2] { _ = try await harness.client.get("/users/\(user)/recommendations?k=3") }
            _ = try await harness.client.get("/users/1/recommendations?k=0")
            let posted = try await harness.client.post(
                "/interactions", body: [Event(user_id: 3, shoe_id: 1, interaction_type: "view"),
                                        Event(user_id: 3, shoe_id: 2, interaction_type: "view")])
            #expect(posted.status == 201)

            let response = try await harness.client.get("/metrics")
            #expect(response.status == 200)
            #expect(response.contentType.hasPrefix("text/plain"))
            let samples = Self.samples(response.text)
            func value(_ name: String, _ labels: [String] = []) -> Double? {
                samples.first { $0.name == name && labels.allSatisfy($0.labels.contains) }?.value
            }
            let route = #"route="/users/:id/recommendations""#
            #expect(value("solemate_http_requests_total", [route, #"status="200""#, #"method="GET""#]) == 2)
            #expect(value("solemate_http_requests_total", [route, #"status="400""#]) == 1)
            #expect(value("solemate_http_requests_total", [#"route="/interactions""#, #"status="201""#]) == 1)
            #expect(value("solemate_http_request_duration_seconds_count", [route, #"status="200""#]) == 2)
            #expect(samples.contains { $0.name == "solemate_http_request_duration_seconds_bucket" && $0.labels.contains(route) })
            let version = try #require(try await harness.currentVersion())
            #expect(value("solemate_model_info", [#"version="\#(version)""#]) == 1)
            #expect(value("solemate_model_training_seconds").map { $0 > 0 } == true)
            #expect(value("solemate_db_pool_connections_in_use") != nil)
            #expect(value("solemate_interactions_ingested_total") == 2)
        }
    }

    struct Sample {
        var name: String
        var labels: String
        var value: Double
    }

    /// The samples of a Prometheus text exposition: `name{labels} value` lines, comments skipped.
    static func samples(_ text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: "", value: value) }
            return Sample(name: String(series[..<brace]), labels: String(series[brace...]), value: value)
        }
    }
}
