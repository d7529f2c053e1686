import CSV
import Foundation

extension Dataset {
    /// Loads a data directory in the neutral form (`interactions.csv` with
    /// `user_id,item_id,event,timestamp[,value]`, optional `items.csv` with `item_id,...`) or in the
    /// shop's own form (`interactions.csv` with `user_id,shoe_id,interaction_type,timestamp`,
    /// optional `shoes.csv` with `id,...`), which maps onto it one to one.
    ///
    /// Columns are found by header name, so both forms and any column order load; unknown columns
    /// are ignored. Ids are compared as trimmed UTF-8 bytes, as Python compares strings. Errors
    /// name the file, line and column.
    public static func load(directory: String) throws(DatasetError) -> Dataset {
        let interactionsPath = directory + "/interactions.csv"
        guard let interactionBytes = contents(interactionsPath) else {
            throw DatasetError(.missingFile("interactions.csv"), source: directory)
        }
        var digests = ["interactions.csv": SHA256.hex(interactionBytes)]
        var items = IDTable()
        var texts: [[UInt8]: String] = [:]
        var types: [[UInt8]: String] = [:]
        for (name, idColumn) in [("items.csv", "item_id"), ("shoes.csv", "id")] {
            let path = directory + "/" + name
            guard let bytes = contents(path) else { continue }
            digests[name] = SHA256.hex(bytes)
            (texts, types) = try readItems(bytes, source: path, idColumn: idColumn, into: &items)
            break
        }
        var users = IDTable()
        var events = try readInteractions(interactionBytes, source: interactionsPath, users: &users, items: &items)

        // Renumber users and items in canonical order.
        let (userIDs, userMap) = users.canonical()
        let (itemIDs, itemMap) = items.canonical()
        for index in events.indices {
            events[index].user = userMap[Int(events[index].user)]
            events[index].item = itemMap[Int(events[index].item)]
        }
        return Dataset(
            userIDs: userIDs.map { String(decoding: $0, as: UTF8.self) },
            itemIDs: itemIDs.map { String(decoding: $0, as: UTF8.self) },
            itemTexts: itemIDs.map { texts[$0] ?? "" }, events: events, fileDigests: digests,
            itemTypes: itemIDs.map { types[$0] ?? "" })
    }

    private static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Reads items.csv (or shoes.csv): every item's id, and its text = the other columns joined by
    /// single spaces in file order, and its `type` column if there is one. A repeated id keeps its
    /// first row's text.
    private static func readItems(_ bytes: [UInt8], source: String, idColumn: String,
                                  into items: inout IDTable) throws(DatasetError) -> ([[UInt8]: String], [[UInt8]: String]) {
        var texts: [[UInt8]: String] = [:]
        var types: [[UInt8]: String] = [:]
        do throws(CSVReadError) {
            var reader = try CSVReader(bytes: bytes, source: source)
            let id = try reader.column(named: idColumn)
            let textColumns = reader.header.indices.filter { $0 != id }
            let typeColumn = reader.columnIndex(named: "type")
            while let record = try reader.next() {
                let itemID = Array(record[id].trimmedUTF8)
                _ = items.intern(itemID[...])
                if texts[itemID] == nil {
                    texts[itemID] = textColumns.map { record.string($0) }.joined(separator: " ")
                    if let typeColumn { types[itemID] = record.string(typeColumn) }
                }
            }
        } catch {
            throw DatasetError(error)
        }
        return (texts, types)
    }

