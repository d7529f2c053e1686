/// Builds COPY data in PostgreSQL's text format: tab-separated fields, one row a line,
/// with backslash escapes for the characters that would break the format.
struct CopyText {
    private(set) var bytes: [UInt8] = []
    private(set) var rowCount = 0
    private var fieldsInRow = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func field(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A trusted token with nothing to escape (enum labels, formatted timestamps, decimals).
    mutating func plain(_ value: String) {
        separate()
        bytes.append(contentsOf: value.utf8)
    }

    mutating func text(_ value: String) {
        separate()
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: bytes.append(byte)
            }
        }
    }

    /// A number, or NULL (`\\N`) for nil.
    mutating func optional(_ value: Int?) {
        guard let value else { return plain("\\N") }
        field(value)
    }

    /// Empties the buffer for the next batch, keeping its memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rowCount = 0
        fieldsInRow = 0
    }

    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        rowCount += 1
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}
