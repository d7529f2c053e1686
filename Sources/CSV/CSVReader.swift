import Foundation

/// Reads an RFC 4180 CSV file (UTF-8) record by record, straight from its bytes.
///
/// Why bytes: the importer and the evaluation read files of a million rows, so the reader keeps the
/// whole file as one `[UInt8]`, hands out fields as ranges of it, and makes a `String` only when a
/// caller asks for one. Fields may be `"..."`-quoted (holding commas, line breaks and `""` for a
/// quote); lines end in LF, CRLF or CR; blank lines are skipped; a UTF-8 byte order mark is ignored.
/// The first row is the header, and columns are found by name so files may order them freely.
///
///     var reader = try CSVReader(contentsOfFile: "interactions.csv")
///     let user = try reader.column(named: "user_id")
///     while let record = try reader.next() {
///         let id = record[user].string          // or try record.int(user), try record.double(user)
///         ...                                   // record.line is the record's line in the file
///     }
public struct CSVReader: Sendable {
    /// The file's name as the caller gave it; every error and record carries it.
    public let source: String
    /// The header's names, trimmed of surrounding white space.
    public let header: [String]
    private let bytes: [UInt8]
    private var position: Int
    private var line: Int
    /// Reused from record to record: a record holds the same storage until the caller drops it.
    private var spans: [CSVField.Span] = []

    /// Reads a whole file into memory and parses its header.
    /// - Parameter path: the file to read; it also names the file in errors.
    public init(contentsOfFile path: String) throws(CSVReadError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw CSVReadError(.unreadable(reason: "\(error.localizedDescription)"), source: path, line: 0)
        }
        try self.init(bytes: [UInt8](data), source: path)
    }

    /// Parses the header of CSV text already in memory.
    /// - Parameters:
    ///   - bytes: the whole file, UTF-8.
    ///   - source: how errors name the file.
    public init(bytes: [UInt8], source: String = "<csv>") throws(CSVReadError) {
        self.source = source
        self.bytes = bytes
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var position = bytes.starts(with: bom) ? 3 : 0
        var line = 1
        var spans: [CSVField.Span] = []
        let found = try bytes.withUnsafeBufferPointer { (buffer) throws(CSVReadError) -> Int? in
            try CSVReader.scanRecord(buffer, from: &position, line: &line, into: &spans, source: source)
        }
        guard found != nil else { throw CSVReadError(.missingHeader, source: source, line: 0) }
        self.header = spans.map { CSVField(bytes: bytes, span: $0).trimmedString }
        self.position = position
        self.line = line
    }

    /// Parses records of a file whose header was read before, from a record boundary on: how
    /// ``CSVStreamReader`` reads a file piece by piece.
    /// - Parameters:
    ///   - bytes: whole records, UTF-8, starting where a record starts.
    ///   - header: the file's header.
    ///   - line: the file's line the bytes start on.
    init(continuing bytes: [UInt8], header: [String], source: String, line: Int) {
        self.source = source
        self.header = header
        self.bytes = bytes
        self.position = 0
        self.line = line
    }

    /// The line the next record would start on (past the last one read).
    var nextLine: Int { line }

    /// The index of the first column with this name, or nil.
    public func columnIndex(named name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The index of the column with this name; throws `missingColumn` naming the file if absent.
    public func column(named name: String) throws(CSVReadError) -> Int {
        guard let index = columnIndex(named: name) else {
            throw CSVReadError(.missingColumn(name), source: source, line: 1)
        }
        return index
    }

    /// The next record, or nil at the end of the file.
    ///
    /// Throws on a malformed record (unterminated or stray quote) and on a record whose field count
    /// differs from the header's. Reading on after an error is not supported.
    public mutating func next() throws(CSVReadError) -> CSVRecord? {
        var spans = self.spans
        self.spans = []  // so `spans` is uniquely referenced and reused in place
        spans.removeAll(keepingCapacity: true)
        var position = self.position
        var line = self.line
        let found = try bytes.withUnsafeBufferPointer { (buffer) throws(CSVReadError) -> Int? in
            try CSVReader.scanRecord(buffer, from: &position, line: &line, into: &spans, source: source)
        }
        self.position = position
        self.line = line
        guard let recordLine = found else { return nil }
        if spans.count != header.count {
            throw CSVReadError(
                .wrongFieldCount(expected: header.count, found: spans.count), source: source, line: recordLine)
        }
        self.spans = spans
        return CSVRecord(source: source, line: recordLine, bytes: bytes, spans: spans)
    }
}
