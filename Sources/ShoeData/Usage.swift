/// What a user mainly buys shoes for, as the shop's `primary_usage` column spells it.
///
/// An open set, like ``ShoeType``.
public struct Usage: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let running: Usage = "running"
    public static let hiking: Usage = "hiking"
    public static let walking: Usage = "walking"
    public static let casual: Usage = "casual"
    public static let formal: Usage = "formal"
    public static let sport: Usage = "sport"
    public static let work: Usage = "work"

    /// Every usage the project knows, in a fixed order.
    public static let known: [Usage] = [.running, .hiking, .walking, .casual, .formal, .sport, .work]
}
