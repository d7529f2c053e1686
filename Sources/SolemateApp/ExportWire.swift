import HTTPServer
import ShoeServices

/// The body of `POST /admin/exports`; the filter comes in the query, as on the lists:
/// `POST /admin/exports?type=running&max_per_brand=2` with
/// `{"model": "hybrid", "k": 20, "users": "all", "format": "table"}`.
///
/// - `users`: `"all"` (default) or an array of user ids.
/// - `format`: `table` (default), or `csv` / `jsonl` with `out`, an absolute path on the service's
///   machine (written under a temporary name, renamed when complete).
struct ExportBody: Decodable {
    var model: String?
    var k: Int?
    var users: Users?
    var format: String?
    var out: String?

    enum Users: Decodable {
        case all
        case ids([Int])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let ids = try? container.decode([Int].self) {
                self = .ids(ids)
            } else if try container.decode(String.self) == "all" {
                self = .all
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "users must be \"all\" or user ids")
            }
        }
    }

    /// The export the request asks for; a body or query that does not say one is a 400 naming the field.
    static func options(_ request: Request) throws(HTTPError) -> CampaignExport.Options {
        let body = request.body.isEmpty ? ExportBody() : try request.decode(ExportBody.self)
        guard let format = CampaignExport.Format(rawValue: body.format ?? "table") else {
            throw HTTPError(.badRequest, detail: "format must be csv, jsonl or table.")
        }
        if format == .table, body.out != nil { throw HTTPError(.badRequest, detail: "out is for csv and jsonl; table writes to the database.") }
        if format != .table, !(body.out?.hasPrefix("/") ?? false) {
            throw HTTPError(.badRequest, detail: "out must be an absolute path for a \(format.rawValue) export.")
        }
        var users: [Int]?
        if case .ids(let ids) = body.users {
            guard !ids.isEmpty, ids.allSatisfy({ $0 > 0 }) else { throw HTTPError(.badRequest, detail: "users must be positive ids.") }
            users = ids
        }
        return CampaignExport.Options(
            model: body.model ?? "hybrid", k: body.k ?? 20, users: users,
            filter: try RecommendationFilterWire.filter(request, hasUser: true), format: format, output: body.out)
    }

    private init() {}
}