    /// Reads interactions.csv into events numbered in first-seen order.
    private static func readInteractions(_ bytes: [UInt8], source: String, users: inout IDTable,
                                         items: inout IDTable) throws(DatasetError) -> [Event] {
        var events: [Event] = []
        var reader = try csv { () throws(CSVReadError) in try CSVReader(bytes: bytes, source: source) }
        // The neutral form's names first, then the shop's.
        let (user, item, event, timestamp) = try csv { [reader] () throws(CSVReadError) in
            try (reader.column(named: "user_id"), column(reader, "item_id", "shoe_id"),
                 column(reader, "event", "interaction_type"), reader.column(named: "timestamp"))
        }
        let value = reader.columnIndex(named: "value")
        events.reserveCapacity(bytes.count / 32)
        while let record = try csv({ () throws(CSVReadError) in try reader.next() }) {
            let (weight, isPurchase) = try Self.weight(record, event: event, value: value)
            guard let time = Timestamp.nanoseconds(record[timestamp].utf8) else {
                throw DatasetError(.invalidTimestamp(record.string(timestamp)), source: source,
                                   line: record.line, column: timestamp + 1)
            }
            events.append(Event(
                user: users.intern(record[user].trimmedUTF8), item: items.intern(record[item].trimmedUTF8),
                timestamp: time, weight: weight, isPurchase: isPurchase))
        }
        guard !events.isEmpty else { throw DatasetError(.noInteractions, source: source) }
        return events
    }

    /// The first of these columns the header has; a missing-column error names the last.
    private static func column(_ reader: CSVReader, _ names: String...) throws(CSVReadError) -> Int {
        for name in names.dropLast() {
            if let index = reader.columnIndex(named: name) { return index }
        }
        return try reader.column(named: names[names.count - 1])
    }

    /// Runs CSV reading, reporting its errors as the data set's.
    private static func csv<T>(_ body: () throws(CSVReadError) -> T) throws(DatasetError) -> T {
        do {
            return try body()
        } catch {
            throw DatasetError(error)
        }
    }

    /// PROTOCOL.md section 1: view 1, add_to_wishlist 3, purchase 5, rating = value.
    private static func weight(_ record: CSVRecord, event: Int, value: Int?) throws(DatasetError) -> (Double, Bool) {
        let field = record[event]
        if field.equals("view") { return (1, false) }
        if field.equals("purchase") { return (5, true) }
        if field.equals("add_to_wishlist") { return (3, false) }
        switch field.trimmedString {
        case "view": return (1, false)
        case "add_to_wishlist": return (3, false)
        case "purchase": return (5, true)
        case "rating":
            guard let value, let rating = record[value].double else {
                throw DatasetError(.invalidRating(value.map { record.string($0) } ?? ""), source: record.source,
                                   line: record.line, column: value.map { $0 + 1 })
            }
            return (rating, false)
        default:
            throw DatasetError(.unknownEvent(field.string), source: record.source, line: record.line, column: event + 1)
        }
    }
}

/// Ids of one kind (as UTF-8 bytes) numbered in first-seen order.
///
/// Ids of up to 7 bytes (most: shop ids are integers) are looked up packed into a `UInt64`, which
/// hashes several times faster than an array; longer ones by their bytes.
private struct IDTable {
    var ids: [[UInt8]] = []
    private var short: [UInt64: Int32] = [:]
    private var long: [[UInt8]: Int32] = [:]

    mutating func intern(_ id: ArraySlice<UInt8>) -> Int32 {
        if id.count <= 7 {
            var key = UInt64(id.count) << 56
            for (shift, byte) in id.enumerated() { key |= UInt64(byte) << (8 * shift) }
            if let number = short[key] { return number }
            short[key] = Int32(ids.count)
        } else {
            let bytes = Array(id)
            if let number = long[bytes] { return number }
            long[bytes] = Int32(ids.count)
        }
        ids.append(Array(id))
        return Int32(ids.count - 1)
    }

    /// The ids in canonical order, and for each first-seen number its canonical index.
    func canonical() -> (ids: [[UInt8]], map: [Int32]) {
        let order = CanonicalOrder.order(ids)
        var map = [Int32](repeating: 0, count: ids.count)
        for (index, number) in order.enumerated() { map[number] = Int32(index) }
        return (order.map { ids[$0] }, map)
    }
}
