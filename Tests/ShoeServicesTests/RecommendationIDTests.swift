import Foundation
import ShoeServices
import Testing

/// Recommendation ids are what the storefront echoes with its events and what the exposure log is
/// indexed by: UUIDs that sort by the time they were made.
@Suite("Recommendation ids")
struct RecommendationIDTests {
    @Test("an id is a lowercase version-7 UUID whose first 48 bits are the time in milliseconds")
    func versionSevenLayout() throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000.123)
        let id = Exposure.newID(at: now)
        let uuid = try #require(UUID(uuidString: id))
        #expect(id == id.lowercased())
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_764_000_000_123)
        #expect(bytes[6] >> 4 == 7, "version 7")
        #expect(bytes[8] >> 6 == 0b10, "RFC 9562 variant")
    }

    @Test("ids made later sort after earlier ones, and ids of one millisecond differ")
    func sortByTime() {
        let start = Date(timeIntervalSince1970: 1_764_000_000)
        let ids = (0..<1_000).map { Exposure.newID(at: start.addingTimeInterval(Double($0) / 100)) }
        #expect(zip(ids, ids.dropFirst()).filter { $0 >= $1 }.allSatisfy { a, b in a.prefix(13) == b.prefix(13) },
                "out of order only within one millisecond")
        #expect(ids.map { $0.prefix(13) } == ids.map { $0.prefix(13) }.sorted())
        #expect(Set((0..<100).map { _ in Exposure.newID(at: start) }).count == 100)
    }
}
