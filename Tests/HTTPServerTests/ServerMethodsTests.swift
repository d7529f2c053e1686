import Testing
@testable import HTTPServer

extension ServerTests {
    /// Which methods get which answer, over real sockets: a method the server knows but a route
    /// does not take is the client's mistake (405 with `Allow`), never a 5xx that monitoring would
    /// count as ours; OPTIONS answers 204 with `Allow`; only unheard-of tokens are 501.
    @Suite struct Methods {
        private func routes(_ router: inout Router) {
            router.get("/items/:id") { request in .text(request.pathParameters["id"] ?? "") }
            router.post("/items") { _ in .text("created", status: .created) }
        }

        @Test func knownMethodsARouteDoesNotTakeAre405WithAllow() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                for method in ["TRACE", "CONNECT", "PUT", "DELETE", "PATCH"] {
                    try client.send("\(method) /items/7 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                    let response = try client.readResponse()
                    #expect(response.status == 405, "\(method)")
                    #expect(response.header("Allow") == "GET, HEAD", "\(method)")
                    #expect(response.header("Content-Type") == "application/problem+json", "\(method)")
                }
                try client.send("PUT /items HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                let put = try client.readResponse()
                #expect(put.status == 405)
                #expect(put.header("Allow") == "POST")
            }
        }

        @Test func connectToAnAuthorityIs405WithAnEmptyAllow() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 405)
                #expect(response.header("Allow") == "")
                try client.send("GET /items/8 HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().text == "8", "the connection stays usable")
            }
        }

        @Test func optionsOnAKnownPathIs204WithAllow() async throws {
            try await withServer(routes: routes) { _, port in
                let client = try RawClient(port: port)
                try client.send("OPTIONS /items/7 HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS /items HTTP/1.1\r\nHost: x\r\n\r\n")
                let item = try client.readResponse()
                #expect(item.status == 204)
                #expect(item.header("Allow") == "GET, HEAD")
                #expect(item.body.isEmpty)
                let collection = try client.readResponse()
                #expect(collection.status == 204)
                #expect(collection.header("Allow") == "POST")
                try client.send("OPTIONS /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 404)
            }
        }

        @Test func unheardOfMethodTokensStay501() async throws {
            try await withServer(routes: routes) { _, port in
                for method in ["BREW", "PROPFIND", "get"] {
                    let client = try RawClient(port: port)
                    try client.send("\(method) /items/7 HTTP/1.1\r\nHost: x\r\n\r\n")
                    #expect(try client.readResponse().status == 501, "\(method)")
                }
            }
        }
    }
}
