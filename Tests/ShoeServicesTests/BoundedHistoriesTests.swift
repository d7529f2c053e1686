import Foundation
import ShoeData
import Testing
@testable import ShoeServices

/// The live histories keep each user's latest N events, so they stay bounded however long the
/// service runs and however large the table grows.
@Suite("Bounded live user histories")
struct BoundedHistoriesTests {
    static func event(_ id: Int64, user: Int = 7, shoe: Int, _ kind: InteractionKind) -> UserHistories.Event {
        .init(id: id, user: user, shoe: shoe, kind: kind.code)
    }

    @Test("past the cap the oldest event goes: its weight, and its shoe once no kept event has it")
    func oldestGoesFirst() {
        let histories = UserHistories(eventsPerUser: 3)
        histories.add([Self.event(1, shoe: 10, .purchase), Self.event(2, shoe: 11, .view), Self.event(3, shoe: 11, .addToWishlist)])
        #expect(histories.history(of: 7).weights == [10: 5, 11: 4])
        histories.add([Self.event(4, shoe: 12, .view)])
        var history = histories.history(of: 7)
        #expect(history.weights == [11: 4, 12: 1])
        #expect(history.purchased.isEmpty && history.viewed == [11, 12] && history.wishlisted == [11])
        histories.add([Self.event(5, shoe: 13, .view), Self.event(6, shoe: 11, .view)])
        history = histories.history(of: 7)
        #expect(history.weights == [12: 1, 13: 1, 11: 1])
        #expect(history.viewed == [11, 12, 13] && history.wishlisted.isEmpty)
        #expect(histories.eventCount(of: 7) == 3)
    }

    @Test("rebuilt from a log in storage order, a user keeps the latest events by time, whatever the order read")
    func latestByTime() {
        var log = InteractionLog()
        // User 7's events stored out of time order; user 8 under the cap keeps everything.
        for (id, shoe, kind, micros) in [(1, 10, InteractionKind.purchase, 4_000), (2, 11, .view, 1_000), (3, 12, .view, 3_000),
                                         (4, 13, .addToWishlist, 2_000), (5, 14, .view, 5_000)] as [(Int64, Int32, InteractionKind, Int64)] {
            log.append(id: id, user: 7, shoe: shoe, kind: kind, micros: micros)
        }
        log.append(id: 6, user: 8, shoe: 10, kind: .view, micros: 1)
        let histories = UserHistories(eventsPerUser: 3)
        histories.replace(with: log)
        #expect(histories.history(of: 7).weights == [12: 1, 10: 5, 14: 1])
        #expect(histories.history(of: 8).weights == [10: 1])
        // The next event pushes out the oldest kept one (shoe 12, at 3,000).
        histories.add([Self.event(7, shoe: 15, .view)])
        #expect(histories.history(of: 7).weights == [10: 5, 14: 1, 15: 1])
    }

    @Test("a long run of events costs the cap, not the run")
    func memoryStaysBounded() {
        let histories = UserHistories(eventsPerUser: 50)
        for batch in 0..<200 {
            histories.add((0..<50).map { Self.event(Int64(batch * 50 + $0), shoe: (batch * 50 + $0) % 997, .view) })
        }
        #expect(histories.eventCount(of: 7) == 50)
        #expect(histories.history(of: 7).weights.count == 50)
        #expect(histories.history(of: 7).weights.values.reduce(0, +) == 50)
    }
}

extension InteractionLog {
    mutating func append(id: Int64, user: Int32, shoe: Int32, kind: InteractionKind, micros: Int64) {
        ids.append(id)
        userIDs.append(user)
        shoeIDs.append(shoe)
        kinds.append(kind.code)
        occurredAtMicros.append(micros)
    }
}
