#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The IMF-fixdate for the Date header, formatted once per second per loop.
struct HTTPDateCache {
    private var second: time_t = 0
    private(set) var bytes: [UInt8] = []

    mutating func current() -> [UInt8] {
        var now = time(nil)
        if now != second || bytes.isEmpty {
            second = now
            var parts = tm()
            gmtime_r(&now, &parts)
            bytes = Self.format(parts)
        }
        return bytes
    }

    static func format(_ parts: tm) -> [UInt8] {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        return Array(text.utf8)
    }
}
