import Foundation
import JSON

/// The rules every JSON request body meets before it is decoded, in the one place bodies are
/// decoded (`Request.decode`), so that no route can forget them and a new route gets them free.
extension Request {
    /// 415 unless the body is declared JSON: a body sent as `text/plain` or a form was not meant
    /// as JSON by its sender, and guessing otherwise hides the client's bug.
    func requireJSONContentType() throws(HTTPError) {
        let declared = headers.values(for: "Content-Type")
        guard declared.count == 1, JSONMediaType.matches(declared[0]) else {
            let got = declared.isEmpty ? "no Content-Type" : "Content-Type \(declared.joined(separator: ", ").prefix(100))"
            throw HTTPError(
                .unsupportedMediaType,
                detail: "The request body must be application/json (or a +json type); got \(got).",
                headers: ["Accept": "application/json"])
        }
    }

    /// 400 when an object names a key twice: the decoder would keep one of the values and the
    /// client would never learn which.
    func requireUniqueKeys() throws(HTTPError) {
        switch JSONDuplicateKeyScan.scan(body) {
        case .wellFormed: return
        case .malformed: throw HTTPError(.badRequest, detail: "The request body is not valid JSON for this endpoint.")
        case .duplicate(let key):
            let shown = key.count > 64 ? key.prefix(64) + "…" : Substring(key)
            throw HTTPError(.badRequest, detail: "The request body names the key \"\(shown)\" twice in one object.")
        }
    }
}

/// Which `Content-Type` values are JSON: `application/json` and any `application/…+json`
/// (RFC 6839), with parameters such as `charset` allowed; case-insensitive, as media types are.
public enum JSONMediaType {
    public static func matches(_ value: String) -> Bool {
        let essence = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard essence.hasPrefix("application/") else { return false }
        let subtype = essence.dropFirst("application/".count)
        return subtype == "json" || (subtype.hasSuffix("+json") && subtype.count > "+json".count && !subtype.contains("/"))
    }
}
