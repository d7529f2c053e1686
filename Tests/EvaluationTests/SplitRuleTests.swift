import Testing
@testable import Evaluation

/// The tie rules of both splits on hand-made data, where each rule decides the outcome.
@Suite("Split rules (PROTOCOL.md sections 2 and 7)")
struct SplitRuleTests {
    /// A data set from (user, item, seconds, event) rows, ids "u<n>" and "<n>".
    private func dataset(_ rows: [(user: Int, item: Int, seconds: Int64, event: String)], items: Int = 6) -> Dataset {
        let users = Set(rows.map(\.user)).sorted()
        let weights = ["view": 1.0, "add_to_wishlist": 3, "purchase": 5]
        return Dataset(
            userIDs: users.map { "u\($0)" }, itemIDs: (0..<items).map(String.init),
            itemTexts: Array(repeating: "", count: items),
            events: rows.map { row in
                Dataset.Event(user: Int32(users.firstIndex(of: row.user)!), item: Int32(row.item),
                              timestamp: row.seconds * Timestamp.nanosecondsPerSecond,
                              weight: weights[row.event]!, isPurchase: row.event == "purchase")
            })
    }

    @Test("leave-last-out: latest row's item, ties to the larger item; every row of it leaves training")
    func leaveLastOut() {
        let data = dataset([
            (0, 3, 100, "view"), (0, 1, 50, "view"), (0, 3, 10, "purchase"), (0, 4, 100, "view"), (0, 2, 100, "add_to_wishlist"),
            (1, 5, 1, "view"), (1, 5, 2, "purchase"),  // one distinct item: not tested, all training
            (2, 0, 7, "view"), (2, 1, 7, "view"),
        ])
        let split = LeaveLastOutSplit(data)
        #expect(split.testUsers == [0, 2])
        #expect(split.testItems == [4, 1])
        let training = split.training
        #expect(training.row(0).map { training.items[$0] } == [1, 2, 3])
        #expect(training.row(0).map { training.weights[$0] } == [1, 3, 6])  // item 3: view + purchase, both kept
        #expect(training.row(1).map { training.items[$0] } == [5])
        #expect(training.row(1).map { training.weights[$0] } == [6])
        #expect(training.row(2).map { training.items[$0] } == [0])
        #expect(training.pairCount == 5)
    }

    @Test("leave-last-out drops earlier rows of the test item too")
    func dropsEarlierRows() {
        let split = LeaveLastOutSplit(dataset([(0, 1, 1, "purchase"), (0, 2, 2, "view"), (0, 1, 3, "view")]))
        #expect(split.testItems == [1])
        #expect(split.training.items == [2])
    }

    @Test("sessions: a gap of exactly 30 minutes stays in the session, one second more starts a new one")
    func sessionGap() {
        let data = dataset([
            (0, 0, 0, "view"), (0, 1, 1800, "view"), (0, 2, 3601, "view"),  // 2 sessions
            (1, 0, 0, "view"), (1, 0, 0, "view"),                            // 1 session
        ])
        #expect(SessionSplit(data).sessionCount == 3)
    }

    @Test("protocol 2: training strictly before the cut, test sessions start at or after it, of users with training")
    func sessionSplit() {
        // 15 rows: p = 0.8 * 14 = 11.2, so cut = t11 + 0.2 (t12 - t11) = 715 + 37 = 752 s; 12 rows before it.
        let data = dataset([
            (0, 1, 0, "purchase"), (0, 2, 100, "view"), (0, 3, 200, "view"),
            (0, 5, 715, "view"), (0, 4, 900, "view"),  // this session goes on past the cut: not a test session
            (0, 2, 4000, "add_to_wishlist"),           // a new session after the cut: a test session
            (1, 4, 300, "view"),
            (2, 0, 600, "view"), (2, 0, 700, "purchase"),
            (3, 5, 5000, "view"),                      // no training rows: not tested
            (4, 1, 10, "view"), (4, 1, 20, "view"), (4, 1, 30, "view"), (4, 1, 40, "view"), (4, 1, 50, "view"),
        ])
        let split = SessionSplit(data)
        #expect(split.cut == 752 * Timestamp.nanosecondsPerSecond)
        #expect(split.sessionCount == 6)
        #expect(split.trainingEventCount == 12)
        #expect(split.trainingUserCount == 4)
        #expect(split.testSessions == [SessionSplit.TestSession(user: 0, start: 4000 * Timestamp.nanosecondsPerSecond,
                                                                 eventCount: 1, items: [2])])
        #expect(split.testUsers == [0])
        #expect(split.afterCutEventCount == 3)
        #expect(split.afterCutEventsInSessionsStartedBefore == 1)
        #expect(split.afterCutEventsOfUsersWithoutTraining == 1)
        #expect(split.training.purchased.count { $0 } == 2)  // (u0, 1), (u2, 0)
    }

    @Test("the cut is numpy's linear 80th percentile rounded up to a whole nanosecond, in integers")
    func cutArithmetic() {
        #expect(SessionSplit.cut([5]) == 5)
        #expect(SessionSplit.cut([0, 10]) == 8)
        #expect(SessionSplit.cut([0, 1]) == 1)              // c = 0.8: the smallest integer >= c
        #expect(SessionSplit.cut([3, 1, 2, 0, 4, 5]) == 4)  // p = 4 exactly: t4, whatever the order given
        #expect(SessionSplit.cut([-10, -5]) == -6)          // -10 + 0.8 * 5
        #expect(SessionSplit.cut([Int64.min, Int64.max]) == Int64.max - (UInt64.max / 5).toInt64)  // no overflow
    }

    @Test("where float64 rounds the cut onto an event, the integer cut still puts the event in training")
    func cutBeatsFloat64() {
        // n = 5: p = 0.8 * 4 = 3.2, so c = t3 + 0.2 * (t4 - t3) = base + 20 ns exactly. Near 1.7e18 float64
        // has a spacing of 256 ns: t4 rounds to base, and np.percentile returns base itself, so numpy
        // would call the row at t3 "not before the cut" and lose it from training (checked with numpy 2).
        let base: Int64 = 1_700_000_000_000_000_000
        let timestamps: [Int64] = [0, 1, 2, base, base + 100]
        let floatCut = Double(base) + (Double(base + 100) - Double(base)) * 0.2
        #expect(!(Double(base) < floatCut))  // float64: the row at t3 would not be training
        #expect(SessionSplit.cut(timestamps) == base + 20)
        let rows = timestamps.map { (user: 0, item: 0, seconds: Int64(0), event: "view", ns: $0) }
        let data = Dataset(userIDs: ["u"], itemIDs: ["0"], itemTexts: [""], events: rows.map {
            Dataset.Event(user: 0, item: 0, timestamp: $0.ns, weight: 1, isPurchase: false)
        })
        #expect(SessionSplit(data).trainingEventCount == 4)
    }
}

private extension UInt64 {
    var toInt64: Int64 { Int64(self) }
}
