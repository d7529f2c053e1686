#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UTCTime

/// The IMF-fixdate for the Date header, formatted once per second per loop.
struct HTTPDateCache {
    private var second: time_t = 0
    private(set) var bytes: [UInt8] = []

    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second || bytes.isEmpty {
            second = now
            bytes = Array(UTCTimestamp.httpDate(epochSeconds: Int64(now)).utf8)
        }
        return bytes
    }
}
