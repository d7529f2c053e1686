/// A user's gender as stated at sign-up (`female`, `male`, `non-binary`, `other`).
///
/// An open set, like ``ShoeType``: a shop may offer more answers than the project knows.
public struct Gender: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let female: Gender = "female"
    public static let male: Gender = "male"
    public static let nonBinary: Gender = "non-binary"
    public static let other: Gender = "other"

    /// Every answer the project knows, in a fixed order.
    public static let known: [Gender] = [.female, .male, .nonBinary, .other]
}
