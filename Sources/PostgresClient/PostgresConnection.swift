import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq.
///
/// Statements are always sent with `PQexecParams`: values travel as parameters, never pasted into
/// SQL, and libpq refuses several statements in one call. Results come back in binary form and are
/// decoded with their type OIDs checked (see `PostgresDecodable`), so a schema change shows up as a
/// clear error naming the column instead of a silently wrong value.
///
/// Calls block the calling thread. Prefer `PostgresPool`, which hands a connection to one borrower
/// at a time and replaces connections that broke.
public final class PostgresConnection: @unchecked Sendable {
    // @unchecked Sendable: libpq is thread-safe per connection, not per call. A connection is only
    // ever used by one thread at a time: the pool hands it to exactly one borrower, and the
    // borrower's closure runs to completion before the connection goes back.
    let handle: OpaquePointer
    private var closed = false

    /// Connects to `url`: a `postgres://` URL or a libpq conninfo string (`host=... dbname=...`).
    /// - Parameters:
    ///   - url: the connection string; anything libpq accepts as `dbname` with expansion.
    ///   - applicationName: shown in `pg_stat_activity`, so operators can tell our connections apart.
    ///   - connectTimeoutSeconds: bounds how long an unreachable server can stall the caller.
    public init(url: String, applicationName: String = "solemate", connectTimeoutSeconds: Int = 5) throws {
        // PQconnectdbParams needs non-NULL, NULL-terminated keyword and value arrays.
        let pairs = [
            ("dbname", url),
            ("fallback_application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ]
        let keywords = pairs.map { strdup($0.0) } + [nil]
        let values = pairs.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection: OpaquePointer? = keywords.withUnsafeBufferPointer { keywordBuffer in
            values.withUnsafeBufferPointer { valueBuffer in
                keywordBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { k in
                    valueBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { v in
                        PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
                    }
                }
            }
        }
        guard let connection else {
            throw PostgresError(.connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw PostgresError(.connection, message: message)
        }
        // Server notices ("relation already exists, skipping") would go to standard error
        // unformatted; they are informational, so drop them rather than interleave them with logs.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit {
        if !closed { PQfinish(handle) }
    }

    /// Closes the connection now rather than when the last reference goes.
    public func close() {
        guard !closed else { return }
        closed = true
        PQfinish(handle)
    }

    /// False once libpq saw the connection break (server restart, network loss). A broken
    /// connection never recovers: the pool throws it away and opens a new one.
    public var isUsable: Bool {
        guard !closed else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Reads anything the server sent while the connection sat idle. A server that shut down or
    /// restarted has closed the socket; after this call `isUsable` says so, without a round trip.
    func pollForServerClose() {
        guard !closed, PQstatus(handle) == CONNECTION_OK else { return }
        _ = PQconsumeInput(handle)
    }

    /// The server's backend process id, useful in tests and logs.
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Runs one parameterised statement and returns its rows.
    ///
    /// - Parameters:
    ///   - sql: one statement with `$1, $2, ...` placeholders.
    ///   - parameters: the values for the placeholders, in order; `nil` (an Optional) is SQL NULL.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> PostgresRows {
        try checkOpen()
        if parameters.contains(where: { $0.postgresBinary != nil }) { return try queryWithBinary(sql, parameters) }
        let texts = try parameters.map { try $0.postgresText() }
        let result: OpaquePointer? = try withCStrings(texts) { pointers in
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 1)
        }
        return try PostgresRows(checking: result, connection: self)
    }

    /// `query` with some parameters in binary form (`PostgresBytes`): each binary one is passed by
    /// pointer and length, format 1; the others as text.
    private func queryWithBinary(_ sql: String, _ parameters: [any PostgresEncodable]) throws -> PostgresRows {
        let binaries = parameters.map(\.postgresBinary)
        // An empty binary value still needs a non-NULL pointer (NULL is SQL NULL): "" gives one.
        let texts = try parameters.enumerated().map { index, parameter -> String? in
            guard let bytes = binaries[index] else { return try parameter.postgresText() }
            return bytes.isEmpty ? "" : nil
        }
        let lengths = binaries.map { Int32($0?.count ?? 0) }
        let formats = binaries.map { Int32($0 == nil ? 0 : 1) }
        let result: OpaquePointer? = try withCStrings(texts) { textPointers in
            withBinaryPointers(binaries, over: textPointers) { pointers in
                PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, lengths, formats, 1)
            }
        }
        return try PostgresRows(checking: result, connection: self)
    }

    /// Runs one parameterised statement that returns no rows; answers how many rows it touched.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try query(sql, parameters).affectedRowCount
    }

    /// Runs a script of several statements with the simple-query protocol.
    ///
    /// Only for SQL that ships with the program (migrations, schema files): it takes no parameters,
    /// so it can never carry a user's value.
    public func executeScript(trustedSQL sql: String) throws {
        try checkOpen()
        // PQexec answers the last statement's result; it stops at the first failing statement.
        _ = try PostgresRows(checking: PQexec(handle, sql), connection: self)
    }

    func checkOpen() throws {
        guard !closed else { throw PostgresError(.client, message: "connection used after close()") }
    }

    /// The error libpq holds for the connection, as a typed value.
    func connectionError() -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(.connection, message: message.isEmpty ? "connection lost" : message)
    }
}

/// Calls `body` with `pointers` where each non-empty binary value's bytes replace its entry, every
/// pointer valid only inside `body` (one nested `withUnsafeBufferPointer` per binary value).
func withBinaryPointers<R>(
    _ binaries: [[UInt8]?], over pointers: [UnsafePointer<CChar>?], from index: Int = 0,
    _ body: ([UnsafePointer<CChar>?]) -> R
) -> R {
    guard index < binaries.count else { return body(pointers) }
    guard let bytes = binaries[index], !bytes.isEmpty else {
        return withBinaryPointers(binaries, over: pointers, from: index + 1, body)
    }
    return bytes.withUnsafeBufferPointer { buffer in
        var replaced = pointers
        replaced[index] = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        return withBinaryPointers(binaries, over: replaced, from: index + 1, body)
    }
}

/// Calls `body` with NUL-terminated copies of `strings` (nil stays a NULL pointer, which libpq
/// reads as SQL NULL). The pointers are valid only inside `body`.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> R) throws -> R {
    var owned: [UnsafeMutablePointer<CChar>?] = []
    owned.reserveCapacity(strings.count)
    defer { owned.forEach { free($0) } }
    for string in strings {
        guard let string else {
            owned.append(nil)
            continue
        }
        if string.utf8.contains(0) {
            throw PostgresError(.encoding, message: "a text parameter contains a NUL byte")
        }
        owned.append(strdup(string))
    }
    return try body(owned.map { UnsafePointer($0) })
}
