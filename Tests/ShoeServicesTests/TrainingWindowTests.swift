import Foundation
import PostgresClient
import Testing
@testable import ShoeServices

/// Training reads a window of the table, month partition by month partition, and may weigh older
/// events less.
@Suite("Training window and decay")
struct TrainingWindowTests {
    @Test("a window reads the months it reaches, from its first instant on; no window reads everything")
    func windowRead() throws {
        try CareFixture.with { fixture in
            for time in ["2026-01-15T00:00:00Z", "2026-02-27T23:59:59Z", "2026-02-28T00:00:00Z", "2026-03-03T10:00:00Z"] {
                try fixture.purchase(at: time)
            }
            #expect(try InteractionLog.read(fixture.connection).count == 4)
            let since = Date(timeIntervalSince1970: 1_772_236_800)  // 2026-02-28T00:00:00Z
            let window = try InteractionLog.read(fixture.connection, since: since)
            #expect(window.occurredAtMicros.sorted() == [1_772_236_800_000_000, 1_772_532_000_000_000])
        }
    }

    @Test("an event's weight halves every half-life")
    func decay() {
        let day: Int64 = 86_400_000_000
        #expect(ModelTrainer.decay(ageMicros: 0, halfLifeDays: 30) == 1)
        #expect(abs(ModelTrainer.decay(ageMicros: 30 * day, halfLifeDays: 30) - 0.5) < 1e-12)
        #expect(abs(ModelTrainer.decay(ageMicros: 90 * day, halfLifeDays: 30) - 0.125) < 1e-12)
    }
}
