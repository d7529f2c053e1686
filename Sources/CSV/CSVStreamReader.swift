import Foundation

/// Reads a CSV file record by record like ``CSVReader``, holding a few megabytes of it at a time
/// instead of the whole file: how a file of tens of millions of rows is imported in memory that
/// does not grow with it.
///
/// The file is read in pieces of `chunkSize` bytes, each cut after the last line feed that lies
/// outside quotes (counting quotes from a record's start tells which), so every piece holds whole
/// records and a ``CSVReader`` parses it, line numbers carried on. Errors, fields and records are
/// exactly those of ``CSVReader``. A file whose lines end in CR alone, or one quoted field of more
/// than a piece, is held whole until it ends: correct, only not bounded.
public struct CSVStreamReader {
    public let source: String
    public let header: [String]
    /// Bytes read from the file so far (for progress).
    public private(set) var bytesRead = 0
    /// The file's size when it was opened (for progress).
    public let fileSize: Int
    private let file: FileHandle
    private let chunkSize: Int
    private var reader: CSVReader
    private var carry: [UInt8] = []
    private var atEnd = false

    /// Opens a file and parses its header.
    /// - Parameters:
    ///   - path: the file; it also names the file in errors.
    ///   - chunkSize: bytes read at a time (8 MiB by default).
    public init(contentsOfFile path: String, chunkSize: Int = 8 << 20) throws(CSVReadError) {
        do {
            file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            fileSize = Int(try file.seekToEnd())
            try file.seek(toOffset: 0)
        } catch {
            throw CSVReadError(.unreadable(reason: "\(error.localizedDescription)"), source: path, line: 0)
        }
        source = path
        self.chunkSize = max(chunkSize, 1)
        var first: [UInt8] = []
        // The header's piece (a header longer than a piece makes the piece longer).
        repeat {
            first = try Self.nextPiece(file, source: path, chunkSize: self.chunkSize, carry: &carry, atEnd: &atEnd, read: &bytesRead)
        } while first.isEmpty && !atEnd
        reader = try CSVReader(bytes: first, source: path)
        header = reader.header
    }

    /// The index of the column with this name; throws `missingColumn` naming the file if absent.
    public func column(named name: String) throws(CSVReadError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw CSVReadError(.missingColumn(name), source: source, line: 1)
        }
        return index
    }

    /// The next record, or nil at the end of the file; throws as ``CSVReader/next()`` does.
    public mutating func next() throws(CSVReadError) -> CSVRecord? {
        while true {
            if let record = try reader.next() { return record }
            guard !atEnd || !carry.isEmpty else { return nil }
            let piece = try Self.nextPiece(file, source: source, chunkSize: chunkSize, carry: &carry, atEnd: &atEnd, read: &bytesRead)
            reader = CSVReader(continuing: piece, header: header, source: source, line: reader.nextLine)
        }
    }

    /// Reads on until whole records are at hand: `carry` (the tail of the previous read) plus
    /// new bytes, cut after the last line feed outside quotes; the rest becomes the next carry.
    private static func nextPiece(
        _ file: FileHandle, source: String, chunkSize: Int, carry: inout [UInt8], atEnd: inout Bool, read: inout Int
    ) throws(CSVReadError) -> [UInt8] {
        var bytes = carry
        carry = []
        var scanned = 0
        var inQuotes = false
        while !atEnd {
            let data: Data?
            do {
                data = try file.read(upToCount: chunkSize)
            } catch {
                throw CSVReadError(.unreadable(reason: "\(error.localizedDescription)"), source: source, line: 0)
            }
            guard let data, !data.isEmpty else {
                atEnd = true
                break
            }
            read += data.count
            bytes.append(contentsOf: data)
            // Quote parity from the piece's start (a record boundary) up to each line feed.
            var cut: Int?
            bytes.withUnsafeBufferPointer { buffer in
                for index in scanned..<buffer.count {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        inQuotes.toggle()
                    } else if byte == UInt8(ascii: "\n"), !inQuotes {
                        cut = index + 1
                    }
                }
            }
            scanned = bytes.count
            if let cut {
                carry = Array(bytes[cut...])
                bytes.removeSubrange(cut...)
                return bytes
            }
        }
        return bytes
    }
}
