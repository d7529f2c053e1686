import Testing
@testable import HTTPServer

/// The timeout rules with a fake clock: plain nanosecond numbers.
@Suite struct ConnectionTimerTests {
    let timeouts = ConnectionTimer.Timeouts(idle: 100, head: 50, body: 70, handler: 30, write: 40, linger: 10)

    @Test func idleConnectionsExpireAfterTheIdleTimeout() {
        let timer = ConnectionTimer(now: 1_000)
        #expect(timer.expired(at: 1_099, timeouts: timeouts) == nil)
        #expect(timer.expired(at: 1_100, timeouts: timeouts) == .idle)
    }

    @Test func trickledHeaderBytesDoNotExtendTheHeaderDeadline() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.head, at: 10)
        timer.enter(.head, at: 40)  // another byte arrives: same phase, same start
        #expect(timer.expired(at: 59, timeouts: timeouts) == nil)
        #expect(timer.expired(at: 60, timeouts: timeouts) == .head)
    }

    @Test func eachPhaseHasItsOwnBudget() {
        var timer = ConnectionTimer(now: 0)
        timer.enter(.body, at: 100)
        #expect(timer.expired(at: 169, timeouts: timeouts) == nil)
        #expect(timer.expired(at: 170, timeouts: timeouts) == .body)
        timer.enter(.handling, at: 200)
        #expect(timer.expired(at: 230, timeouts: timeouts) == .handling)
        timer.enter(.writing, at: 300)
        #expect(timer.expired(at: 339, timeouts: timeouts) == nil)
        #expect(timer.expired(at: 340, timeouts: timeouts) == .writing)
    }

    @Test func sweepIntervalIsAQuarterOfTheShortestTimeoutWithinBounds() {
        let seconds = ConnectionTimer.Timeouts(idle: 60_000_000_000, head: 200_000_000, body: 10_000_000_000,
                                               handler: 10_000_000_000, write: 10_000_000_000, linger: 1_000_000_000)
        #expect(seconds.sweepInterval == 50_000_000)
        #expect(timeouts.sweepInterval == 5_000_000)
    }
}
