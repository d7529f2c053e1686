/// A JSON value that keeps its object members in the order written.
///
/// For documents built member by member rather than from a fixed shape: the evaluation report
/// (which must read in the order of PROTOCOL.md section 5 and diff cleanly against the reference;
/// Foundation's encoders sort or shuffle keys) and the extension members of problem documents.
/// It is written through `JSONWriter`, so it escapes and writes numbers like everything else.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Written as `null` when not finite.
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The JSON text, indented by two spaces a level (or on one line with `indent: nil`).
    public func rendered(indent: Int? = 0) -> String {
        var writer = JSONWriter()
        write(to: &writer, indent: indent)
        return writer.text
    }

    /// Appends the value on one line.
    public func write(to writer: inout JSONWriter) {
        write(to: &writer, indent: nil)
    }

    private func write(to writer: inout JSONWriter, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let value): writer.number(value)
        case .integer(let value): writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let values):
            guard !values.isEmpty else { return writer.raw("[]") }
            writer.raw("[")
            for (index, value) in values.enumerated() {
                writer.raw((index > 0 ? "," : "") + newline)
                value.write(to: &writer, indent: inner)
            }
            writer.raw(closing + "]")
        case .object(let members):
            guard !members.isEmpty else { return writer.raw("{}") }
            writer.raw("{")
            for (index, (key, value)) in members.enumerated() {
                writer.raw((index > 0 ? "," : "") + newline)
                writer.string(key)
                writer.raw(indent == nil ? ":" : ": ")
                value.write(to: &writer, indent: inner)
            }
            writer.raw(closing + "}")
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
