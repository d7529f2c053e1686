import Foundation
import Testing

/// What a browser and a monitoring system see of the service: the index at `/`, CORS for the
/// configured origins, and 405 (never 5xx) for methods a route does not take.
@Suite("Browsers, the root and methods")
struct BrowserAndMethodTests {
    @Test("GET / answers a JSON index linking the API document and the ops endpoints")
    func index() async throws {
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/")
            #expect(response.status == 200)
            #expect(response.contentType == "application/json")
            let links = try #require(try response.object().object("links"))
            #expect(links.object("openapi")?.string("href") == "/openapi.yaml")
            #expect(links.object("health")?.string("href") == "/health")
            #expect(links.object("ready")?.string("href") == "/ready")
            #expect(links.object("metrics")?.string("href") == "/metrics")
            for link in links.values.compactMap({ ($0 as? [String: Any])?.string("href") }) {
                #expect(try await harness.client.get(link).status == 200, "\(link)")
            }
        }
    }

    @Test("methods the server knows but a route does not take are 405 with Allow; OPTIONS is 204 with Allow")
    func methods() async throws {
        try await ServiceHarness.with { harness in
            for method in ["TRACE", "PUT", "DELETE", "PATCH"] {
                let response = try await harness.client.send(method, "/users/1/recommendations")
                expectProblem(response, 405)
                #expect(response.headers["allow"] == "GET, HEAD", "\(method)")
            }
            let options = try await harness.client.send("OPTIONS", "/interactions")
            #expect(options.status == 204)
            #expect(options.headers["allow"] == "POST")
            let admin = try await harness.client.send("OPTIONS", "/admin/train")
            #expect(admin.status == 204, "OPTIONS reveals only Allow, so it needs no token")
            #expect(admin.headers["allow"] == "POST")
        }
    }

    @Test("CORS: a configured origin is allowed, another refused, and a preflight answered; none by default")
    func cors() async throws {
        let storefront = "https://shop.example"
        try await ServiceHarness.with { harness in
            let response = try await harness.client.get("/popular?k=1", headers: ["Origin": storefront])
            #expect(response.headers["access-control-allow-origin"] == nil, "no origin is allowed unless configured")
        }
        try await ServiceHarness.with { harness in
            try await ServiceHarness.serving(databaseURL: harness.databaseURL, trained: true, corsOrigins: [storefront]) { cors in
                let allowed = try await cors.client.get("/popular?k=1", headers: ["Origin": storefront])
                #expect(allowed.status == 200)
                #expect(allowed.headers["access-control-allow-origin"] == storefront)
                #expect(allowed.headers["vary"] == "Origin")

                let refused = try await cors.client.get("/popular?k=1", headers: ["Origin": "https://elsewhere.example"])
                #expect(refused.status == 200)
                #expect(refused.headers["access-control-allow-origin"] == nil)
                #expect(refused.headers["vary"] == "Origin")

                let preflight = try await cors.client.send("OPTIONS", "/admin/train", headers: [
                    "Origin": storefront, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization",
                ])
                #expect(preflight.status == 204)
                #expect(preflight.headers["access-control-allow-origin"] == storefront)
                #expect(preflight.headers["access-control-allow-methods"] == "POST")
                #expect(preflight.headers["access-control-allow-headers"]?.contains("Authorization") == true)
                #expect(preflight.headers["access-control-max-age"] != nil)

                let problem = try await cors.client.get("/users/abc", headers: ["Origin": storefront])
                expectProblem(problem, 400)
                #expect(problem.headers["access-control-allow-origin"] == storefront, "a browser page may read the problem too")
            }
        }
    }
}
