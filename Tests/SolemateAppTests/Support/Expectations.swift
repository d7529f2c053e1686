import Foundation
import Testing

/// Checks that `response` is an RFC 9457 problem document with `status`: the content type and the
/// four members every error of the service carries.
func expectProblem(_ response: HTTPResponse, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
    #expect(response.isProblem, "content type \(response.contentType)", sourceLocation: sourceLocation)
    guard let object = try? response.object() else {
        Issue.record("the body is not a JSON object: \(response.text)", sourceLocation: sourceLocation)
        return
    }
    #expect(object["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect(object["type"] is String, sourceLocation: sourceLocation)
    #expect(object["title"] is String, sourceLocation: sourceLocation)
    #expect(object["detail"] is String, sourceLocation: sourceLocation)
}

extension Dictionary where Key == String, Value == Any {
    var keySet: Set<String> { Set(keys) }

    func int(_ key: String) -> Int? { self[key] as? Int }
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}

/// The shoe ids of a list's items.
func shoeIDs(_ items: [[String: Any]]) -> [Int] { items.compactMap { $0["shoe_id"] as? Int } }

/// The keys of every recommended shoe (recommendations, similar, popular).
let recommendedShoeKeys: Set<String> = ["shoe_id", "brand", "model", "type", "price", "score", "explanation"]
