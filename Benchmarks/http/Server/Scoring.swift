// The Hummingbird yardstick builds this same file (a symbolic link in HBBench/Sources/HBBench): both servers do the same work.

/// 2,000 items x 64 factors from a fixed linear congruential generator, scored against a user
/// vector with plain multiply-add loops (no SIMD addProduct: it becomes per-lane fmaf calls here).
struct ScoringModel: Sendable {
    static let itemCount = 2_000
    static let factorCount = 64

    let items: [Float]

    init() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var items = [Float](repeating: 0, count: Self.itemCount * Self.factorCount)
        for index in items.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            items[index] = Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
        }
        self.items = items
    }

    func userVector(_ user: Int) -> [Float] {
        var state = UInt64(truncatingIfNeeded: user) &+ 0x1234_5678
        return (0..<Self.factorCount).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
        }
    }

    /// The ten best items for `user`, best first.
    func topTen(for user: Int) -> [ScoredItem] {
        let vector = userVector(user)
        var best: [ScoredItem] = []
        best.reserveCapacity(11)
        items.withUnsafeBufferPointer { items in
            vector.withUnsafeBufferPointer { vector in
                for item in 0..<Self.itemCount {
                    let row = item * Self.factorCount
                    var score: Float = 0
                    for factor in 0..<Self.factorCount {
                        score = score + items[row + factor] * vector[factor]
                    }
                    if best.count < 10 || score > best[best.count - 1].score {
                        var position = best.count
                        while position > 0 && best[position - 1].score < score { position -= 1 }
                        best.insert(ScoredItem(item: item, score: score), at: position)
                        if best.count > 10 { best.removeLast() }
                    }
                }
            }
        }
        return best
    }
}

struct ScoredItem: Codable, Sendable {
    var item: Int
    var score: Float
}

struct Recommendations: Codable, Sendable {
    var user: Int
    var items: [ScoredItem]
}
