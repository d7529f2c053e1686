#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `close(2)`, named apart so it does not clash with ``CSVWriter/close(synchronize:)``.
@discardableResult
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// Writes an RFC 4180 CSV file: a header row, then records, LF line endings, UTF-8.
///
/// A field is quoted only when it must be: when it contains a comma, a double quote, CR or LF.
/// Inside quotes a double quote is doubled. Empty fields are written empty (no quotes).
///
/// Output goes through a 64 KiB buffer written with POSIX `write`, so a million short rows take a
/// fraction of a second. Fields are written either as a whole row (``writeRow(_:)``) or one by one
/// (`writeField(_:)` for text or integers, then ``endRow()``), which avoids building an array for
/// every row on hot paths. `writeField` does not throw: a write error met while it flushes is kept
/// and thrown by the next ``endRow()``, ``flush()`` or ``close(synchronize:)``. Every row must have as
/// many fields as the header: a mismatch is reported as
/// ``CSVWriteError/fieldCountMismatch(row:expected:actual:)``.
///
/// Not thread-safe, and not `Sendable`: one writer belongs to one task. Call ``close(synchronize:)``
/// to flush and learn of write errors; `deinit` closes the descriptor of a writer that was not
/// closed, discarding what was still buffered.
public final class CSVWriter {
    /// The file being written.
    public let path: String
    /// Number of fields per row, fixed by the header.
    public let columnCount: Int
    /// Data rows completed so far (the header is not counted).
    public private(set) var rowCount = 0

    private var descriptor: Int32
    // The writer is owned by one task and never hands out references to its buffer, so the runtime's
    // dynamic exclusivity checks on these hot fields cannot find anything; they cost ~10 % of a write.
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var fieldsInRow = 0
    private var pendingError: CSVWriteError?

    private static let capacity = 64 * 1024

    /// Creates (or truncates) the file at `path` and writes the header row.
    ///
    /// - Parameters:
    ///   - path: File to write. Its directory must exist. The file is created with mode 0644.
    ///   - header: Column names; also fixes how many fields each row must have. Must not be empty.
    /// - Throws: ``CSVWriteError/emptyHeader`` or ``CSVWriteError/io(operation:path:errno:)``.
    public init(path: String, header: [String]) throws(CSVWriteError) {
        guard !header.isEmpty else { throw .emptyHeader }
        self.path = path
        self.columnCount = header.count
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        self.descriptor = fd
        self.storage = .allocate(capacity: Self.capacity)
        for name in header { writeField(name) }
        try endRow()
        rowCount = 0
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
        storage.deallocate()
    }

    /// Writes one complete row.
    public func writeRow(_ fields: [String]) throws(CSVWriteError) {
        for field in fields { writeField(field) }
        try endRow()
    }

    /// Appends one text field to the current row, quoting it if needed.
    public func writeField(_ field: some StringProtocol) {
        beginField()
        let done: Void? = field.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil {
            let bytes = Array(field.utf8)
            bytes.withUnsafeBufferPointer { appendEscaped($0) }
        }
    }

