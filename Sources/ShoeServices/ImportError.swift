import CSV

/// Why an import stopped, and where: the file, the 1-based line and the column's name.
///
/// Nothing is written when an import stops: validation runs before the one transaction that
/// writes, and any database error inside it rolls everything back.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String?
    public var reason: String

    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    init(_ error: CSVReadError, file: String, header: [String]) {
        let column = error.column.flatMap { $0 >= 1 && $0 <= header.count ? header[$0 - 1] : nil }
        self.init(file: file, line: error.line, column: column, reason: error.description)
    }

    public var description: String {
        "\(file):\(line)" + (column.map { " column \($0)" } ?? "") + ": \(reason)"
    }
}
