/// An error from the PostgreSQL client: a small typed value, not a string.
///
/// The server's own words (message, detail, hint) are kept for logs and for callers that decide on
/// them, but `description` deliberately says only the kind and the SQLSTATE: an error that reaches a
/// response or a careless log line by accident never leaks database text, table names or values.
/// Use `debugDescription` where the whole text is wanted (operator logs).
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: String, Sendable {
        /// The connection could not be made, or broke: retrying on a new connection may succeed.
        case connection
        /// The server refused a statement; `sqlState` says why.
        case server
        /// A value could not be decoded as the requested Swift type.
        case decoding
        /// A parameter could not be encoded (for example text with a NUL byte).
        case encoding
        /// No connection became free in time.
        case poolTimeout
        /// The client was used after it was closed, or libpq answered something unexpected.
        case client
    }

    public var kind: Kind
    /// The five-character SQLSTATE for server errors (`23505` unique violation, ...).
    public var sqlState: SQLState?
    /// The server's or libpq's message. Never show it to a client.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The constraint a violation names, when the server says.
    public var constraint: String?
    /// The column a decoding error is about.
    public var column: String?

    public init(
        _ kind: Kind, sqlState: SQLState? = nil, message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.column = column
    }

    public var description: String {
        switch kind {
        case .server: "PostgreSQL server error (SQLSTATE \(sqlState?.code ?? "?????"))"
        case .connection: "PostgreSQL connection error"
        case .decoding: "PostgreSQL decoding error" + (column.map { " in column \"\($0)\"" } ?? "")
        case .encoding: "PostgreSQL parameter encoding error"
        case .poolTimeout: "PostgreSQL pool timeout: no connection became free"
        case .client: "PostgreSQL client error"
        }
    }

    public var debugDescription: String {
        var text = "\(description): \(message)"
        if let detail { text += " DETAIL: \(detail)" }
        if let hint { text += " HINT: \(hint)" }
        if let constraint { text += " CONSTRAINT: \(constraint)" }
        return text
    }

    /// Whether a new connection might succeed where this one failed (the server restarted, the
    /// network dropped, the server is shutting down).
    public var isConnectionFailure: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.code.hasPrefix("08") || sqlState == .adminShutdown || sqlState == .cannotConnectNow
            || sqlState == .crashShutdown
    }
}

/// A SQLSTATE code, with names for the ones the service acts on.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    public var code: String

    public init(_ code: String) { self.code = code }

    public var description: String { code }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let checkViolation = SQLState("23514")
    public static let notNullViolation = SQLState("23502")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let syntaxError = SQLState("42601")
    public static let undefinedTable = SQLState("42P01")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let crashShutdown = SQLState("57P02")
    public static let cannotConnectNow = SQLState("57P03")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")

    /// Class 23: the statement broke a constraint (the caller's data, not the server, is at fault).
    public var isIntegrityViolation: Bool { code.hasPrefix("23") }
}
