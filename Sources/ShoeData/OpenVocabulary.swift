/// A word from an open set: ``ShoeType``, ``Material``, ``Gender``, ``Usage``.
///
/// Why open sets rather than enums: a shop may add kinds, materials or answers the code has never
/// heard of, and an importer must carry them, not reject them. The words the project knows are
/// each type's static members and its ``known`` list; the rest of the behaviour (string literals,
/// text form, order, ``isKnown``) is written once, here.
public protocol OpenVocabulary: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible where RawValue == String, StringLiteralType == String
{
    init(rawValue: String)
    /// Every word the project knows, in a fixed order.
    static var known: [Self] { get }
}

extension OpenVocabulary {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    /// Whether this is one of ``known``.
    public var isKnown: Bool { Self.known.contains(self) }

    /// By the text, so that lists sort the same on every run.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
