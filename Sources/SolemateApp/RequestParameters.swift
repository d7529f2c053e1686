import HTTPServer
import ShoeData

/// The parsing of path and query parameters the routes share. Only the form is checked here
/// (a number, a date); the ranges (k in 1...100, limit in 1...1000, ...) are the services' rules,
/// checked once, there, and mapped to 400 by `ServiceErrors`.
extension Request {
    /// A path parameter that must be a positive integer id.
    func integerParameter(_ name: String) throws(HTTPError) -> Int {
        guard let text = pathParameters[name], let value = Int(text), value > 0, value <= Int(Int32.max) else {
            throw HTTPError(.badRequest, detail: "The \(name) in the path must be a positive integer.")
        }
        return value
    }

    /// A query parameter that must be an integer, or `fallback` when absent.
    func integerQuery(_ name: String, default fallback: Int) throws(HTTPError) -> Int {
        guard let text = query[name] else { return fallback }
        guard let value = Int(text) else { throw HTTPError(.badRequest, detail: "\(name) must be an integer.") }
        return value
    }

    /// `as_of`: a UTC day, today by default.
    func asOf() throws(HTTPError) -> Day {
        guard let text = query["as_of"] else { return .today }
        guard let day = Day(text) else { throw HTTPError(.badRequest, detail: "as_of must be a date YYYY-MM-DD.") }
        return day
    }
}
