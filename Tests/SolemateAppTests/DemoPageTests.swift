import Foundation
import HTTPServer
import Logging
import SolemateApp
import TestSupport
import Testing

/// The demo page of web/, served by the service: right content types, validators that make a
/// reload a body-less 304, and a Content-Security-Policy that allows our own origin only.
@Suite("Demo page")
struct DemoPageTests {
    /// Static files never touch the database, so the service needs none for these tests.
    static func withService<T>(_ body: (ServiceHarness) async throws -> T) async throws -> T {
        try await ServiceHarness.serving(databaseURL: "postgres://nobody@127.0.0.1:1/none", trained: false, body)
    }

    @Test("GET / for a browser is index.html, with ETag, Cache-Control: no-cache and a same-origin-only CSP")
    func indexPage() async throws {
        try await Self.withService { harness in
            let page = try await harness.client.get("/", headers: ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.status == 200, "\(page)")
            #expect(page.contentType == "text/html; charset=utf-8")
            #expect(page.text.contains("<script type=\"module\" src=\"/web/app.js\">"))
            #expect(page.headers["cache-control"] == "no-cache")
            let etag = try #require(page.headers["etag"])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2)
            let policy = try #require(page.headers["content-security-policy"])
            let directives = Set(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                              "img-src 'self'", "object-src 'none'", "frame-ancestors 'none'"] {
                #expect(directives.contains(directive), "\(policy)")
            }
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("*"))
            #expect(page.headers["x-content-type-options"] == "nosniff")
        }
    }

    @Test("each kind of file is served under /web/ with its content type")
    func contentTypes() async throws {
        try await Self.withService { harness in
            let expected = [
                "/web/index.html": "text/html; charset=utf-8", "/web/app.js": "text/javascript; charset=utf-8",
                "/web/views/shopper.js": "text/javascript; charset=utf-8", "/web/style.css": "text/css; charset=utf-8",
                "/web/icon.svg": "image/svg+xml",
            ]
            for (path, type) in expected {
                let response = try await harness.client.get(path)
                #expect(response.status == 200, "\(path): \(response)")
                #expect(response.contentType == type, "\(path)")
                #expect(response.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true, "\(path)")
            }
            expectProblem(try await harness.client.get("/web/no-such-file.js"), 404)
        }
    }

    @Test("a request naming the current ETag in If-None-Match is answered 304 without a body; a stale one gets the file")
    func conditionalRequests() async throws {
        try await Self.withService { harness in
            let first = try await harness.client.get("/web/app.js")
            let etag = try #require(first.headers["etag"])
            #expect(!first.body.isEmpty)

            let again = try await harness.client.get("/web/app.js", headers: ["If-None-Match": etag])
            #expect(again.status == 304, "\(again)")
            #expect(again.body.isEmpty)
            #expect(again.headers["etag"] == etag)
            #expect(again.headers["cache-control"] == "no-cache")

            let listed = try await harness.client.get("/web/app.js", headers: ["If-None-Match": "\"stale\", W/\(etag)"])
            #expect(listed.status == 304, "weak comparison of a list: \(listed)")

            let stale = try await harness.client.get("/web/app.js", headers: ["If-None-Match": "\"0000000000000000\""])
            #expect(stale.status == 200)
            #expect(stale.body == first.body)

            let other = try await harness.client.get("/web/style.css")
            #expect(other.headers["etag"] != etag, "files differ, so their tags do")
        }
    }

    @Test("every /web/ file that index.html and the modules refer to is served, and the whole page is under 200 KB")
    func completeAndSmall() async throws {
        try await Self.withService { harness in
            let web = RepositoryPaths.root.appendingPathComponent("web")
            var references: Set<String> = []
            var bytes = 0
            let files = try #require(FileManager.default.subpaths(atPath: web.path)).filter { !$0.hasPrefix(".") }
            for file in files {
                guard let data = FileManager.default.contents(atPath: web.appendingPathComponent(file).path) else { continue }
                bytes += data.count
                let text = String(decoding: data, as: UTF8.self)
                // "/web/x" in HTML; "./x.js" and "../x.js" in module imports, resolved against the file's folder.
                for match in text.matches(of: /"(\/web\/[A-Za-z0-9_.\/-]+)"/) { references.insert(String(match.1)) }
                let folder = URL(fileURLWithPath: "/web/" + file).deletingLastPathComponent()
                for match in text.matches(of: /from '(\.{1,2}\/[A-Za-z0-9_.\/-]+)'/) {
                    references.insert(folder.appendingPathComponent(String(match.1)).standardized.path)
                }
            }
            #expect(references.count >= 10, "\(references.sorted())")
            for path in references.sorted() {
                let response = try await harness.client.get(path)
                #expect(response.status == 200, "\(path) is referred to but \(response.status)")
            }
            #expect(bytes < 200_000, "the page weighs \(bytes) bytes")
        }
    }

    @Test("with a JSON index given, / answers it to clients that do not ask for HTML, and the page to browsers")
    func sharedRoot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<!doctype html><title>t</title>".utf8).write(to: folder.appendingPathComponent("index.html"))
        let page = DemoPage.load(from: folder.path, logger: ServiceHarness.quietLogger)
        let routes = page.routes { _ in try .json(["paths": ["/health"]]) }
        #expect(Set(routes.map(\.path)) == ["/", "/web/index.html"])
        let root = try #require(routes.first { $0.path == "/" }).handler

        let json = try await root(Request(method: .get, target: "/", headers: ["Accept": "application/json"]))
        #expect(json.headers["Content-Type"] == "application/json")
        let browser = try await root(Request(method: .get, target: "/", headers: ["Accept": "text/html"]))
        #expect(browser.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(String(decoding: browser.body, as: UTF8.self).hasPrefix("<!doctype html>"))

        let missing = DemoPage.load(from: folder.appendingPathComponent("absent").path, logger: ServiceHarness.quietLogger)
        #expect(missing.routes().isEmpty, "no folder, no routes: the API does not depend on the page")
    }
}
