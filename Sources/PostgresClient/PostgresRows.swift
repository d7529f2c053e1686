import CLibPQ
import Foundation

/// The rows one statement returned, in binary form, owned until the last reference goes.
///
/// Rows are read through `PostgresRow.decode`, which checks each column's type OID against the
/// Swift type asked for.
public final class PostgresRows: Sequence {
    let result: OpaquePointer?
    /// Number of rows returned.
    public let count: Int
    /// Rows inserted, updated or deleted (from the command tag), 0 for other statements.
    public let affectedRowCount: Int
    /// Column names, in order.
    public let columnNames: [String]
    /// The command tag (`INSERT 0 3`, `COMMIT`, `ROLLBACK`, ...).
    public let commandTag: String

    init(checking result: OpaquePointer?, connection: PostgresConnection) throws {
        guard let result else {
            throw connection.connectionError()
        }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            break
        default:
            let error = PostgresRows.error(from: result, connection: connection)
            PQclear(result)
            throw error
        }
        self.result = result
        count = Int(PQntuples(result))
        affectedRowCount = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        // COPY results have fields but no field names: libpq answers NULL for them.
        columnNames = (0..<PQnfields(result)).map { PQfname(result, $0).map { String(cString: $0) } ?? "" }
        commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
    }

    deinit { PQclear(result) }

    /// The server's error fields as a typed value; a result without SQLSTATE means the connection
    /// itself failed.
    static func error(from result: OpaquePointer, connection: PostgresConnection) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let message = field(CLIBPQ_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let state = field(CLIBPQ_DIAG_SQLSTATE) else {
            return PostgresError(.connection, message: message.isEmpty ? "connection lost" : message)
        }
        let error = PostgresError(
            .server, sqlState: SQLState(state), message: message, detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
            hint: field(CLIBPQ_DIAG_MESSAGE_HINT), constraint: field(CLIBPQ_DIAG_CONSTRAINT_NAME))
        return connection.isUsable ? error : PostgresError(
            .connection, sqlState: error.sqlState, message: message, detail: error.detail)
    }

    public subscript(index: Int) -> PostgresRow {
        precondition(index >= 0 && index < count, "row index \(index) out of 0..<\(count)")
        return PostgresRow(rows: self, index: Int32(index))
    }

    /// The first row, or nil when there is none.
    public var first: PostgresRow? { count > 0 ? self[0] : nil }

    public func makeIterator() -> AnyIterator<PostgresRow> {
        var next = 0
        return AnyIterator {
            guard next < self.count else { return nil }
            defer { next += 1 }
            return self[next]
        }
    }

    /// The position of a column, or a decoding error naming it.
    func columnIndex(_ name: String) throws -> Int32 {
        guard let index = columnNames.firstIndex(of: name) else {
            throw PostgresError(.decoding, message: "no column named \(name)", column: name)
        }
        return Int32(index)
    }
}

/// One row of a result; valid while its `PostgresRows` lives.
public struct PostgresRow {
    let rows: PostgresRows
    let index: Int32

    /// Decodes column `column` (0-based) as `T`; a NULL decodes only into an Optional.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        let field = Int32(column)
        guard let result = rows.result, field >= 0, field < Int32(rows.columnNames.count) else {
            throw PostgresError(.decoding, message: "no column at position \(column)", column: "#\(column)")
        }
        let name = rows.columnNames[column]
        if PQgetisnull(result, index, field) == 1 {
            return try T.decodeNull(column: name)
        }
        let length = Int(PQgetlength(result, index, field))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, index, field), count: length)
        return try T.decode(PostgresValue(bytes: bytes, type: PQftype(result, field), column: name))
    }

    /// Decodes the column named `name` as `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try decode(type, at: Int(rows.columnIndex(name)))
    }
}
