import CSV
import Foundation
import ShoeData
import UTCTime

/// Reads a CSV file whose columns are found by name, turning reader errors into `ImportError`s.
struct ValidatingReader {
    let file: String
    var reader: CSVStreamReader
    let columns: [Int]
    let names: [String]

    init(_ url: URL, columns names: [String]) throws {
        let file = url.lastPathComponent
        do {
            let reader = try CSVStreamReader(contentsOfFile: url.path)
            columns = try names.map { name throws(CSVReadError) in try reader.column(named: name) }
            self.reader = reader
        } catch {
            throw ImportError(file: file, line: error.line, column: nil, reason: error.description)
        }
        self.file = file
        self.names = names
    }

    mutating func next() throws -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw ImportError(error, file: file, header: reader.header)
        }
    }

    /// The field of the `index`-th requested column.
    func field(_ record: CSVRecord, _ index: Int) -> CSVField { record[columns[index]] }

    func fail(_ record: CSVRecord, _ index: Int, _ reason: String) -> ImportError {
        ImportError(file: file, line: record.line, column: names[index], reason: reason)
    }

    func integer(_ record: CSVRecord, _ index: Int) throws -> Int {
        guard let value = field(record, index).int else {
            throw fail(record, index, "not an integer: \"\(field(record, index).string)\"")
        }
        return value
    }

    /// The field of the `index`-th requested column without surrounding white space.
    func trimmed(_ record: CSVRecord, _ index: Int) -> String { field(record, index).trimmedString }

    /// A domain rule the row breaks, in the column the rule names.
    func fail(_ record: CSVRecord, _ problem: DomainError) -> ImportError {
        ImportError(file: file, line: record.line, column: problem.field, reason: problem.message)
    }
}

/// users.csv: id, age, gender, primary_usage; each row a valid ``User`` (``User/problems``).
enum UsersFile {
    static func read(_ url: URL) throws -> (ids: Set<Int>, copy: CopyText) {
        var reader = try ValidatingReader(url, columns: ShopDataset.Header.users)
        var ids = Set<Int>()
        var copy = CopyText()
        while let record = try reader.next() {
            let user = User(
                id: try reader.integer(record, 0), age: try reader.integer(record, 1),
                gender: Gender(rawValue: reader.trimmed(record, 2)), primaryUsage: Usage(rawValue: reader.trimmed(record, 3)))
            if let problem = user.problems.first { throw reader.fail(record, problem) }
            guard ids.insert(user.id).inserted else { throw reader.fail(record, 0, "user \(user.id) appears twice") }
            copy.field(user.id)
            copy.field(user.age)
            copy.text(user.gender.rawValue)
            copy.text(user.primaryUsage.rawValue)
            copy.endRow()
        }
        return (ids, copy)
    }
}

/// shoes.csv: id, brand, model, type, material, color, price, care_instructions, lifespan_days;
/// each row a valid ``Shoe`` (``Shoe/validate()``, the rules `POST /shoes` applies too).
enum ShoesFile {
    static func read(_ url: URL) throws -> (ids: Set<Int>, copy: CopyText) {
        var reader = try ValidatingReader(url, columns: ShopDataset.Header.shoes)
        var ids = Set<Int>()
        var copy = CopyText()
        while let record = try reader.next() {
            let id = try reader.integer(record, 0)
            let priceText = reader.trimmed(record, 6)
            guard let price = Price(priceText) else {
                throw reader.fail(record, 6, "not a price \(Shoe.priceRule): \"\(priceText)\"")
            }
            let shoe = Shoe(
                id: id, brand: reader.trimmed(record, 1), model: reader.trimmed(record, 2),
                type: ShoeType(rawValue: reader.trimmed(record, 3)), material: Material(rawValue: reader.trimmed(record, 4)),
                color: reader.trimmed(record, 5), price: price, careInstructions: reader.trimmed(record, 7),
                lifespanDays: try reader.integer(record, 8))
            do throws(DomainError) {
                try shoe.validate()
            } catch {
                throw reader.fail(record, error)
            }
            guard ids.insert(id).inserted else { throw reader.fail(record, 0, "shoe \(id) appears twice") }
            copy.field(id)
            for text in [shoe.brand, shoe.model, shoe.type.rawValue, shoe.material.rawValue, shoe.color] { copy.text(text) }
            copy.plain(price.description)
            copy.text(shoe.careInstructions)
            copy.field(shoe.lifespanDays)
            copy.endRow()
        }
        return (ids, copy)
    }
}

/// interactions.csv: user_id, shoe_id, interaction_type, timestamp; streamed, one valid event at
/// a time, so the file is never held whole.
struct InteractionRows {
    /// One valid event.
    struct Row {
        var micros: Int64
        var user: Int
        var shoe: Int
        var kind: InteractionKind

        /// The event as a line of `COPY interactions (occurred_at, user_id, shoe_id, kind)`.
        func write(to copy: inout CopyText) {
            copy.plain(UTCTimestamp.format(epochMicroseconds: micros))
            copy.field(user)
            copy.field(shoe)
            copy.plain(kind.rawValue)
            copy.endRow()
        }
    }

    private var reader: ValidatingReader
    private let knownUsers: Set<Int>
    private let knownShoes: Set<Int>
    private let timeWindow: EventTimeWindow
    private let now: Date

    init(_ url: URL, knownUsers: Set<Int>, knownShoes: Set<Int>, timeWindow: EventTimeWindow, now: Date) throws {
        reader = try ValidatingReader(url, columns: ShopDataset.Header.interactions)
        self.knownUsers = knownUsers
        self.knownShoes = knownShoes
        self.timeWindow = timeWindow
        self.now = now
    }

    /// Bytes of the file read so far, and its size.
    var progress: (read: Int, size: Int) { (reader.reader.bytesRead, reader.reader.fileSize) }

    /// The next event, or nil at the end; the first bad row throws its `ImportError`.
    mutating func next() throws -> Row? {
        guard let record = try reader.next() else { return nil }
        let user = try reader.integer(record, 0)
        guard knownUsers.contains(user) else { throw reader.fail(record, 0, "unknown user \(user)") }
        let shoe = try reader.integer(record, 1)
        guard knownShoes.contains(shoe) else { throw reader.fail(record, 1, "unknown shoe \(shoe)") }
        guard let kind = InteractionKind(label: reader.field(record, 2).utf8) else {
            let text = reader.field(record, 2).string
            throw reader.fail(record, 2, "unknown interaction type \"\(text)\" (\(InteractionKind.listed))")
        }
        let stamp = reader.trimmed(record, 3)
        guard let date = UTCTimestamp.parse(stamp) else {
            throw reader.fail(record, 3, "not an ISO-8601 timestamp: \"\(stamp)\"")
        }
        if let problem = timeWindow.problem(with: date, now: now) { throw reader.fail(record, 3, problem.message) }
        return Row(micros: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()), user: user, shoe: shoe, kind: kind)
    }
}
