#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Every draw the generator makes goes through the helpers below rather than the standard
/// library's `random(in:using:)` or `shuffle(using:)`, whose algorithms are not promised to stay the
/// same across Swift releases: the same seed must give the same bytes. The few transcendental
/// functions (`log`, `exp`, `sqrt`, `cos`) come from the platform's C library; on one platform they
/// are deterministic, and across C libraries a last-bit difference could at most flip a draw that
/// falls exactly on a boundary. No floating-point number is ever printed into the files.
///
/// Public so that the storefront simulator draws its shoppers' choices the same reproducible way:
/// one stream per (seed, stream, index), whatever order concurrent shoppers run in.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for one independent stream: the same (seed, stream, index) always gives the same
    /// sequence, and different streams are statistically unrelated. Streams let the generator draw each
    /// user's and each shoe's values without depending on how many draws others made.
    public init(seed: UInt64, stream: UInt64, index: UInt64 = 0) {
        var mixer = SplitMix64(state: seed)
        mixer.state ^= SplitMix64.mix(stream &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019)
        mixer.state ^= SplitMix64.mix(index &+ 0xD1B5_4A32_D192_ED03)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// Uniform in [0, 1), 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in `0..<bound` (Lemire's multiply-shift with rejection); `bound` > 0.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
        }
        return Int(product.high)
    }

    /// Uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// Uniform in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        let u1 = 1 - unit()  // (0, 1]
        let u2 = unit()
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given parameters of the underlying normal.
    mutating func logNormal(mu: Double = 0, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unit())
    }

    /// Index drawn with probability proportional to `weights` (non-negative, not all zero).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// One of `choices`, with probability proportional to its weight.
    mutating func pick<T>(_ choices: [(T, Double)]) -> T {
        choices[weightedIndex(choices.map(\.1))].0
    }

    /// `count` distinct indices of `0..<weights.count`, drawn without replacement by weight.
    mutating func distinctIndices(_ count: Int, weights: [Double]) -> [Int] {
        var remaining = weights
        var chosen: [Int] = []
        while chosen.count < count, remaining.contains(where: { $0 > 0 }) {
            let index = weightedIndex(remaining)
            chosen.append(index)
            remaining[index] = 0
        }
        return chosen
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// SplitMix64: turns one seed into well-spread state words for ``SeededRandom``.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
