import Testing
@testable import Evaluation

@Suite("Timestamps are exact integer nanoseconds")
struct TimestampTests {
    private func ns(_ text: String) -> Int64? { Timestamp.nanoseconds(Array(text.utf8)) }

    @Test("integer epoch seconds, negative too")
    func epochSeconds() {
        #expect(ns("1680030930") == 1_680_030_930_000_000_000)
        #expect(ns(" -1 ") == -1_000_000_000)
        #expect(ns("0") == 0)
    }

    @Test("ISO-8601 with Z, an offset or no offset (UTC) give the same instant")
    func isoForms() {
        let utc: Int64 = 1_680_030_930_000_000_000  // 2023-03-28T19:15:30Z
        #expect(ns("2023-03-28T19:15:30Z") == utc)
        #expect(ns("2023-03-28T19:15:30") == utc)
        #expect(ns("2023-03-28 19:15:30") == utc)
        #expect(ns("2023-03-28T21:15:30+02:00") == utc)
        #expect(ns("2023-03-28T21:15:30+0200") == utc)
        #expect(ns("2023-03-28T21:15:30+02") == utc)
        #expect(ns("2023-03-28T14:15:30-05:00") == utc)
        #expect(ns("2023-03-28T19:15Z") == utc - 30_000_000_000)
    }

    @Test("a date alone is midnight UTC")
    func dateOnly() {
        #expect(ns("2023-03-28") == 1_679_961_600_000_000_000)
        #expect(ns("1970-01-01") == 0)
        #expect(ns("1969-12-31") == -86_400_000_000_000)
        #expect(ns("2000-02-29") == 951_782_400_000_000_000)
    }

    @Test("fractional seconds are exact to the nanosecond")
    func fractions() {
        #expect(ns("1970-01-01T00:00:00.4Z") == 400_000_000)
        #expect(ns("1970-01-01T00:00:01.000000001Z") == 1_000_000_001)
        #expect(ns("2023-10-20T22:53:28.400000+00:00") == 1_697_842_408_400_000_000)
    }

    @Test("anything else is refused")
    func invalid() {
        for text in ["", "yesterday", "2023-13-01", "2023-02-30", "2023-03-28T25:00:00Z", "2023-03-28T19:15:30+2",
                     "2023-03-28T19:15:30.Z", "2023-03-28T19:15:30.1234567891Z", "12.5", "2023-03-28T19:15:30Q"] {
            #expect(ns(text) == nil, "\(text)")
        }
    }

    @Test("written back as Python's isoformat in UTC")
    func isoString() {
        #expect(Timestamp.isoString(1_697_842_408_400_000_000) == "2023-10-20T22:53:28.400000+00:00")
        #expect(Timestamp.isoString(1_702_488_227_000_000_000) == "2023-12-13T17:23:47+00:00")
        #expect(Timestamp.isoString(-1) == "1969-12-31T23:59:59.999999999+00:00")
    }
}
