/// Event indices grouped by user (a counting sort, stable in file order), each user's group then
/// sortable by a key: what both splits need, in O(n) plus a sort per user rather than one sort of a
/// million indices by a tuple key.
struct EventGroups {
    /// Event indices, user by user.
    private(set) var indices: [Int]
    /// User `u`'s indices are `indices[start[u]..<start[u + 1]]`.
    let start: [Int]

    init(_ events: [Dataset.Event], userCount: Int, including include: (Dataset.Event) -> Bool = { _ in true }) {
        var start = [Int](repeating: 0, count: userCount + 1)
        for event in events where include(event) { start[Int(event.user) + 1] += 1 }
        for user in 0..<userCount { start[user + 1] += start[user] }
        var next = start
        var indices = [Int](repeating: 0, count: start[userCount])
        for (index, event) in events.enumerated() where include(event) {
            indices[next[Int(event.user)]] = index
            next[Int(event.user)] += 1
        }
        self.indices = indices
        self.start = start
    }

    /// Sorts each user's indices by `key`, equal keys keeping file order.
    mutating func sortWithinUsers<Key: Comparable>(by key: (Int) -> Key) {
        for user in 0..<(start.count - 1) where start[user + 1] - start[user] > 1 {
            indices[start[user]..<start[user + 1]].sort { a, b in
                let keyA = key(a), keyB = key(b)
                return keyA < keyB || (keyA == keyB && a < b)
            }
        }
    }
}
