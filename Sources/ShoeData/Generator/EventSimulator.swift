#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plays each user's year in the shop as browsing sessions and turns it into the event log.
///
/// A session: a few views minutes apart, mostly of one kind of shoe drawn by the user's attraction
/// (taste × popularity), some of any kind, some pure exploration of popular shoes, and some revisits
/// of shoes seen before — above all of wishlisted ones, which is where most purchases happen.
/// Every wishlist and purchase directly follows a view of the same shoe in the same session, so no
/// purchase can precede the user's first view of that shoe. Sessions of one user are more than
/// 30 minutes apart (the evaluation's session gap), events inside one are at most 15 minutes apart.
struct EventSimulator {
    let catalog: [GeneratedShoe]
    let tastes: [Taste]
    let users: [User]
    let window: (start: Int64, end: Int64)
    let seed: UInt64

    /// Shoe indices grouped by kind, and each kind's range in that order.
    let order: [Int]
    let typeRanges: [Range<Int>]
    /// Cumulative popularity over `order`: the exploration draw.
    let popularityCumulative: [Double]
    /// The shoes' facts in `order`, laid out flat for the users × shoes scoring loop.
    private let orderedFacts: [(type: Int, brand: Int, color: Int, logPrice: Double, popularity: Double)]

    /// Hour-of-day weights for session starts (UTC): quiet nights, lunch and evening peaks.
    private static let hourWeights: [Double] = [
        0.6, 0.3, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 1.8, 2.0, 2.1, 2.3,
        2.8, 2.7, 2.3, 2.2, 2.4, 2.8, 3.3, 3.8, 4.0, 3.6, 2.6, 1.4,
    ]

    init(catalog: [GeneratedShoe], tastes: [Taste], users: [User], window: (start: Int64, end: Int64), seed: UInt64) {
        self.catalog = catalog
        self.tastes = tastes
        self.users = users
        self.window = window
        self.seed = seed
        var order: [Int] = []
        var ranges: [Range<Int>] = []
        var byType = [[Int]](repeating: [], count: Catalog.types.count)
        for (index, shoe) in catalog.enumerated() { byType[shoe.typeIndex].append(index) }
        for members in byType {
            ranges.append(order.count..<(order.count + members.count))
            order += members
        }
        self.order = order
        self.typeRanges = ranges
        var running = 0.0
        self.popularityCumulative = order.map { index in
            running += catalog[index].popularity
            return running
        }
        self.orderedFacts = order.map { index in
            let shoe = catalog[index]
            return (shoe.typeIndex, shoe.brandIndex, shoe.colorIndex, log(shoe.relativePrice), shoe.popularity)
        }
    }

    /// Fills `cumulative` (one entry per shoe in `order`) with the running sum of the user's
    /// attraction to each shoe: how likely they are to look at it,
    ///
    ///     type weight × (5 if favourite brand) × (2 if favourite colour) × (0.1 + price fit) × popularity
    ///
    /// This is the generator's only users × shoes loop, so it works on flat arrays.
    private func fillAttraction(_ taste: Taste, into cumulative: inout [Double]) {
        let brandFactors = taste.brandAttraction
        let colorFactors = taste.colorAttraction
        let typeWeights = taste.typeWeights
        let logLevel = log(taste.priceLevel)
        var running = 0.0
        for position in orderedFacts.indices {
            let facts = orderedFacts[position]
            let fit = 0.1 + Taste.priceFit(logDistance: facts.logPrice - logLevel)
            running += typeWeights[facts.type] * brandFactors[facts.brand] * colorFactors[facts.color] * fit
                * facts.popularity
            cumulative[position] = running
        }
    }

    /// Simulates every user and returns `total` events (fewer only if windows overflow), sorted by
    /// time, then user id, then the user's own order.
    func run(total: Int) -> [Interaction] {
        let budgets = Self.budgets(total: total, activities: tastes.map(\.activity))
        var events: [Event] = []
        events.reserveCapacity(total)
        var cumulative = [Double](repeating: 0, count: order.count)
        for userIndex in users.indices where budgets[userIndex] > 0 {
            simulate(userIndex: userIndex, budget: budgets[userIndex], cumulative: &cumulative, into: &events)
        }
        events.sort { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.user != b.user { return a.user < b.user }
            return a.sequence < b.sequence
        }
        return events.map { event in
            Interaction(
                userID: Int(event.user) + 1, shoeID: Int(event.shoe) + 1, kind: event.kind,
                occurredAt: Date(timeIntervalSince1970: Double(event.time)))
        }
    }

