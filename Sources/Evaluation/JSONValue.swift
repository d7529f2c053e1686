/// A JSON value that keeps its keys in the order written, so a report reads in the order of
/// PROTOCOL.md section 5 and diffs cleanly against the reference (Foundation's encoders sort or
/// shuffle keys).
enum JSONValue: Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The JSON text, indented by two spaces a level (or on one line with `indent: nil`).
    func rendered(indent: Int? = 0) -> String {
        var text = ""
        write(to: &text, indent: indent)
        return text
    }

    private func write(to text: inout String, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch self {
        case .number(let value):
            // Shortest round-trip form, as Python's repr writes floats; JSON has no inf or NaN.
            text += value.isFinite ? "\(value)" : "null"
        case .integer(let value):
            text += String(value)
        case .string(let value):
            text += Self.quoted(value)
        case .array(let values):
            guard !values.isEmpty else { text += "[]"; return }
            text += "["
            for (index, value) in values.enumerated() {
                text += (index > 0 ? "," : "") + newline
                value.write(to: &text, indent: inner)
            }
            text += closing + "]"
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                text += (index > 0 ? "," : "") + newline + Self.quoted(key) + (indent == nil ? ":" : ": ")
                value.write(to: &text, indent: inner)
            }
            text += closing + "}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
