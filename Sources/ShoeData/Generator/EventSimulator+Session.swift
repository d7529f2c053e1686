extension EventSimulator {
    /// Plays one session, appending its events (timed from the session's start) until it ends or
    /// the user's budget is spent.
    func session(
        taste: Taste, maxTypeWeight: Double, cumulative: [Double], state: inout UserState,
        random: inout SeededRandom
    ) {
        // The session is about one kind of shoe: the kind of a shoe drawn by the user's attraction.
        let focus = catalog[draw(cumulative, in: 0..<order.count, &random)].typeIndex
        var steps = 1
        while steps < 25, random.chance(0.72) { steps += 1 }

        var time: Int64 = 0
        var previous = -1
        for step in 0..<steps {
            if step > 0 { time += 20 + Int64(min(880, random.exponential(mean: 110))) }
            var (shoe, revisit) = chooseShoe(focus: focus, cumulative: cumulative, state: state, random: &random)
            if shoe == previous, !revisit {
                shoe = draw(cumulative, in: 0..<order.count, &random)
            }
            previous = shoe
            guard plan(time, shoe, .view, &state) else { return }
            if !state.viewedSet.contains(shoe) {
                state.viewedSet.insert(shoe)
                state.viewed.append(shoe)
            }
            guard !state.purchased.contains(shoe) else { continue }

            let match = taste.match(catalog[shoe], maxTypeWeight: maxTypeWeight)
            var onWishlist = state.wishlisted.contains(shoe)
            if !onWishlist, random.chance((0.03 + 0.32 * match) * (revisit ? 1.3 : 1)) {
                time += 5 + Int64(random.below(85))
                guard plan(time, shoe, .addToWishlist, &state) else { return }
                state.wishlisted.append(shoe)
                onWishlist = true
            }
            let buy = onWishlist
                ? (revisit ? 0.12 + 0.4 * match : 0.02 + 0.1 * match)
                : 0.004 + 0.04 * match
            if random.chance(buy) {
                time += 30 + Int64(random.below(570))
                guard plan(time, shoe, .purchase, &state) else { return }
                state.purchased.insert(shoe)
                state.wishlisted.removeAll { $0 == shoe }
                if random.chance(0.5) { return }  // bought what they came for
            }
        }
    }

    /// The next shoe to look at, and whether it is one the user has seen before.
    private func chooseShoe(
        focus: Int, cumulative: [Double], state: UserState, random: inout SeededRandom
    ) -> (shoe: Int, revisit: Bool) {
        if !state.viewed.isEmpty, random.chance(0.15) {
            if !state.wishlisted.isEmpty, random.chance(0.6) {
                return (state.wishlisted[random.below(state.wishlisted.count)], true)
            }
            let recent = state.viewed.suffix(20)
            return (recent[recent.startIndex + random.below(recent.count)], true)
        }
        let shoe: Int
        if random.chance(0.08) {
            shoe = draw(popularityCumulative, in: 0..<order.count, &random)  // exploration
        } else if random.chance(0.75) {
            shoe = draw(cumulative, in: typeRanges[focus], &random)
        } else {
            shoe = draw(cumulative, in: 0..<order.count, &random)
        }
        return (shoe, state.viewedSet.contains(shoe))
    }

    /// A shoe index drawn in proportion to the increments of `cumulative` over `range` of ``order``.
    func draw(_ cumulative: [Double], in range: Range<Int>, _ random: inout SeededRandom) -> Int {
        let base = range.lowerBound > 0 ? cumulative[range.lowerBound - 1] : 0
        let target = base + random.unit() * (cumulative[range.upperBound - 1] - base)
        var low = range.lowerBound
        var high = range.upperBound - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return order[low]
    }

    /// Appends one event unless the user's budget is spent.
    private func plan(_ offset: Int64, _ shoe: Int, _ kind: InteractionKind, _ state: inout UserState) -> Bool {
        guard state.planned.count < state.budget else { return false }
        state.planned.append(PlannedEvent(offset: offset, shoe: Int32(shoe), kind: kind))
        return true
    }
}
