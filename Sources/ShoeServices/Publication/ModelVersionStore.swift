import Foundation
import PostgresClient
import Recommender
import UTCTime

/// Model versions published through PostgreSQL, as Gorse's master publishes to its blob store:
/// the archive first (chunk rows), then the pointer that names it, then a notification.
///
/// A trainer calls `publish`; a replica finds the newest pointer (`newest`, or a notification on
/// `channel`) and `load`s it beside what it serves. Only a pointer makes a version visible, and the
/// pointer is written after every chunk, in the transaction that also sends the NOTIFY: a replica
/// can never find a version whose bytes are still being written. A version a replica cannot read
/// whole and intact is refused (`ModelPublicationError`), never half-loaded.
public struct ModelVersionStore: Sendable {
    /// The channel `publish` notifies with the new version's id.
    public static let channel = "solemate_model_versions"
    /// Bytes per chunk row: large enough that a version of hundreds of MiB is a few hundred
    /// statements, small enough that one row never nears bytea's 1 GiB limit or a big allocation.
    public static let defaultChunkSize = 4 << 20

    let pool: PostgresPool
    let chunkSize: Int

    public init(pool: PostgresPool, chunkSize: Int = ModelVersionStore.defaultChunkSize) {
        self.pool = pool
        self.chunkSize = max(1, chunkSize)
    }

    /// Writes `version`'s archive in chunks, then its pointer and the notification in one
    /// transaction, then prunes (keeping the newest `keeping` and every pinned version). Publishing
    /// a version already published changes nothing and answers its pointer.
    ///
    /// - Throws: `ModelArchiveError` when a model cannot be archived, `PostgresError` when the
    ///   database cannot be written (nothing visible is left behind: chunks without a pointer are
    ///   invisible, and pruned later).
    @discardableResult
    public func publish(_ version: ModelVersion, keeping: Int) throws -> PublishedVersion {
        if let done = try pointer(id: version.id) { return done }
        let bytes = try version.archived()
        let checksum = CRC32C.checksum(bytes)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { $0..<min(bytes.count, $0 + chunkSize) }
        let published = try pool.withConnection { connection in
            // A retry of a publication that failed half-way finds its own chunks: replace them.
            try connection.execute("DELETE FROM model_version_chunks WHERE version = $1", [version.id])
            for (seq, range) in chunks.enumerated() {
                try connection.execute(
                    "INSERT INTO model_version_chunks (version, seq, data) VALUES ($1, $2, $3)",
                    [version.id, seq, PostgresBytes(Array(bytes[range]))])
            }
            return try connection.transaction { connection in
                let row = try connection.query("""
                    INSERT INTO model_versions (version, format, byte_count, chunk_count, crc32c, trained_at, events)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    RETURNING published_seq, published_at
                    """, [version.id, Int(ModelArchive.formatVersion), bytes.count, chunks.count, Int64(checksum),
                          version.trainedAt, version.eventCount])
                try connection.notify(Self.channel, payload: version.id)
                return PublishedVersion(
                    id: version.id, sequence: try row[0].decode(Int64.self, at: 0), format: ModelArchive.formatVersion,
                    byteCount: bytes.count, chunkCount: chunks.count, checksum: checksum, trainedAt: version.trainedAt,
                    publishedAt: try row[0].decode(Date.self, at: 1))
            }
        }
        try prune(keeping: keeping)
        return published
    }

    /// The newest published version's pointer, or nil when none was ever published.
    public func newest() throws -> PublishedVersion? {
        try pool.withConnection { try Self.pointers($0, "ORDER BY published_seq DESC LIMIT 1", []).first }
    }

    /// The pointer of the version `id`, or nil when it is not (or no longer) published.
    public func pointer(id: String) throws -> PublishedVersion? {
        try pool.withConnection { try Self.pointers($0, "WHERE version = $1", [id]).first }
    }

    /// The pointers kept, newest first.
    public func published() throws -> [PublishedVersion] {
        try pool.withConnection { try Self.pointers($0, "ORDER BY published_seq DESC", []) }
    }

