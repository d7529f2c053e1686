/// Protocol 2's split (PROTOCOL.md section 7): sessions (a gap of more than 30 minutes starts a new
/// one), the exact 80th-percentile cut, training rows strictly before it, and the test sessions that
/// start at or after it, of users with training rows.
struct SessionSplit: Sendable {
    /// One test session: its user, start and distinct items (ascending index = canonical order).
    struct TestSession: Sendable, Hashable {
        let user: Int32
        let start: Int64
        let eventCount: Int
        let items: [Int32]
    }

    static let sessionGap: Int64 = 30 * 60 * Timestamp.nanosecondsPerSecond
    static let cutPercentile = 80

    let cut: Int64
    let sessionCount: Int
    let training: TrainingMatrix
    let trainingEventCount: Int
    let trainingUserCount: Int
    /// Ordered by user index, then start.
    let testSessions: [TestSession]
    /// Users with at least one test session, ascending.
    let testUsers: [Int32]
    let testEventCount: Int
    let afterCutEventCount: Int
    let afterCutEventsInSessionsStartedBefore: Int
    let afterCutEventsOfUsersWithoutTraining: Int

    init(_ dataset: Dataset) {
        let events = dataset.events
        let cut = Self.cut(events.map(\.timestamp))
        self.cut = cut
        let training = TrainingMatrix(events: events, including: { $0.timestamp < cut },
                                      userCount: dataset.userCount, itemCount: dataset.itemCount)
        self.training = training
        trainingEventCount = events.count { $0.timestamp < cut }
        trainingUserCount = (0..<dataset.userCount).count { !training.row($0).isEmpty }

        var groups = EventGroups(events, userCount: dataset.userCount)
        groups.sortWithinUsers { events[$0].timestamp }
        let order = groups.indices
        var sessions: [TestSession] = []
        var sessionCount = 0
        var testEvents = 0, afterCut = 0, startedBefore = 0, withoutTraining = 0
        var position = 0
        while position < order.count {
            // One session: rows of one user, each within the gap of the previous one.
            let first = events[order[position]]
            var end = position + 1
            while end < order.count, events[order[end]].user == first.user,
                  events[order[end]].timestamp - events[order[end - 1]].timestamp <= Self.sessionGap {
                end += 1
            }
            sessionCount += 1
            let rows = order[position..<end].map { events[$0] }
            let rowsAfterCut = rows.count { $0.timestamp >= cut }
            afterCut += rowsAfterCut
            if first.timestamp < cut {
                startedBefore += rowsAfterCut
            } else if training.row(Int(first.user)).isEmpty {
                withoutTraining += rowsAfterCut
            } else {
                testEvents += rows.count
                sessions.append(TestSession(user: first.user, start: first.timestamp, eventCount: rows.count,
                                            items: Array(Set(rows.map(\.item))).sorted()))
            }
            position = end
        }
        self.sessionCount = sessionCount
        testSessions = sessions
        var users: [Int32] = []
        for session in sessions where users.last != session.user { users.append(session.user) }
        testUsers = users
        testEventCount = testEvents
        afterCutEventCount = afterCut
        afterCutEventsInSessionsStartedBefore = startedBefore
        afterCutEventsOfUsersWithoutTraining = withoutTraining
    }

    /// The 80th percentile of all timestamps by numpy's linear rule, rounded up to the next integer
    /// nanosecond, in integers: `j = ⌊80(n−1)/100⌋`, `r = 80(n−1) − 100j`,
    /// `cut = t_j + ⌈r(t_{j+1} − t_j)/100⌉`. float64 would round near 1.7e18 ns.
    static func cut(_ timestamps: [Int64]) -> Int64 {
        precondition(!timestamps.isEmpty, "a cut needs at least one timestamp")
        let sorted = timestamps.sorted()
        let scaled = cutPercentile * (sorted.count - 1)
        let j = scaled / 100
        let r = scaled - 100 * j
        guard r > 0 else { return sorted[j] }
        // r·gap may pass 2^63, so multiply and divide in 128 bits; step ≤ gap, so cut ≤ t_{j+1}.
        let gap = UInt64(bitPattern: sorted[j + 1] &- sorted[j])
        let (quotient, remainder) = UInt64(100).dividingFullWidth(UInt64(r).multipliedFullWidth(by: gap))
        let step = quotient + (remainder > 0 ? 1 : 0)
        return sorted[j] &+ Int64(bitPattern: step)
    }
}
