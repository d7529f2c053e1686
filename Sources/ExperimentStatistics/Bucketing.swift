/// Deterministic experiment assignment: a user's bucket is a pure function of the experiment's salt
/// and the user id, so it is the same after a restart, on every replica, and in any language that
/// reimplements these few lines. Swift's `Hasher` is seeded per process and could not be used.
public enum Bucketing {
    /// The number of buckets, as in GrowthBook and Statsig: fine enough for 0.01 % traffic steps.
    public static let bucketCount = 10_000

    /// The bucket of `userID` in an experiment salted with `salt`, in 0..<10,000.
    ///
    /// FNV-1a 64 over the UTF-8 bytes of "salt:userID" (the id in decimal), then the SplitMix64
    /// finaliser: FNV-1a alone leaves its low bits weakly mixed for ids that differ in their last
    /// digit, the finaliser spreads every input bit over the whole word. The bucket takes the high
    /// bits (⌊h · 10,000 / 2⁶⁴⌋), which is unbiased to 1 in 10¹⁵.
    public static func bucket(salt: String, userID: Int) -> Int {
        let hash = mix(fnv1a64(Array("\(salt):\(userID)".utf8)))
        return Int(hash.multipliedFullWidth(by: UInt64(bucketCount)).high)
    }

    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 output function (Steele, Lea, Flood 2014), a bijection with full avalanche.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
