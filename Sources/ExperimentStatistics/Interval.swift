/// A two-sided interval [lower, upper] for an effect: a confidence interval at one fixed sample size,
/// or one moment of a confidence sequence.
public struct Interval: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// estimate ± radius.
    public init(center: Double, radius: Double) {
        self.init(lower: center - radius, upper: center + radius)
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Whether the interval lies wholly on one side of 0: the effect's sign is established.
    public var excludesZero: Bool { !contains(0) }

    public var width: Double { upper - lower }

    public var description: String { "[\(lower), \(upper)]" }
}
