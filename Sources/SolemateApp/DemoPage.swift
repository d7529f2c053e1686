import Foundation
import HTTPServer
import Logging

/// The demo web page (the files of `web/`), served by the service itself so that `make run` gives
/// the shop a face with nothing else to install. The page is plain static files that call the
/// public JSON API like any client; nothing here renders HTML.
///
/// The files are read once, at start, with their content type and ETag computed then: a request
/// costs a dictionary lookup, and an edit of `web/` shows after a restart (the same as code).
/// Every file answers `Cache-Control: no-cache` (the names carry no fingerprint, so a browser must
/// revalidate; the ETag makes that a body-less 304) and a Content-Security-Policy that allows
/// scripts, styles, images and `fetch` from our own origin only.
public struct DemoPage: Sendable {
    /// One file as it is served.
    struct Asset: Sendable {
        let body: [UInt8]
        let contentType: String
        /// A strong validator: a digest of the bytes, quoted.
        let etag: String
    }

    /// The URL path under which every file of the folder is served: `/web/app.js` for `web/app.js`.
    public static let assetPrefix = "/web/"
    /// The policy of every file: our origin only, no plug-ins, no framing, no `<base>` tricks.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Files by their path inside the folder (`index.html`, `views/shopper.js`).
    let assets: [String: Asset]

    init(assets: [String: Asset]) { self.assets = assets }

    /// Reads every file under `directory` (sub-folders included, hidden files skipped). A missing
    /// or empty folder gives an empty page, logged once: the JSON API must not depend on it.
    public static func load(from directory: String, logger: Logger) -> DemoPage {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue,
              let enumerator = FileManager.default.enumerator(
                  at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            logger.warning("demo page folder not found; / serves no page", metadata: ["DEMO_DIR": "\(directory)"])
            return DemoPage(assets: [:])
        }
        var assets: [String: Asset] = [:]
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let body = Array(data)
            assets[relative] = Asset(body: body, contentType: contentType(ofFile: relative), etag: etag(of: body))
        }
        if assets["index.html"] == nil {
            logger.warning("demo page folder has no index.html; / serves no page", metadata: ["DEMO_DIR": "\(directory)"])
        }
        return DemoPage(assets: assets)
    }

    /// The GET routes of the page: `/web/<file>` for every file, and `/` for `index.html`.
    ///
    /// `jsonIndex` answers `/` for clients that do not ask for HTML (no `text/html` in `Accept`),
    /// so a JSON index of the API and the page can share the root; without one, `/` is the page.
    public func routes(jsonIndex: Router.Handler? = nil) -> [(path: String, handler: Router.Handler)] {
        var routes: [(path: String, handler: Router.Handler)] = assets.keys.sorted().map { name in
            (Self.assetPrefix + name, { request in self.response(for: name, request: request) })
        }
        if assets["index.html"] != nil {
            routes.append(("/", { request in
                if let jsonIndex, !Self.acceptsHTML(request) { return try await jsonIndex(request) }
                return self.response(for: "index.html", request: request)
            }))
        }
        return routes
    }

    /// The file `name`, or 304 when the client's `If-None-Match` names its current ETag.
    func response(for name: String, request: Request) -> Response {
        guard let asset = assets[name] else { return .problem(status: .notFound, detail: "No such file of the demo page.") }
        var headers: HTTPHeaders = [
            "ETag": asset.etag,
            "Cache-Control": "no-cache",
            "Content-Security-Policy": Self.contentSecurityPolicy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        ]
        if Self.matches(request.headers.values(for: "If-None-Match"), etag: asset.etag) {
            return Response(status: HTTPStatus(code: 304), headers: headers)
        }
        headers["Content-Type"] = asset.contentType
        return Response(headers: headers, body: asset.body)
    }

    /// RFC 9110 §13.1.2: `*`, or any listed tag equal to ours under the weak comparison.
    static func matches(_ fields: [String], etag: String) -> Bool {
        let tags = fields.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return tags.contains { $0 == "*" || $0 == etag || $0 == "W/" + etag }
    }

    static func acceptsHTML(_ request: Request) -> Bool {
        request.headers.values(for: "Accept").contains { $0.lowercased().contains("text/html") }
    }

    static func contentType(ofFile name: String) -> String {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json": "application/json"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// 64-bit FNV-1a of the bytes: an ETag only has to change when the file does, so a fast
    /// non-cryptographic digest is enough.
    static func etag(of body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}

extension DemoPage: RouteGroup {
    /// The page's files, and `/`: the page for browsers, the JSON index of the API (`APIIndex`)
    /// for every other client, and that index alone when no page is installed.
    func register(on router: inout Router) {
        let index: Router.Handler = { request in APIIndex.response(to: request) }
        let routes = routes(jsonIndex: index)
        for route in routes { router.get(route.path, use: route.handler) }
        if !routes.contains(where: { $0.path == APIIndex.path }) { router.get(APIIndex.path, use: index) }
    }
}
