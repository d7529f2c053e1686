import Foundation
import Hummingbird
import Logging

extension Recommendations: ResponseEncodable {}

// Usage: hb-bench-server PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 18081 : 18081
let model = ScoringModel()
let health = ByteBuffer(string: #"{"status":"ok"}"#)

let router = Router()
router.get("/health") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: health))
}
router.get("/users/:id/recommendations") { _, context -> Recommendations in
    let user = context.parameters.get("id", as: Int.self) ?? 0
    return Recommendations(user: user, items: model.topTen(for: user))
}

var logger = Logger(label: "hb-bench")
logger.logLevel = .warning
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
