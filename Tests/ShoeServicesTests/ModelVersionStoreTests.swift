import Foundation
import PostgresClient
import Recommender
import ShoeServices
import Testing
import TestSupport

/// Publication through PostgreSQL: chunks first, then the pointer; a replica loads only a whole,
/// intact version; pruning keeps the newest and the pinned.
@Suite("Model versions published through PostgreSQL")
struct ModelVersionStoreTests {
    /// The small version of the serving tests under another id.
    static func version(_ id: String) throws -> ModelVersion {
        let base = try ServingConfigurationTests.version(id)
        return ModelVersion(
            id: id, trainedAt: Date(timeIntervalSince1970: 1_800_000_000), trainingSeconds: 1, eventCount: base.eventCount,
            userCount: base.userCount, shoeIDs: base.shoeIDs, itemTexts: base.itemTexts, models: base.models)
    }

    static func withStore(chunkSize: Int = 1_000, _ body: (ModelVersionStore, PostgresConnection) throws -> Void) throws {
        try TestDatabase.with(migrated: true) { database in
            let pool = PostgresPool(configuration: .init(url: database.url, maxConnections: 2))
            defer { pool.shutdown() }
            let connection = try database.connect()
            defer { connection.close() }
            try body(ModelVersionStore(pool: pool, chunkSize: chunkSize), connection)
        }
    }

    @Test("a published version is found as the newest and loads as the same version, in many chunks")
    func publishAndLoad() throws {
        try Self.withStore { store, connection in
            #expect(try store.newest() == nil)
            let published = try store.publish(try Self.version("v1"), keeping: 3)
            #expect(published.chunkCount > 1 && published.chunkCount == (published.byteCount + 999) / 1_000)
            #expect(published.format == ModelArchive.formatVersion)
            #expect(try store.newest() == published)
            #expect(try store.publish(try Self.version("v1"), keeping: 3) == published, "publishing again changes nothing")
            let loaded = try store.load(published)
            let user = [ItemWeight(item: 0, weight: 5)]
            #expect(loaded.id == "v1")
            let original = try Self.version("v1")
            for name in loaded.modelNames {
                let a = try loaded.model(named: name).recommend(history: user, k: 3, excluding: [])
                let b = try original.model(named: name).recommend(history: user, k: 3, excluding: [])
                #expect(a == b, "\(name)")
            }
            let chunks = try connection.query("SELECT count(*) FROM model_version_chunks WHERE version = 'v1'")[0].decode(Int.self, at: 0)
            #expect(chunks == published.chunkCount)
        }
    }

    @Test("a version with a chunk missing, a byte changed or another format is refused by name")
    func damagedVersionsAreRefused() throws {
        try Self.withStore { store, connection in
            let published = try store.publish(try Self.version("v1"), keeping: 3)
            func refusal(_ pointer: PublishedVersion) -> String? {
                do {
                    _ = try store.load(pointer)
                    return nil
                } catch {
                    return (error as? ModelPublicationError)?.description
                }
            }
            var longer = published
            longer.chunkCount += 1
            #expect(refusal(longer)?.contains("chunk \(published.chunkCount) of") == true)
            var future = published
            future.format = ModelArchive.formatVersion + 1
            #expect(refusal(future)?.contains("format") == true)
            try connection.execute("UPDATE model_version_chunks SET data = set_byte(data, 7, (get_byte(data, 7) + 1) % 256) WHERE seq = 1")
            #expect(refusal(published)?.contains("CRC-32C") == true)
        }
    }

    @Test("pruning keeps the newest N and a version a running experiment pins, and drops the rest with their chunks")
    func pruningKeepsNewestAndPinned() throws {
        try Self.withStore(chunkSize: 1 << 20) { store, connection in
            try connection.execute("""
                WITH e AS (INSERT INTO experiments (name, surface, salt, traffic_percent) VALUES ('pin', 'recommendations', 's', 100) RETURNING id)
                INSERT INTO experiment_arms (experiment_id, arm, name, model, weight, model_version)
                SELECT id, 0, 'old', 'hybrid', 1, 'v1' FROM e
                """)
            for index in 1...5 { try store.publish(try Self.version("v\(index)"), keeping: 2) }
            #expect(try store.published().map(\.id) == ["v5", "v4", "v1"])
            let chunkVersions = try connection.query("SELECT DISTINCT version FROM model_version_chunks ORDER BY version").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(chunkVersions == ["v1", "v4", "v5"])
            try connection.execute("UPDATE experiments SET status = 'stopped', stopped_at = now()")
            #expect(try store.prune(keeping: 2) == ["v1"])
        }
    }
}
