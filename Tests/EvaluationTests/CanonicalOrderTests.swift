import Testing
@testable import Evaluation

@Suite("Canonical id order (PROTOCOL.md section 1)")
struct CanonicalOrderTests {
    @Test("all-integer ids order by value, then by string: 7 before 007")
    func integers() {
        #expect(CanonicalOrder.sorted(["10", "9", "-3", "007", "7", "0", "-0"]) == ["-3", "-0", "0", "007", "7", "9", "10"])
    }

    @Test("integers beyond 64 bits still order by value")
    func hugeIntegers() {
        #expect(CanonicalOrder.sorted(["100000000000000000000", "99999999999999999999", "-100000000000000000000"])
                == ["-100000000000000000000", "99999999999999999999", "100000000000000000000"])
    }

    @Test("one non-integer id makes the whole kind order by UTF-8 bytes")
    func mixed() {
        #expect(CanonicalOrder.sorted(["10", "9", "a", "B", "é", "z"]) == ["10", "9", "B", "a", "z", "é"])
        #expect(CanonicalOrder.sorted(["+1", "2"]) == ["+1", "2"])
        #expect(CanonicalOrder.sorted(["1.5", "10", "2"]) == ["1.5", "10", "2"])
    }

    @Test("byte order, not Swift's String order: precomposed é after e + combining accent")
    func bytesNotGraphemes() {
        let precomposed = "\u{E9}", decomposed = "e\u{301}"
        // Compared as bytes: Swift's `==` would call the two strings equal.
        #expect(CanonicalOrder.sorted([precomposed, decomposed]).map { Array($0.utf8) }
                == [Array(decomposed.utf8), Array(precomposed.utf8)])
    }
}
