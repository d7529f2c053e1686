import HTTPServer
import JSON

/// `GET /`: a small JSON index of the API, so the root answers something useful (a link to the
/// contract and the ops endpoints) instead of a 404 problem.
///
/// Kept in one function, apart from the other routes, because the root is where a browser lands:
/// the demo page (`DemoPage`) answers `/` for `Accept: text/html` and leaves this answer to API
/// clients.
enum APIIndex {
    static let path = "/"

    static func response(to request: Request) -> Response {
        .json(document)
    }

    static let document = JSONValue.object([
        ("service", .string("solemate")),
        ("description", .string("Shoe recommendations, care notifications and replacement suggestions.")),
        ("links", .object([
            ("openapi", .object([("href", .string("/openapi.yaml")), ("type", .string("application/yaml"))])),
            ("health", .object([("href", .string("/health")), ("type", .string("application/json"))])),
            ("ready", .object([("href", .string("/ready")), ("type", .string("application/json"))])),
            ("metrics", .object([("href", .string("/metrics")), ("type", .string("text/plain"))])),
        ])),
    ])
}
