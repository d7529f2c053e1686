import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Storefront

/// The storefront of a running Solemate service, over its public JSON API: `GET
/// /users/{id}/recommendations` for the lists and `POST /interactions` for the events, each event
/// carrying its list's `recommendation_id`. The simulator's only HTTP; Foundation's URLSession, so
/// no dependency is added.
public struct HTTPStorefront: Storefront {
    public let baseURL: URL
    private let session: URLSession

    /// - Parameters:
    ///   - baseURL: e.g. `http://127.0.0.1:8080`.
    ///   - connections: keep-alive connections at most (one per user in flight is enough).
    public init(baseURL: URL, connections: Int = 8) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, connections)
        configuration.timeoutIntervalForRequest = 60
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    public func recommendations(forUser userID: Int, count: Int) async throws -> ShownList {
        var components = URLComponents(url: baseURL.appendingPathComponent("users/\(userID)/recommendations"),
                                       resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "k", value: String(count))]
        guard let url = components?.url else { throw HTTPStorefrontError.badURL(baseURL.absoluteString) }
        let body = try await send(URLRequest(url: url), expecting: 200)
        let wire: ListWire
        do {
            wire = try JSONDecoder().decode(ListWire.self, from: body)
        } catch {
            throw HTTPStorefrontError.unreadable("GET \(url.path)", String(describing: error))
        }
        return ShownList(
            recommendationID: wire.recommendationID,
            arm: wire.experiment.map { ExperimentArm(experiment: $0.name, arm: $0.arm) },
            items: wire.items.map { ShownShoe(shoeID: $0.shoeID, brand: $0.brand, model: $0.model, price: $0.price) })
    }

    public func record(_ events: [ShopperEvent]) async throws {
        var request = URLRequest(url: baseURL.appendingPathComponent("interactions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONEncoder().encode(events.map {
            EventWire(userID: $0.userID, shoeID: $0.shoeID, interactionType: $0.kind.rawValue,
                      recommendationID: $0.recommendationID)
        })
        _ = try await send(request, expecting: 201)
    }

    private func send(_ request: URLRequest, expecting status: Int) async throws -> Data {
        let (data, response) = try await session.data(for: request)
        let code = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard code == status else {
            throw HTTPStorefrontError.status(
                "\(request.httpMethod ?? "GET") \(request.url?.path ?? "")", code, String(decoding: data.prefix(300), as: UTF8.self))
        }
        return data
    }

    // The wire forms (openapi.yaml): only the fields the shopper uses.
    private struct ListWire: Decodable {
        struct Experiment: Decodable { var name: String; var arm: String }
        struct Item: Decodable {
            var shoeID: Int
            var brand: String?
            var model: String?
            var price: Double
            enum CodingKeys: String, CodingKey { case shoeID = "shoe_id", brand, model, price }
        }
        var recommendationID: String?
        var experiment: Experiment?
        var items: [Item]
        enum CodingKeys: String, CodingKey { case recommendationID = "recommendation_id", experiment, items }
    }

    private struct EventWire: Encodable {
        var userID: Int
        var shoeID: Int
        var interactionType: String
        var recommendationID: String?
        enum CodingKeys: String, CodingKey {
            case userID = "user_id", shoeID = "shoe_id", interactionType = "interaction_type"
            case recommendationID = "recommendation_id"
        }
    }
}

/// Why a call to the service failed, with what the service answered.
public enum HTTPStorefrontError: Error, CustomStringConvertible {
    case badURL(String)
    case status(String, Int, String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .badURL(let url): "not a usable base URL: \(url)"
        case .status(let call, let code, let body): "\(call) answered \(code): \(body)"
        case .unreadable(let call, let reason): "\(call) answered an unreadable body: \(reason)"
        }
    }
}