    /// Reads a published version whole, chunk by chunk, and checks it before parsing: every chunk
    /// there, the byte count and the CRC-32C the pointer recorded, then the archive's own format
    /// and checksum, then every model's shapes.
    ///
    /// - Throws: `ModelPublicationError` for a version that is not whole and intact (the caller
    ///   keeps serving what it has), `PostgresError` when the database cannot be read.
    public func load(_ pointer: PublishedVersion) throws -> ModelVersion {
        guard pointer.format == ModelArchive.formatVersion else {
            throw ModelPublicationError.refused(pointer.id, ModelArchiveError.unsupportedFormat(
                found: pointer.format, supported: ModelArchive.formatVersion).description)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pointer.byteCount)
        var crc = CRC32C()
        try pool.withConnection { connection in
            for seq in 0..<pointer.chunkCount {
                let rows = try connection.query(
                    "SELECT data FROM model_version_chunks WHERE version = $1 AND seq = $2", [pointer.id, seq])
                guard let row = rows.first else {
                    throw ModelPublicationError.refused(pointer.id, "chunk \(seq) of \(pointer.chunkCount) is missing")
                }
                let chunk = try row.decode([UInt8].self, at: 0)
                chunk.withUnsafeBytes { crc.update($0) }
                bytes += chunk
                guard bytes.count <= pointer.byteCount else {
                    throw ModelPublicationError.refused(pointer.id, "more bytes than the \(pointer.byteCount) published")
                }
            }
        }
        guard bytes.count == pointer.byteCount else {
            throw ModelPublicationError.refused(pointer.id, "\(bytes.count) bytes of the \(pointer.byteCount) published")
        }
        guard crc.value == pointer.checksum else {
            throw ModelPublicationError.refused(pointer.id, "CRC-32C \(String(crc.value, radix: 16)), published \(String(pointer.checksum, radix: 16))")
        }
        do {
            let version = try ModelVersion(archive: bytes)
            guard version.id == pointer.id else { throw ModelPublicationError.refused(pointer.id, "the archive holds version \(version.id)") }
            return version
        } catch let error as ModelArchiveError {
            throw ModelPublicationError.refused(pointer.id, error.description)
        }
    }

    /// Deletes every version but the newest `keeping` and those an experiment still running pins,
    /// and chunks no pointer names that are over an hour old (a trainer that died half-way; a
    /// publication in progress is younger). Answers the pointers deleted.
    @discardableResult
    public func prune(keeping: Int) throws -> [String] {
        try pool.withTransaction { connection in
            let gone = try connection.query("""
                DELETE FROM model_versions
                WHERE version NOT IN (SELECT version FROM model_versions ORDER BY published_seq DESC LIMIT $1)
                  AND version NOT IN (
                      SELECT a.model_version FROM experiment_arms a JOIN experiments e ON e.id = a.experiment_id
                      WHERE e.status = 'running' AND a.model_version IS NOT NULL)
                RETURNING version
                """, [max(1, keeping)]).map { try $0.decode(String.self, at: 0) }
            try connection.execute("""
                DELETE FROM model_version_chunks c
                WHERE c.version = ANY($1::text[])
                   OR (c.written_at < now() - interval '1 hour'
                       AND NOT EXISTS (SELECT 1 FROM model_versions v WHERE v.version = c.version))
                """, [gone])
            return gone
        }
    }

    private static func pointers(_ connection: PostgresConnection, _ clause: String, _ parameters: [any PostgresEncodable]) throws
        -> [PublishedVersion]
    {
        try connection.query("""
            SELECT version, published_seq, format, byte_count, chunk_count, crc32c, trained_at, published_at
            FROM model_versions \(clause)
            """, parameters).map { row in
            PublishedVersion(
                id: try row.decode(String.self, at: 0), sequence: try row.decode(Int64.self, at: 1),
                format: UInt32(clamping: try row.decode(Int.self, at: 2)), byteCount: try row.decode(Int.self, at: 3),
                chunkCount: try row.decode(Int.self, at: 4), checksum: UInt32(truncatingIfNeeded: try row.decode(Int64.self, at: 5)),
                trainedAt: try row.decode(Date.self, at: 6), publishedAt: try row.decode(Date.self, at: 7))
        }
    }
}

/// A published version's pointer row: what a replica needs to find, fetch and check its bytes.
public struct PublishedVersion: Sendable, Equatable {
    public var id: String
    /// Publication order: the newest version has the highest.
    public var sequence: Int64
    public var format: UInt32
    public var byteCount: Int
    public var chunkCount: Int
    /// CRC-32C of the whole archive.
    public var checksum: UInt32
    public var trainedAt: Date
    public var publishedAt: Date
}

/// Why a published version was not loaded. The version is refused as a whole; what was served
/// before goes on being served.
public enum ModelPublicationError: Error, CustomStringConvertible {
    /// Incomplete, corrupt, of another format, or inconsistent: the version id and what was wrong.
    case refused(String, String)

    public var description: String {
        switch self {
        case .refused(let id, let reason): "model version \(id) refused: \(reason)"
        }
    }
}
