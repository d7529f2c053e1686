import CLibPQ

extension PostgresConnection {
    /// Streams rows into the server with `COPY ... FROM STDIN`, the fastest way to load bulk data.
    ///
    /// `body` writes the COPY data (in the format the statement names) through the writer. If it
    /// throws, the COPY is aborted on the server, nothing of it is kept, and the error is rethrown.
    /// - Returns: the number of rows the server copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyInWriter) throws -> Void) throws -> Int {
        try checkOpen()
        _ = try PostgresRows(checking: PQexec(handle, sql), connection: self)
        var writer = CopyInWriter(connection: self)
        var failure: (any Error)?
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            failure = error
        }
        let ended = failure == nil
            ? PQputCopyEnd(handle, nil)
            : PQputCopyEnd(handle, "aborted by the client")
        var copied = 0
        var serverError: (any Error)?
        while let result = PQgetResult(handle) {
            do {
                copied = try PostgresRows(checking: result, connection: self).affectedRowCount
            } catch {
                serverError = serverError ?? error
            }
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        if ended != 1 { throw connectionError() }
        return copied
    }

    /// Streams the rows of `COPY ... TO STDOUT` to `row`, one call per row, without holding the
    /// whole result in memory.
    ///
    /// The bytes passed to `row` are valid only during the call. If `row` throws, the rest of
    /// the stream is drained (the connection stays usable) and the error is rethrown.
    /// - Returns: the number of rows received.
    @discardableResult
    public func copyOut(_ sql: String, row: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try checkOpen()
        _ = try PostgresRows(checking: PQexec(handle, sql), connection: self)
        var rows = 0
        var failure: (any Error)?
        var buffer: UnsafeMutablePointer<CChar>?
        while true {
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }
            if length == -2 { failure = failure ?? connectionError(); break }
            defer { PQfreemem(buffer) }
            guard failure == nil, let buffer else { continue }
            do {
                try row(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                rows += 1
            } catch {
                failure = error
            }
        }
        var serverError: (any Error)?
        while let result = PQgetResult(handle) {
            do { _ = try PostgresRows(checking: result, connection: self) } catch { serverError = serverError ?? error }
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        return rows
    }
}

/// Buffers COPY data and hands it to libpq in large pieces: one `PQputCopyData` per row would
/// cost a call and a possible socket write each.
public struct CopyInWriter {
    let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 18

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Appends raw COPY bytes.
    public mutating func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw connection.connectionError() }
        buffer.removeAll(keepingCapacity: true)
    }
}
