import CSV

/// Why a data directory could not be loaded: names the file, and the line and column where one
/// applies, so a broken export can be fixed where it breaks.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The CSV itself is malformed, or a needed column is missing.
        case csv(CSVReadError)
        /// Neither `interactions.csv` nor any usable file was found in the directory.
        case missingFile(String)
        /// An `event` other than view, add_to_wishlist, purchase or rating.
        case unknownEvent(String)
        /// A timestamp that is neither integer epoch seconds nor ISO-8601.
        case invalidTimestamp(String)
        /// A `rating` row whose `value` is missing or not a number.
        case invalidRating(String)
        /// The interactions file has no rows.
        case noInteractions
    }

    public var kind: Kind
    public var source: String
    public var line: Int
    public var column: Int?

    public init(_ kind: Kind, source: String, line: Int = 0, column: Int? = nil) {
        self.kind = kind
        self.source = source
        self.line = line
        self.column = column
    }

    init(_ error: CSVReadError) {
        self.init(.csv(error), source: error.source, line: error.line, column: error.column)
    }

    public var description: String {
        if case .csv(let error) = kind { return error.description }
        var place = source
        if line > 0 { place += ":\(line)" }
        if let column { place += ":\(column)" }
        switch kind {
        case .csv: return place
        case .missingFile(let name): return "\(place): no \(name) in the data directory"
        case .unknownEvent(let event):
            return "\(place): unknown event \"\(event)\" (expected view, add_to_wishlist, purchase or rating)"
        case .invalidTimestamp(let text):
            return "\(place): not a timestamp: \"\(text)\" (expected ISO-8601 or integer epoch seconds)"
        case .invalidRating(let text): return "\(place): a rating needs a numeric value, found \"\(text)\""
        case .noInteractions: return "\(place): no interactions"
        }
    }
}
