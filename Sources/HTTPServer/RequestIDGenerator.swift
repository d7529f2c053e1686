/// Request ids: the client's `X-Request-Id` when it is short and plain, else a fresh one made of
/// a random per-loop prefix and a counter (unique per process run, no syscall per request).
struct RequestIDGenerator {
    private let prefix: String
    private var counter: UInt64 = 0

    init(loopIndex: Int) {
        let random = UInt64.random(in: 0...UInt64(UInt32.max))
        prefix = String(random, radix: 16) + "-" + String(loopIndex, radix: 16) + "-"
    }

    mutating func resolve(_ offered: String?) -> String {
        if let offered, Self.isAcceptable(offered) { return offered }
        counter &+= 1
        return prefix + String(counter, radix: 16)
    }

    /// 1...128 characters of letters, digits and `-_.:`; anything else could forge log lines.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
    }
}
