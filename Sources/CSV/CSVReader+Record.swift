/// One record of a CSV file: its fields as ranges of the file's bytes, and where it starts.
///
/// Cheap to make (no string is built until asked for) and safe to keep: it shares the file's
/// storage, so holding records keeps the file's bytes alive.
public struct CSVRecord: Sendable {
    /// The file's name as given to the reader.
    public let source: String
    /// 1-based line of the file on which the record starts (a quoted field may span more lines).
    public let line: Int
    let bytes: [UInt8]
    let spans: [CSVField.Span]

    /// Number of fields (equal to the header's for every record the reader returns).
    public var count: Int { spans.count }

    /// The field at a 0-based column index.
    public subscript(column: Int) -> CSVField {
        CSVField(bytes: bytes, span: spans[column])
    }

    /// The field's text, as is (not trimmed).
    public func string(_ column: Int) -> String {
        self[column].string
    }

    /// The field as a decimal integer (surrounding white space allowed), or an error naming file, line and column.
    public func int(_ column: Int) throws(CSVReadError) -> Int {
        let field = self[column]
        guard let value = field.int else {
            throw CSVReadError(.invalidInteger(field.string), source: source, line: line, column: column + 1)
        }
        return value
    }

    /// The field as a floating-point number (surrounding white space allowed), or an error naming file, line and column.
    public func double(_ column: Int) throws(CSVReadError) -> Double {
        let field = self[column]
        guard let value = field.double else {
            throw CSVReadError(.invalidNumber(field.string), source: source, line: line, column: column + 1)
        }
        return value
    }

    /// An error about one of this record's fields, for checks the reader cannot know (an unknown
    /// event name, an id out of range): it names this record's file, line and column.
    public func error(_ kind: CSVReadError.Kind, column: Int) -> CSVReadError {
        CSVReadError(kind, source: source, line: line, column: column + 1)
    }
}
