import Foundation
import ShoeData
import SolemateApp
import Testing

@Suite("Configuration of the events' time window: EVENT_FUTURE_SKEW_SECONDS and SHOP_EPOCH")
struct EventTimeWindowConfigurationTests {
    @Test("by default 300 s of skew and the epoch 2000-01-01T00:00:00Z")
    func defaults() throws {
        let window = try AppConfiguration.from(environment: [:]).eventTimeWindow
        #expect(window.futureSkewSeconds == 300)
        #expect(window.epoch == Date(timeIntervalSince1970: 946_684_800))
    }

    @Test("both variables override their defaults; the import reads the same ones")
    func overrides() throws {
        let environment = ["EVENT_FUTURE_SKEW_SECONDS": "60", "SHOP_EPOCH": "2015-06-01"]
        let window = try AppConfiguration.from(environment: environment).eventTimeWindow
        #expect(window.futureSkewSeconds == 60)
        #expect(window.epoch == Date(timeIntervalSince1970: 1_433_116_800))
        #expect(try AppConfiguration.eventTimeWindow(from: environment) == window)
    }

    @Test(arguments: [
        ("EVENT_FUTURE_SKEW_SECONDS", "-1"), ("EVENT_FUTURE_SKEW_SECONDS", "five"), ("EVENT_FUTURE_SKEW_SECONDS", "604801"),
        ("SHOP_EPOCH", "the beginning"), ("SHOP_EPOCH", "2000-13-01"),
    ])
    func badValueNamesTheVariable(name: String, value: String) {
        let error = #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.from(environment: [name: value]) }
        #expect(error?.description.contains(name) == true)
    }

    @Test("the window itself: the epoch is allowed, a second before is not; now plus the skew is allowed, a second more is not")
    func edges() {
        let window = EventTimeWindow(epoch: Date(timeIntervalSince1970: 1_000), futureSkewSeconds: 10)
        let now = Date(timeIntervalSince1970: 5_000)
        #expect(window.problem(with: Date(timeIntervalSince1970: 1_000), now: now) == nil)
        #expect(window.problem(with: Date(timeIntervalSince1970: 999), now: now)?.field == "occurred_at")
        #expect(window.problem(with: Date(timeIntervalSince1970: 5_010), now: now) == nil)
        #expect(window.problem(with: Date(timeIntervalSince1970: 5_011), now: now)?.message.contains("more than 10 s after now") == true)
    }
}
