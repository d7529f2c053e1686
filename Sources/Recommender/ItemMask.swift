/// A set of item indices as a bitset: which items a request allows.
///
/// Why bits and not a `Set<Int>`: a request's filter is an AND/OR of a few pre-computed attribute
/// masks (every running shoe, every shoe of a brand), which on 10,000 items is 157 words per
/// operation, and the top-k scan asks "allowed?" for every item, which must cost a shift and a
/// mask, not a hash. Items at or beyond `count` are never members; a mask built before items were
/// added simply lacks them.
public struct ItemMask: Sendable, Hashable {
    /// 64 items per word, item i at bit i % 64 of word i / 64.
    public private(set) var words: [UInt64]
    /// The items the mask speaks of: 0..<count.
    public private(set) var count: Int

    /// No item of 0..<count.
    public init(none count: Int) {
        self.count = max(0, count)
        words = [UInt64](repeating: 0, count: (self.count + 63) / 64)
    }

    /// Every item of 0..<count.
    public init(all count: Int) {
        self.init(none: count)
        guard self.count > 0 else { return }
        for w in words.indices { words[w] = ~0 }
        clearTail()
    }

    /// Every item of 0..<count but those of `excluded` (indices outside the range are ignored).
    public init(all count: Int, excluding excluded: some Sequence<Int>) {
        self.init(all: count)
        for item in excluded { remove(item) }
    }

    public func contains(_ item: Int) -> Bool {
        item >= 0 && item < count && words[item >> 6] & (1 << UInt64(item & 63)) != 0
    }

    /// Adds `item`, growing the range to include it.
    public mutating func insert(_ item: Int) {
        guard item >= 0 else { return }
        if item >= count { grow(to: item + 1) }
        words[item >> 6] |= 1 << UInt64(item & 63)
    }

    public mutating func remove(_ item: Int) {
        guard item >= 0, item < count else { return }
        words[item >> 6] &= ~(1 << UInt64(item & 63))
    }

    /// Widens the range to `newCount` items; the new ones are not members.
    public mutating func grow(to newCount: Int) {
        guard newCount > count else { return }
        count = newCount
        let needed = (newCount + 63) / 64
        if needed > words.count { words += [UInt64](repeating: 0, count: needed - words.count) }
    }

    /// Items in both (the range is this mask's).
    public mutating func formIntersection(_ other: ItemMask) {
        for w in words.indices { words[w] &= w < other.words.count ? other.words[w] : 0 }
    }

    /// Items in either (the range widens to the larger).
    public mutating func formUnion(_ other: ItemMask) {
        grow(to: other.count)
        for w in other.words.indices { words[w] |= other.words[w] }
    }

    /// Items in this mask but not in `other`.
    public mutating func subtract(_ other: ItemMask) {
        for w in words.indices where w < other.words.count { words[w] &= ~other.words[w] }
    }

    /// How many items are members.
    public var memberCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The members, ascending.
    public var members: [Int] {
        var result: [Int] = []
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    private mutating func clearTail() {
        let used = count & 63
        if used != 0 { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}

/// What a serving call may return: the allowed items, and at most `cap` items of one group (the
/// storefront's "no more than two of a brand").
///
/// The one value every model's `recommend` and `similar` honour, so a filter is applied *before*
/// the top k is cut: a filtered list is full whenever k allowed items exist, and never holds an
/// item the filter refuses.
public struct ItemFilter: Sendable {
    public var allowed: ItemMask
    public var groupCap: GroupCap?

    /// At most `cap` items with the same label among the k returned; items labelled -1 form no group.
    public struct GroupCap: Sendable {
        /// A group per item index (e.g. its brand), 0..<groupCount, -1 for none; items beyond the
        /// array have none.
        public var labels: [Int32]
        public var cap: Int
        /// Labels are below this.
        public var groupCount: Int

        /// - Parameter groupCount: one more than the largest label, when the caller knows it
        ///   (otherwise found by a pass over `labels`).
        public init(labels: [Int32], cap: Int, groupCount: Int? = nil) {
            self.labels = labels
            self.cap = cap
            self.groupCount = groupCount ?? Int((labels.max() ?? -1) + 1)
        }
    }

    public init(allowed: ItemMask, groupCap: GroupCap? = nil) {
        self.allowed = allowed
        self.groupCap = groupCap
    }

    /// Every item of 0..<itemCount but the excluded ones: what `excluding:` meant.
    public init(itemCount: Int, excluding excluded: Set<Int>) {
        self.init(allowed: ItemMask(all: itemCount, excluding: excluded))
    }
}
