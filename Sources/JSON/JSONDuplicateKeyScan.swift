/// Finds an object in a JSON text that names a key twice, which `JSONDecoder` would silently
/// resolve by keeping one of the two values: `{"user_id": 1, "user_id": 2}` must be refused, not
/// guessed at.
///
/// One pass over the bytes, no recursion (an explicit stack, so 100,000 opening brackets cost a
/// refusal, not the thread's stack), memory bounded by the input: the keys of the open objects.
/// Keys are compared as Swift `String`s after unescaping, the same equality the decoder uses, so
/// `"a"` and `"\u0061"` are one key. The scan checks the grammar only as far as it needs to find
/// keys; a text it calls `.wellFormed` may still be refused by the decoder, but a text the decoder
/// accepts is never called `.malformed`.
public enum JSONDuplicateKeyScan {
    public enum Outcome: Equatable, Sendable {
        /// No object repeats a key.
        case wellFormed
        /// The first repeated key, unescaped.
        case duplicate(key: String)
        /// Not JSON, or nested deeper than `maxDepth`.
        case malformed
    }

    /// Deeper nesting than any body of ours needs; the decoder refuses deeper anyway.
    public static let maxDepth = 512

    public static func scan(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer)
            return scanner.run()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// One entry per open container: the keys seen so far for an object, nil for an array.
        var open: [Set<String>?] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        private struct Malformed: Error {}

        mutating func run() -> Outcome {
            do {
                return try scanDocument()
            } catch {
                return .malformed
            }
        }

        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func skipBlanks() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        private mutating func expect(_ byte: UInt8) throws(Malformed) {
            skipBlanks()
            guard current == byte else { throw Malformed() }
            position += 1
        }

        /// Values until the document ends; containers push and pop `open`.
        private mutating func scanDocument() throws(Malformed) -> Outcome {
            while true {
                // A value starts here.
                skipBlanks()
                guard let byte = current else { throw Malformed() }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    position += 1
                    guard open.count < JSONDuplicateKeyScan.maxDepth else { throw Malformed() }
                    let isObject = byte == UInt8(ascii: "{")
                    open.append(isObject ? [] : nil)
                    skipBlanks()
                    if current == UInt8(ascii: isObject ? "}" : "]") {
                        position += 1
                        open.removeLast()
                    } else {
                        if isObject, let key = try scanKey() { return .duplicate(key: key) }
                        continue
                    }
                case UInt8(ascii: "\""):
                    _ = try scanString()
                case UInt8(ascii: "t"): try scanLiteral("true")
                case UInt8(ascii: "f"): try scanLiteral("false")
                case UInt8(ascii: "n"): try scanLiteral("null")
                default: try scanNumber()
                }
                // A value ended: close containers, or move to the next member or element.
                while true {
                    skipBlanks()
                    guard let last = open.last else {
                        guard current == nil else { throw Malformed() }
                        return .wellFormed
                    }
                    let isObject = last != nil
                    guard let byte = current else { throw Malformed() }
                    position += 1
                    if byte == UInt8(ascii: ",") {
                        // Foundation's parser takes a trailing comma (`[1,]`, `{"a":1,}`); so does
                        // the scan, which must never refuse what the decoder accepts.
                        skipBlanks()
                        if current == UInt8(ascii: isObject ? "}" : "]") {
                            position += 1
                            open.removeLast()
                            continue
                        }
                        if isObject, let key = try scanKey() { return .duplicate(key: key) }
                        break
                    }
                    guard byte == UInt8(ascii: isObject ? "}" : "]") else { throw Malformed() }
                    open.removeLast()
                }
            }
        }

        /// Reads `"key" :` into the innermost object; answers the key when that object had it already.
        private mutating func scanKey() throws(Malformed) -> String? {
            try expect(UInt8(ascii: "\""))
            position -= 1
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            let inserted = open[open.count - 1]!.insert(key).inserted
            return inserted ? nil : key
        }

        private mutating func scanLiteral(_ word: StaticString) throws(Malformed) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw Malformed() }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { throw Malformed() }
            position += count
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func scanNumber() throws(Malformed) {
            func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else { throw Malformed() }
            if current == UInt8(ascii: "0") {
                position += 1
            } else {
                while isDigit(current) { position += 1 }
            }
            if current == UInt8(ascii: ".") {
                position += 1
                guard isDigit(current) else { throw Malformed() }
                while isDigit(current) { position += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard isDigit(current) else { throw Malformed() }
                while isDigit(current) { position += 1 }
            }
        }

        /// A string starting at the opening quote, unescaped. Strings without escapes (nearly
        /// all keys) are decoded straight from the bytes.
        private mutating func scanString() throws(Malformed) -> String {
            position += 1
            let start = position
            var hasEscape = false
            while true {
                guard let byte = current else { throw Malformed() }
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20 else { throw Malformed() }
                if byte == UInt8(ascii: "\\") {
                    hasEscape = true
                    position += 1
                    guard current != nil else { throw Malformed() }
                }
                position += 1
            }
            let end = position
            position += 1
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
            return hasEscape ? try Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
        }

        private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(Malformed) -> String {
            var scalars = String.UnicodeScalarView()
            var plain: [UInt8] = []
            func flush() {
                guard !plain.isEmpty else { return }
                scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
                plain.removeAll(keepingCapacity: true)
            }
            var index = 0
            func hex4() throws(Malformed) -> UInt32 {
                guard index + 4 <= raw.count else { throw Malformed() }
                var value: UInt32 = 0
                for byte in raw[index..<(index + 4)] {
                    let digit: UInt32
                    switch byte {
                    case 0x30...0x39: digit = UInt32(byte - 0x30)
                    case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                    case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                    default: throw Malformed()
                    }
                    value = value << 4 | digit
                }
                index += 4
                return value
            }
            while index < raw.count {
                let byte = raw[index]
                index += 1
                guard byte == UInt8(ascii: "\\") else {
                    plain.append(byte)
                    continue
                }
                let escape = raw[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): plain.append(escape)
                case UInt8(ascii: "b"): plain.append(0x08)
                case UInt8(ascii: "f"): plain.append(0x0C)
                case UInt8(ascii: "n"): plain.append(0x0A)
                case UInt8(ascii: "r"): plain.append(0x0D)
                case UInt8(ascii: "t"): plain.append(0x09)
                case UInt8(ascii: "u"):
                    flush()
                    var value = try hex4()
                    if (0xD800...0xDBFF).contains(value), index + 6 <= raw.count,
                       raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u") {
                        let resume = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = resume
                        }
                    }
                    // A lone surrogate names no character; the decoder decides about it, and as
                    // a key it compares like the replacement character.
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default: throw Malformed()
                }
            }
            flush()
            return String(scalars)
        }
    }
}
