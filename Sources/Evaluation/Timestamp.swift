import UTCTime

/// Timestamps as exact integer nanoseconds since 1970-01-01T00:00:00Z (PROTOCOL.md section 1), so
/// that the cut and every tie compare exactly; float64 seconds would round near 1.7e18 ns.
///
/// The parsing and formatting are ``UTCTimestamp``'s, shared with the service, so that both read a
/// timestamp the same way; this names the protocol's two forms.
enum Timestamp {
    static let nanosecondsPerSecond = UTCTimestamp.nanosecondsPerSecond

    /// Parses integer epoch seconds (`^-?[0-9]+$`) or ISO-8601: `2023-03-28`, `2023-03-28T19:15:30`,
    /// with `T` or a space, optional minutes-only time, fractional seconds up to nanoseconds, and
    /// `Z`, `+02:00`, `+0200` or `+02` as offset; none means UTC. Returns nil for anything else.
    static func nanoseconds(_ text: some Collection<UInt8>) -> Int64? {
        UTCTimestamp.nanoseconds(text, acceptingEpochSeconds: true)
    }

    /// Python's `datetime.isoformat()` of a UTC instant, as the reference writes it:
    /// `2023-10-20T22:53:28.400000+00:00`.
    static func isoString(_ nanoseconds: Int64) -> String {
        UTCTimestamp.pythonISOFormat(nanoseconds: nanoseconds)
    }
}