    /// Splits `total` events over users: up to 3 each, the rest in proportion to activity, with
    /// cumulative rounding so the budgets add up to exactly `total`.
    static func budgets(total: Int, activities: [Double]) -> [Int] {
        let floor = min(3, total / max(1, activities.count))
        let rest = total - floor * activities.count
        let sum = activities.reduce(0, +)
        var budgets: [Int] = []
        budgets.reserveCapacity(activities.count)
        var running = 0.0
        var assigned = 0
        for activity in activities {
            running += activity
            let upTo = min(rest, Int((Double(rest) * running / sum).rounded()))
            budgets.append(floor + upTo - assigned)
            assigned = upTo
        }
        budgets[budgets.count - 1] += rest - assigned
        return budgets
    }

    struct Event {
        var time: Int64
        var user: Int32
        var shoe: Int32
        var kind: InteractionKind
        var sequence: Int32
    }

    // MARK: - One user

    /// Plays the user's sessions until the budget is spent, then lays them out in time: session
    /// starts drawn over the user's part of the window at plausible hours, pushed apart so that
    /// consecutive sessions are more than 30 minutes apart.
    private func simulate(userIndex: Int, budget: Int, cumulative: inout [Double], into events: inout [Event]) {
        var random = SeededRandom(seed: seed, stream: RandomStream.events.rawValue, index: UInt64(userIndex))
        let taste = tastes[userIndex]
        let maxTypeWeight = taste.typeWeights.max() ?? 1
        fillAttraction(taste, into: &cumulative)

        var state = UserState(userIndex: userIndex, budget: budget)
        var sessionBounds: [Int] = []
        while state.planned.count < budget {
            sessionBounds.append(state.planned.count)
            session(taste: taste, maxTypeWeight: maxTypeWeight, cumulative: cumulative, state: &state, random: &random)
        }
        sessionBounds.append(state.planned.count)

        let firstVisit = window.start + Int64(taste.startFraction * Double(window.end - window.start))
        let latestStart = window.end - 3 * 3600
        var starts: [Int64] = (0..<(sessionBounds.count - 1)).map { _ in
            let instant = firstVisit + Int64(random.unit() * Double(max(1, latestStart - firstVisit)))
            let midnight = instant - ((instant % 86_400) + 86_400) % 86_400
            let hour = Int64(random.weightedIndex(Self.hourWeights))
            return min(latestStart, max(firstVisit, midnight + hour * 3600 + Int64(random.below(3600))))
        }
        starts.sort()

        var lastEvent = Int64.min
        for (index, start) in starts.enumerated() {
            var start = start
            if lastEvent != .min { start = max(start, lastEvent + 31 * 60 + Int64(random.below(600))) }
            for sequence in sessionBounds[index]..<sessionBounds[index + 1] {
                let planned = state.planned[sequence]
                let time = start + planned.offset
                guard time < window.end else { return }  // only at absurd densities
                events.append(Event(
                    time: time, user: Int32(userIndex), shoe: planned.shoe, kind: planned.kind,
                    sequence: Int32(sequence)))
                lastEvent = time
            }
        }
    }

    /// One event of a session, timed from the session's start.
    struct PlannedEvent {
        var offset: Int64
        var shoe: Int32
        var kind: InteractionKind
    }

    /// What the simulator remembers of one user between sessions.
    struct UserState {
        let userIndex: Int
        let budget: Int
        /// The user's events so far, in order, each timed within its session.
        var planned: [PlannedEvent] = []
        var viewed: [Int] = []
        var viewedSet = Set<Int>()  // membership only; never iterated
        var wishlisted: [Int] = []
        var purchased = Set<Int>()  // membership only; never iterated

        init(userIndex: Int, budget: Int) {
            self.userIndex = userIndex
            self.budget = budget
        }
    }
}
