#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime

/// What to generate: sizes, the seed, and the end of the 12-month window the events fall in.
///
/// The window ends at a fixed date by default, never "now", so that a seed alone fixes every byte.
public struct GeneratorConfiguration: Sendable, Hashable {
    /// Number of users, ids 1...userCount.
    public var userCount: Int
    /// Number of shoes, ids 1...shoeCount.
    public var shoeCount: Int
    /// How many events to generate. The result has exactly this many unless users run out of
    /// window (only with absurd densities, thousands of events per user).
    public var interactionCount: Int
    public var seed: UInt64
    /// Events fall in [windowEnd - 1 year, windowEnd).
    public var windowEnd: Date

    /// 2026-11-01T00:00:00Z.
    public static let defaultWindowEnd = Date(timeIntervalSince1970: 1_793_491_200)

    /// Upper bounds that keep one run within memory and a few minutes on a small machine.
    public static let maximumUsers = 10_000_000
    public static let maximumShoes = 1_000_000
    public static let maximumInteractions = 200_000_000
    /// The generator scores every shoe for every user: users × shoes is bounded as well.
    public static let maximumUserShoePairs = 20_000_000_000

    /// - Parameters:
    ///   - userCount: Users to create, at least 1.
    ///   - shoeCount: Shoes to create, at least 1.
    ///   - interactionCount: Events to create, at least 0.
    ///   - seed: Fixes every byte of the output.
    ///   - windowEnd: End (exclusive) of the 12-month event window.
    public init(
        userCount: Int = 2000, shoeCount: Int = 300, interactionCount: Int = 100_000, seed: UInt64 = 42,
        windowEnd: Date = GeneratorConfiguration.defaultWindowEnd
    ) {
        self.userCount = userCount
        self.shoeCount = shoeCount
        self.interactionCount = interactionCount
        self.seed = seed
        self.windowEnd = windowEnd
    }

    /// Checks every size and the window; the messages name the option and the accepted range.
    public func validate() throws(GeneratorError) {
        guard (1...Self.maximumUsers).contains(userCount) else {
            throw .outOfRange(name: "users", value: userCount, range: 1...Self.maximumUsers)
        }
        guard (1...Self.maximumShoes).contains(shoeCount) else {
            throw .outOfRange(name: "shoes", value: shoeCount, range: 1...Self.maximumShoes)
        }
        guard (0...Self.maximumInteractions).contains(interactionCount) else {
            throw .outOfRange(name: "interactions", value: interactionCount, range: 0...Self.maximumInteractions)
        }
        guard userCount.multipliedReportingOverflow(by: shoeCount).partialValue <= Self.maximumUserShoePairs else {
            throw .tooManyPairs(users: userCount, shoes: shoeCount, maximum: Self.maximumUserShoePairs)
        }
        let end = windowEnd.timeIntervalSince1970
        guard end.isFinite, end >= 86_400 * 366 * 2, end < 253_402_300_800 else {  // 1972 ..< 10000-01-01
            throw .windowOutOfRange
        }
    }

    /// The window as whole epoch seconds: [start, end), start one calendar year before end.
    var window: (start: Int64, end: Int64) {
        let end = Int64(windowEnd.timeIntervalSince1970.rounded(.down))
        let days = end >= 0 ? end / 86_400 : (end - 86_399) / 86_400
        let secondOfDay = end - days * 86_400
        let (year, month, day) = UTCCalendar.civil(fromDays: days)
        let startDay = min(day, UTCCalendar.daysInMonth(year: year - 1, month: month))
        let start = UTCCalendar.days(year: year - 1, month: month, day: startDay) * 86_400 + secondOfDay
        return (start, end)
    }
}

/// Why a generator configuration was refused.
public enum GeneratorError: Error, Hashable, CustomStringConvertible {
    case outOfRange(name: String, value: Int, range: ClosedRange<Int>)
    case tooManyPairs(users: Int, shoes: Int, maximum: Int)
    case windowOutOfRange

    public var description: String {
        switch self {
        case .outOfRange(let name, let value, let range):
            "--\(name) must be in \(range.lowerBound)...\(range.upperBound), got \(value)"
        case .tooManyPairs(let users, let shoes, let maximum):
            "--users × --shoes must be at most \(maximum) (the generator scores every shoe for every user), got \(users) × \(shoes)"
        case .windowOutOfRange:
            "the window end date must lie between 1972 and 9999"
        }
    }
}
