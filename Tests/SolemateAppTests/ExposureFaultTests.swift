import Foundation
import Testing
import TestSupport

extension FaultTests {
    @Test("with PostgreSQL away, lists are still served at once and their exposures are dropped and counted in /metrics; once it is back they are written again")
    func exposuresDroppedWhileDatabaseAway() async throws {
        try await ServiceHarness.withScratchServer { harness, scratch in
            let client = harness.client
            try await offCooperativePool { try scratch.stop() }
            for user in 1...5 {
                let response = try await client.get("/users/\(user)/recommendations?k=3")
                #expect(response.status == 200, "\(response)")
                #expect(try response.object().string("recommendation_id") != nil)
            }
            let counted = try await harness.eventually(within: 60) {
                let metrics = try await client.get("/metrics").text
                return metrics.split(separator: "\n").contains { line in
                    line.hasPrefix("solemate_exposures_dropped_total ") && (Double(line.split(separator: " ").last ?? "") ?? 0) >= 5
                }
            }
            #expect(counted, "the five dropped exposures were not counted within 60 s")

            try await offCooperativePool { try scratch.start() }
            let again = try await harness.eventually(within: 120) {
                _ = try await client.get("/popular?k=1")
                return try await harness.count("SELECT count(*) FROM exposures") >= 1
            }
            #expect(again, "the exposure log did not write again after PostgreSQL came back")
        }
    }
}
