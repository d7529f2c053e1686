/// The canonical order of one kind of id (users or items), which fixes every index, every tie and so
/// every figure: PROTOCOL.md section 1.
///
/// If every id is an integer (`^-?[0-9]+$`) they are ordered by integer value, then by string (so `7`
/// comes before `007`); otherwise by UTF-8 byte order, which is Python's code-point order. Integers
/// are compared digit by digit, so ids longer than 64 bits still order exactly.
enum CanonicalOrder {
    /// The positions of the ids (UTF-8 bytes) in canonical order. The input must hold distinct ids.
    static func order(_ ids: [[UInt8]]) -> [Int] {
        let allIntegers = ids.allSatisfy(isInteger)
        return ids.indices.sorted { a, b in
            allIntegers ? integerLess(ids[a], ids[b]) : ids[a].lexicographicallyPrecedes(ids[b])
        }
    }

    /// The ids (UTF-8 bytes) sorted canonically.
    static func sorted(_ ids: [[UInt8]]) -> [[UInt8]] {
        order(ids).map { ids[$0] }
    }

    /// The same for ids as strings (compared by their UTF-8 bytes, never by Swift's `String` order,
    /// which equates canonically equivalent strings).
    static func sorted(_ ids: [String]) -> [String] {
        sorted(ids.map { Array($0.utf8) }).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True for `^-?[0-9]+$`.
    static func isInteger(_ id: [UInt8]) -> Bool {
        let digits = id.first == UInt8(ascii: "-") ? id.dropFirst() : id[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Orders two integer ids by value, then by their bytes.
    static func integerLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (negativeA, magnitudeA) = split(a)
        let (negativeB, magnitudeB) = split(b)
        let zeroA = magnitudeA.isEmpty, zeroB = magnitudeB.isEmpty
        // Sign of the value: -0 is 0.
        let signA = zeroA ? 0 : (negativeA ? -1 : 1)
        let signB = zeroB ? 0 : (negativeB ? -1 : 1)
        if signA != signB { return signA < signB }
        let magnitudeOrder = compareMagnitude(magnitudeA, magnitudeB)
        if magnitudeOrder != 0 { return signA < 0 ? magnitudeOrder > 0 : magnitudeOrder < 0 }
        return a.lexicographicallyPrecedes(b)
    }

    /// The sign and the digits without leading zeros.
    private static func split(_ id: [UInt8]) -> (negative: Bool, magnitude: ArraySlice<UInt8>) {
        let negative = id.first == UInt8(ascii: "-")
        var digits = negative ? id.dropFirst() : id[...]
        while digits.first == UInt8(ascii: "0") { digits = digits.dropFirst() }
        return (negative, digits)
    }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b` (both without leading zeros).
    private static func compareMagnitude(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }
}
