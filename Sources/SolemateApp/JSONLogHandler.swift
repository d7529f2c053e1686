import Foundation
import JSON
import Logging
import UTCTime

/// A swift-log handler that writes one JSON object per line: what log collectors ingest without
/// a parsing rule, and what `jq` reads on a terminal.
///
/// Each line carries `ts` (ISO-8601 UTC), `level`, `logger`, `msg` and the record's metadata as
/// string fields. Lines are written whole with one `write(2)` so lines from concurrent threads
/// never interleave.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let fileDescriptor: Int32

    /// - Parameters:
    ///   - label: the logger's name, written as `logger`.
    ///   - level: records below it are dropped before any formatting work.
    ///   - fileDescriptor: where lines go; standard error by default, keeping standard output for
    ///     a command's own results.
    public init(label: String, level: Logger.Level = .info, fileDescriptor: Int32 = 2) {
        self.label = label
        self.logLevel = level
        self.fileDescriptor = fileDescriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Self.timestamp()), ("level", event.level.rawValue), ("logger", label), ("msg", "\(event.message)"),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            fields.append((key, "\(merged[key]!)"))
        }
        var line = JSONWriter()
        line.raw("{")
        for (position, (key, value)) in fields.enumerated() {
            if position > 0 { line.raw(",") }
            line.key(key)
            line.string(value)
        }
        line.raw("}\n")
        var bytes = line.bytes
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// `2026-11-23T05:14:07.123Z` (String(format:) showed in profiles of the per-request log line).
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UTCTimestamp.format(epochMilliseconds: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000))
    }
}

extension JSONLogHandler {
    /// Routes every logger of the process through this handler, once, at start-up.
    public static func bootstrap(level: Logger.Level = .info) {
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
    }
}
