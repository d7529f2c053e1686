/// A catalogue price in the shop's currency, held as a whole number of cents.
///
/// Why cents and not `Decimal`: prices only need two decimals, and an `Int` is exact, cheap to hash,
/// compare and sum, identical on every platform, and maps onto PostgreSQL `numeric(10,2)` or
/// `integer` without loss. Foundation's `Decimal` is slower on Linux, and `JSONEncoder` turns it
/// into a `Double` anyway. Text form: `129.99` (no currency symbol, always two decimals).
public struct Price: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in cents (hundredths of the currency unit).
    public var cents: Int

    /// - Parameter cents: The amount in cents, e.g. 12999 for 129.99.
    public init(cents: Int) {
        self.cents = cents
    }

    /// Parses `129.99`, `129.9`, `129` or `-5.00`; `nil` for anything else, including more than two
    /// decimals (which would lose money silently).
    public init?(_ text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              let units = Int(whole), units <= Int.max / 100 - 1
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isASCIIDigit),
                  let value = Int(decimals)
            else { return nil }
            fraction = decimals.count == 1 ? value * 10 : value
        }
        let amount = units * 100 + fraction
        self.cents = negative ? -amount : amount
    }

    /// `129.99`: the form of `shoes.csv`.
    public var description: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// `129.99`, `24.9`, `450`: the shortest decimal, as a JSON number is written. Hand-written JSON
    /// and `JSONEncoder` (which gets ``encode(to:)``'s `Double`) then print a price alike.
    public var jsonNumber: String {
        let magnitude = cents.magnitude
        let (whole, fraction) = (magnitude / 100, magnitude % 100)
        let sign = cents < 0 ? "-" : ""
        if fraction == 0 { return sign + "\(whole)" }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// The price a JSON number stands for, or nil when it has more than two decimals or is out of
    /// range: rounding `1.234` to `1.23` would change money silently.
    ///
    /// Exact, though a `Double` is binary: Swift prints a double as the shortest decimal that reads
    /// back as it (`139.99`, not `139.990000000000009`), which is the decimal the JSON text held.
    public init?(exactly value: Double) {
        guard value.isFinite, abs(value) < 1e13 else { return nil }
        self.init(String(value))
    }

    public static func < (lhs: Price, rhs: Price) -> Bool { lhs.cents < rhs.cents }
}

extension Price: Codable {
    /// Decodes a JSON number (`129.99`) or a string in the CSV form (`"129.99"`); more than two
    /// decimals is an error, never a rounding.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let price = Price(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a price: \(text)")
            }
            self = price
        } else {
            let value = try container.decode(Double.self)
            guard let price = Price(exactly: value) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a price with at most 2 decimals: \(value)")
            }
            self = price
        }
    }

    /// Encodes a JSON number: cents / 100 is the double nearest the exact amount, which encoders
    /// print in its shortest form (`129.99`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Double(cents) / 100)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
