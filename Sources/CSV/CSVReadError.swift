/// Why a CSV file could not be read, and where: the file, the 1-based line and, where one applies,
/// the 1-based column (field number), so an importer can say "interactions.csv:12:3: ...".
///
/// Named `CSVReadError` (not `CSVError`) so the reader and the writer of this target each own their
/// error type.
public struct CSVReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or read; the reason is the system's.
        case unreadable(reason: String)
        /// The file has no header row (it is empty, or holds only blank lines).
        case missingHeader
        /// A column the caller needs is not in the header.
        case missingColumn(String)
        /// A quoted field runs to the end of the file; `line` is where the quote opened.
        case unterminatedQuote
        /// A quote inside an unquoted field, or text after a quoted field's closing quote.
        case strayQuote
        /// A record has a different number of fields than the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A field that should hold an integer does not.
        case invalidInteger(String)
        /// A field that should hold a number does not.
        case invalidNumber(String)
    }

    public var kind: Kind
    /// The file's name or path as the caller gave it.
    public var source: String
    /// 1-based line number in the file; 0 for errors about the whole file.
    public var line: Int
    /// 1-based field number, if the error is about one field.
    public var column: Int?

    public init(_ kind: Kind, source: String, line: Int, column: Int? = nil) {
        self.kind = kind
        self.source = source
        self.line = line
        self.column = column
    }

    public var description: String {
        var place = source
        if line > 0 { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }

    private var message: String {
        switch kind {
        case .unreadable(let reason): return "cannot read the file (\(reason))"
        case .missingHeader: return "no header row"
        case .missingColumn(let name): return "no column named \"\(name)\" in the header"
        case .unterminatedQuote: return "quoted field is never closed"
        case .strayQuote: return "stray quote: a field's quotes must enclose the whole field"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .invalidInteger(let text): return "not an integer: \"\(text)\""
        case .invalidNumber(let text): return "not a number: \"\(text)\""
        }
    }
}
