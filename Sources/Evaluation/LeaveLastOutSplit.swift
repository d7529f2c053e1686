/// Protocol 1's split (PROTOCOL.md section 2): each user with at least two distinct items gives up
/// its latest item (ties on time: the larger item index), every row of that item included.
struct LeaveLastOutSplit: Sendable {
    /// Test users in ascending index.
    let testUsers: [Int32]
    /// The test item of each test user, parallel to `testUsers`.
    let testItems: [Int32]
    /// `X`: every row that is not a test user's test item.
    let training: TrainingMatrix

    init(_ dataset: Dataset) {
        let events = dataset.events
        let all = TrainingMatrix(events: events, including: { _ in true },
                                 userCount: dataset.userCount, itemCount: dataset.itemCount)
        // The latest row of each user, ties to the larger item.
        var latest = [(time: Int64, item: Int32)?](repeating: nil, count: dataset.userCount)
        for event in events {
            let user = Int(event.user)
            if let current = latest[user], (current.time, current.item) >= (event.timestamp, event.item) { continue }
            latest[user] = (event.timestamp, event.item)
        }
        var testItem = [Int32](repeating: -1, count: dataset.userCount)
        var testUsers: [Int32] = []
        var testItems: [Int32] = []
        for user in 0..<dataset.userCount where all.row(user).count >= 2 {
            let item = latest[user]!.item
            testItem[user] = item
            testUsers.append(Int32(user))
            testItems.append(item)
        }
        self.testUsers = testUsers
        self.testItems = testItems
        training = TrainingMatrix(events: events, including: { $0.item != testItem[Int($0.user)] },
                                  userCount: dataset.userCount, itemCount: dataset.itemCount)
    }
}
