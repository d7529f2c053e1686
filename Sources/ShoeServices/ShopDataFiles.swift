import CSV
import Foundation
import ShoeData

/// Reads a CSV file whose columns are found by name, turning reader errors into `ImportError`s.
struct ValidatingReader {
    let file: String
    var reader: CSVReader
    let columns: [Int]
    let names: [String]

    init(_ url: URL, columns names: [String]) throws {
        let file = url.lastPathComponent
        do {
            let reader = try CSVReader(contentsOfFile: url.path)
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

    func nonEmpty(_ record: CSVRecord, _ index: Int) throws -> String {
        let value = field(record, index).trimmedString
        guard !value.isEmpty else { throw fail(record, index, "must not be empty") }
        return value
    }
}

/// users.csv: id, age, gender, primary_usage.
enum UsersFile {
    static func read(_ url: URL) throws -> (ids: Set<Int>, copy: CopyText) {
        var reader = try ValidatingReader(url, columns: ["id", "age", "gender", "primary_usage"])
        var ids = Set<Int>()
        var copy = CopyText()
        while let record = try reader.next() {
            let id = try reader.integer(record, 0)
            guard id > 0 else { throw reader.fail(record, 0, "an id must be positive") }
            guard ids.insert(id).inserted else { throw reader.fail(record, 0, "user \(id) appears twice") }
            let age = try reader.integer(record, 1)
            guard User.ageRange.contains(age) else {
                throw reader.fail(record, 1, "age \(age) is outside \(User.ageRange.lowerBound)...\(User.ageRange.upperBound)")
            }
            copy.field(id)
            copy.field(age)
            copy.text(try reader.nonEmpty(record, 2))
            copy.text(try reader.nonEmpty(record, 3))
            copy.endRow()
        }
        return (ids, copy)
    }
}

/// shoes.csv: id, brand, model, type, material, color, price, care_instructions, lifespan_days.
enum ShoesFile {
    static func read(_ url: URL) throws -> (ids: Set<Int>, copy: CopyText) {
        let names = ["id", "brand", "model", "type", "material", "color", "price", "care_instructions", "lifespan_days"]
        var reader = try ValidatingReader(url, columns: names)
        var ids = Set<Int>()
        var copy = CopyText()
        while let record = try reader.next() {
            let id = try reader.integer(record, 0)
            guard id > 0 else { throw reader.fail(record, 0, "an id must be positive") }
            guard ids.insert(id).inserted else { throw reader.fail(record, 0, "shoe \(id) appears twice") }
            copy.field(id)
            for index in 1...5 { copy.text(try reader.nonEmpty(record, index)) }
            let priceText = reader.field(record, 6).trimmedString
            guard let price = Price(priceText), price.cents >= 0, price.cents < 100_000_000 else {
                throw reader.fail(record, 6, "not a price (a non-negative amount below 1,000,000 with at most 2 decimals): \"\(priceText)\"")
            }
            copy.plain(price.description)
            copy.text(reader.field(record, 7).trimmedString)
            let lifespan = try reader.integer(record, 8)
            guard lifespan > 0 else { throw reader.fail(record, 8, "lifespan_days must be positive, got \(lifespan)") }
            copy.field(lifespan)
            copy.endRow()
        }
        return (ids, copy)
    }
}

/// interactions.csv: user_id, shoe_id, interaction_type, timestamp.
enum InteractionsFile {
    static func read(_ url: URL, knownUsers: Set<Int>, knownShoes: Set<Int>) throws -> CopyText {
        var reader = try ValidatingReader(url, columns: ["user_id", "shoe_id", "interaction_type", "timestamp"])
        var copy = CopyText(reservingCapacity: 1 << 20)
        while let record = try reader.next() {
            let user = try reader.integer(record, 0)
            guard knownUsers.contains(user) else { throw reader.fail(record, 0, "unknown user \(user)") }
            let shoe = try reader.integer(record, 1)
            guard knownShoes.contains(shoe) else { throw reader.fail(record, 1, "unknown shoe \(shoe)") }
            let kind = reader.field(record, 2)
            let label: String
            if kind.equals("view") {
                label = "view"
            } else if kind.equals("purchase") {
                label = "purchase"
            } else if kind.equals("add_to_wishlist") {
                label = "add_to_wishlist"
            } else {
                throw reader.fail(record, 2, "unknown interaction type \"\(kind.string)\" (view, add_to_wishlist or purchase)")
            }
            let stamp = reader.field(record, 3).trimmedString
            guard let date = UTCTimestamp.parse(stamp) else {
                throw reader.fail(record, 3, "not an ISO-8601 timestamp: \"\(stamp)\"")
            }
            copy.plain(PostgresTimestamp.text(date))
            copy.field(user)
            copy.field(shoe)
            copy.plain(label)
            copy.endRow()
        }
        return copy
    }
}

/// Timestamps in a form PostgreSQL reads the same whatever the session's time zone: UTC with `Z`,
/// and microseconds only when there are any.
enum PostgresTimestamp {
    static func text(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let whole = UTCTimestamp.format(epochSeconds: seconds)
        guard fraction != 0 else { return whole }
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