    /// Appends one integer field to the current row, in decimal without allocating a string.
    public func writeField(_ value: Int) {
        beginField()
        reserve(20)  // "-9223372036854775808" is the longest
        if value < 0 {
            storage[count] = UInt8(ascii: "-")
            count += 1
        }
        // Work on the magnitude so Int.min does not overflow.
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var index = count + digits - 1
        repeat {
            storage[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
        count += digits
    }

    /// Ends the current row with LF.
    /// - Throws: ``CSVWriteError/fieldCountMismatch(row:expected:actual:)`` if the row does not have
    ///   ``columnCount`` fields, or an I/O error from flushing the buffer.
    public func endRow() throws(CSVWriteError) {
        guard fieldsInRow == columnCount else {
            let actual = fieldsInRow
            fieldsInRow = 0
            throw .fieldCountMismatch(row: rowCount + 1, expected: columnCount, actual: actual)
        }
        reserve(1)
        storage[count] = UInt8(ascii: "\n")
        count += 1
        fieldsInRow = 0
        rowCount += 1
        if let pendingError { throw pendingError }
    }

    /// Writes out everything buffered so far.
    public func flush() throws(CSVWriteError) {
        guard descriptor >= 0 else { throw .closed(path: path) }
        writeBuffer()
        if let pendingError { throw pendingError }
    }

    /// Flushes and closes the file. Call it once; later writes throw ``CSVWriteError/closed(path:)``.
    ///
    /// - Parameter synchronize: Also `fsync` the file before closing, so that a later `rename` of a
    ///   temporary file cannot expose a file whose data is not yet on disk.
    public func close(synchronize: Bool = false) throws(CSVWriteError) {
        guard fieldsInRow == 0 else {
            throw .fieldCountMismatch(row: rowCount + 1, expected: columnCount, actual: fieldsInRow)
        }
        try flush()
        let fd = descriptor
        descriptor = -1
        if synchronize, fsync(fd) != 0 {
            let code = errno
            _ = closeDescriptor(fd)
            throw .io(operation: "fsync", path: path, errno: code)
        }
        if closeDescriptor(fd) != 0 { throw .io(operation: "close", path: path, errno: errno) }
    }

    /// Returns `field` as it would appear in a CSV file: unchanged, or quoted with quotes doubled.
    ///
    /// Useful to build small CSV strings (tests, error messages) with the writer's exact rules.
    public static func escape(_ field: String) -> String {
        guard needsQuotes(field.utf8) else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }

    // MARK: - Internals

    private func beginField() {
        if fieldsInRow > 0 {
            reserve(1)
            storage[count] = UInt8(ascii: ",")
            count += 1
        }
        fieldsInRow += 1
    }

    /// Makes room for `bytes` more bytes (at most ``capacity``) by writing the buffer out if needed.
    @inline(__always)
    private func reserve(_ bytes: Int) {
        if count + bytes > Self.capacity { writeBuffer() }
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.needsQuotes(bytes) else {
            append(bytes)
            return
        }
        reserve(1)
        storage[count] = UInt8(ascii: "\"")
        count += 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
            append(UnsafeBufferPointer(rebasing: bytes[start...index]))  // the quote, once...
            start = index  // ...and again as the first byte of the next run
        }
        append(UnsafeBufferPointer(rebasing: bytes[start...]))
        reserve(1)
        storage[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// Copies `bytes` into the buffer, writing it out as often as a long field requires.
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var remaining = bytes
        while !remaining.isEmpty {
            if count == Self.capacity { writeBuffer() }
            let chunk = min(remaining.count, Self.capacity - count)
            (storage + count).update(from: remaining.baseAddress!, count: chunk)
            count += chunk
            remaining = UnsafeBufferPointer(rebasing: remaining[chunk...])
        }
    }

    /// Writes the buffer to the file and empties it; a failure becomes `pendingError`.
    private func writeBuffer() {
        var offset = 0
        if descriptor < 0 {
            pendingError = pendingError ?? .closed(path: path)
        } else if pendingError == nil {
            while offset < count {
                let written = write(descriptor, storage + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    pendingError = .io(operation: "write", path: path, errno: errno)
                    break
                }
                offset += written
            }
        }
        count = 0
    }

    private static func needsQuotes(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n"): return true
            default: continue
            }
        }
        return false
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 2)
        for character in unicodeScalars {
            if character == "\"" { result.unicodeScalars.append("\"") }
            result.unicodeScalars.append(character)
        }
        return result
    }
}

/// Why writing a CSV file failed.
public enum CSVWriteError: Error, Equatable, CustomStringConvertible {
    /// The header had no columns.
    case emptyHeader
    /// A row had a different number of fields than the header (`row` is 1-based, header excluded).
    case fieldCountMismatch(row: Int, expected: Int, actual: Int)
    /// A system call failed; `errno` is the C error code.
    case io(operation: String, path: String, errno: Int32)
    /// The writer was used after ``CSVWriter/close(synchronize:)``.
    case closed(path: String)

    public var description: String {
        switch self {
        case .emptyHeader:
            return "CSV header has no columns"
        case .fieldCountMismatch(let row, let expected, let actual):
            return "CSV row \(row) has \(actual) fields, expected \(expected)"
        case .io(let operation, let path, let code):
            return "\(operation) \(path): \(String(cString: strerror(code)))"
        case .closed(let path):
            return "CSV writer for \(path) is already closed"
        }
    }
}
