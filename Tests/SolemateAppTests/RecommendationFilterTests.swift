import Foundation
import Recommender
import ShoeData
import ShoeServices
import Testing
import TestSupport

/// Request-time filters over real HTTP on the default data (data/: 2,000 users, 300 shoes):
/// every list is the unfiltered full ranking, filtered by brute force, cut at k.
@Suite("Recommendation filters")
struct RecommendationFilterTests {
    static let data = RepositoryPaths.root.appendingPathComponent("data")

    /// One filter as a query, and an independent reading of what it admits.
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        var admits: @Sendable (Shoe, UserHistories.History) -> Bool
        var maxPerBrand: Int?
        var description: String { query }
    }

    static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    /// Each filter alone, then together; `exclude` names shoes that rank high for everyone.
    static func cases(excluding excluded: [Int]) -> [Case] {
        let list = excluded.map(String.init).joined(separator: ",")
        return [
            Case(query: "type=running") { shoe, _ in shoe.type == .running },
            Case(query: "type=RUNNING&type=hiking%20boot") { shoe, _ in shoe.type == .running || shoe.type == .hikingBoot },
            Case(query: "brand=Trailforge") { shoe, _ in shoe.brand == "Trailforge" },
            Case(query: "brand=Trailforge&brand=kinetiq") { shoe, _ in shoe.brand == "Trailforge" || shoe.brand == "Kinetiq" },
            Case(query: "material=leather") { shoe, _ in shoe.material == .leather },
            Case(query: "color=black&color=white") { shoe, _ in same(shoe.color, "black") || same(shoe.color, "white") },
            Case(query: "min_price=150") { shoe, _ in shoe.price.cents >= 15_000 },
            Case(query: "max_price=99.99") { shoe, _ in shoe.price.cents <= 9_999 },
            Case(query: "min_price=80&max_price=120.5") { shoe, _ in (8_000...12_050).contains(shoe.price.cents) },
            Case(query: "exclude=\(list)") { shoe, _ in !excluded.contains(shoe.id) },
            Case(query: "exclude=\(excluded[0])&exclude=\(excluded.dropFirst().map(String.init).joined(separator: ","))") { shoe, _ in
                !excluded.contains(shoe.id)
            },
            Case(query: "exclude_interacted=view") { shoe, history in !history.viewed.contains(shoe.id) },
            Case(query: "exclude_interacted=view,add_to_wishlist") { shoe, history in
                !history.viewed.contains(shoe.id) && !history.wishlisted.contains(shoe.id)
            },
            Case(query: "max_per_brand=1", admits: { _, _ in true }, maxPerBrand: 1),
            Case(query: "type=sneaker&type=casual&material=leather&material=canvas&max_price=200&exclude_interacted=view&max_per_brand=2",
                 admits: { shoe, history in
                     (shoe.type == .sneaker || shoe.type == .casual) && (shoe.material == .leather || shoe.material == .canvas)
                         && shoe.price.cents <= 20_000 && !history.viewed.contains(shoe.id)
                 }, maxPerBrand: 2),
            Case(query: "brand=Nobody%20Makes%20This") { _, _ in false },
        ]
    }

    /// The brute force: walk the full ranking, keep what the case admits, at most `maxPerBrand` of a brand, cut at k.
    static func expected(_ ranking: [Int], _ filter: Case, k: Int, history: UserHistories.History, catalog: ShoeCatalog) -> [Int] {
        var perBrand: [String: Int] = [:]
        var kept: [Int] = []
        for id in ranking where kept.count < k {
            guard let shoe = catalog.shoe(id), filter.admits(shoe, history) else { continue }
            if let cap = filter.maxPerBrand {
                let brand = shoe.brand.lowercased()
                guard perBrand[brand, default: 0] < cap else { continue }
                perBrand[brand, default: 0] += 1
            }
            kept.append(id)
        }
        return kept
    }

    /// A user's unfiltered ranking of every shoe by `model` (purchases excluded), as shoe ids;
    /// a user without history gets the cold-start list, as the route does.
    static func fullRanking(_ engine: RecommendationEngine, user: Int, model name: String) throws -> [Int] {
        let version = try #require(engine.version)
        let history = engine.histories.history(of: user)
        let weights = history.weights.compactMap { shoe, weight in version.itemIndex[shoe].map { ItemWeight(item: $0, weight: weight) } }
            .sorted { $0.item < $1.item }
        let model = try #require(version.models[weights.isEmpty ? engine.serving.coldStartModel : name])
        let purchased = Set(history.purchased.compactMap { version.itemIndex[$0] })
        return model.recommend(history: weights, k: model.itemCount, excluding: purchased).map { version.shoeIDs[$0.item] }
    }

    @Test("every filter alone and combined equals the brute-force filter of the full ranking, for every model, a cold start, /similar and /popular")
    func filtersMatchBruteForce() async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let engine = harness.service.recommendations
            let catalog = engine.catalog
            let popularRanking = try Self.fullRanking(engine, user: 999_999, model: "popularity")
            let cases = Self.cases(excluding: Array(popularRanking.prefix(3)))
            let k = 10
            var nonEmpty = 0
            for model in ["hybrid", "svd", "content", "popularity", "ease", "ials", "segment"] {
                for user in [1, 42, 999_999] {
                    let ranking = try Self.fullRanking(engine, user: user, model: model)
                    let history = engine.histories.history(of: user)
                    for filter in cases {
                        let response = try await harness.client.get("/users/\(user)/recommendations?k=\(k)&model=\(model)&\(filter.query)")
                        #expect(response.status == 200, "\(response)")
                        let got = shoeIDs(try response.items())
                        let want = Self.expected(ranking, filter, k: k, history: history, catalog: catalog)
                        #expect(got == want, "user \(user), \(model), \(filter)")
                        if !got.isEmpty { nonEmpty += 1 }
                    }
                }
            }
            #expect(nonEmpty > 250, "the cases must mostly have shoes to rank")

            let version = try #require(engine.version)
            let content = try #require(version.models[engine.serving.similarModel] as? any SimilarItemsModel)
            for shoe in [4, 17] {
                let index = try #require(version.itemIndex[shoe])
                let ranking = content.similar(item: index, k: content.itemCount).map { version.shoeIDs[$0.item] }
                for filter in cases where !filter.query.contains("exclude_interacted") {
                    let got = shoeIDs(try await harness.client.get("/shoes/\(shoe)/similar?k=\(k)&\(filter.query)").items())
                    #expect(got == Self.expected(ranking, filter, k: k, history: .init(), catalog: catalog), "similar to \(shoe), \(filter)")
                }
            }
            for filter in cases where !filter.query.contains("exclude_interacted") {
                let got = shoeIDs(try await harness.client.get("/popular?k=\(k)&\(filter.query)").items())
                #expect(got == Self.expected(popularRanking, filter, k: k, history: .init(), catalog: catalog), "popular, \(filter)")
            }
        }
    }

    @Test("a filtered list keeps k shoes while k such shoes exist, and is shorter, never padded, when fewer do")
    func kStaysFilled() async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let catalog = harness.service.recommendations.catalog
            // 20 hiking boots in the shop: a user can be shown at most 20 minus those bought.
            let hiking = (1...300).compactMap { catalog.shoe($0) }.filter { $0.type == .hikingBoot }.map(\.id)
            #expect(hiking.count == 20)
            for user in [1, 42, 7] {
                let bought = harness.service.recommendations.histories.history(of: user).purchased
                let available = hiking.filter { !bought.contains($0) }.count
                let ten = shoeIDs(try await harness.client.get("/users/\(user)/recommendations?k=10&type=hiking%20boot").items())
                #expect(ten.count == 10 && ten.allSatisfy(hiking.contains), "user \(user): \(ten)")
                let all = shoeIDs(try await harness.client.get("/users/\(user)/recommendations?k=100&type=hiking%20boot").items())
                #expect(all.count == available, "user \(user) gets every hiking boot they did not buy, and nothing else")
                #expect(Set(all).count == all.count && all.allSatisfy(hiking.contains))
            }
            // One of each brand at most: as many shoes as brands.
            let brands = Set((1...300).compactMap { catalog.shoe($0)?.brand.lowercased() })
            let diverse = try await harness.client.get("/popular?k=100&max_per_brand=1").items()
            #expect(diverse.count == brands.count)
            #expect(Set(diverse.compactMap { ($0["brand"] as? String)?.lowercased() }).count == brands.count)
            let popular = shoeIDs(try await harness.client.get("/popular?k=3&type=running").items())
            #expect(popular.count == 3 && popular.allSatisfy { catalog.shoe($0)?.type == .running }, "/popular?type= as before")
            #expect(try await harness.client.get("/popular?k=5&type=moon%20boot").items().isEmpty, "an unknown type is an empty list")
        }
    }

    @Test("replacement suggestions pass the filter and stay k long while enough such shoes exist")
    func replacementSuggestionsAreFiltered() async throws {
        try await ServiceHarness.with(dataset: Self.data) { harness in
            let catalog = harness.service.recommendations.catalog
            let page = try await harness.client.get("/replacement?as_of=2026-12-01&within_days=365&k=4&limit=20&type=sneaker&max_price=150&max_per_brand=1")
            #expect(page.status == 200, "\(page)")
            let items = try page.items()
            #expect(!items.isEmpty)
            for item in items {
                let suggestions = try #require(item["suggestions"] as? [[String: Any]])
                let shoes = shoeIDs(suggestions).compactMap { catalog.shoe($0) }
                #expect(shoes.count == 4, "46 sneakers: four always pass")
                #expect(shoes.allSatisfy { $0.type == .sneaker && $0.price.cents <= 15_000 })
                #expect(Set(shoes.map(\.brand)).count == shoes.count, "one of a brand")
            }
        }
    }

    @Test("a malformed filter value is a 400 naming its parameter, min_price above max_price too")
    func badValuesAre400() async throws {
        try await ServiceHarness.with { harness in
            let bad: [(String, String)] = [
                ("/users/1/recommendations?min_price=cheap", "min_price"),
                ("/users/1/recommendations?max_price=1.234", "max_price"),
                ("/users/1/recommendations?min_price=-1", "min_price"),
                ("/users/1/recommendations?min_price=200&max_price=100", "min_price"),
                ("/users/1/recommendations?exclude=3,x", "exclude"),
                ("/users/1/recommendations?exclude=3,,4", "exclude"),
                ("/users/1/recommendations?exclude=0", "exclude"),
                ("/users/1/recommendations?exclude_interacted=like", "exclude_interacted"),
                ("/users/1/recommendations?max_per_brand=two", "max_per_brand"),
                ("/users/1/recommendations?max_per_brand=0", "max_per_brand"),
                ("/users/1/recommendations?type=", "type"),
                ("/shoes/1/similar?max_price=abc", "max_price"),
                ("/shoes/1/similar?exclude_interacted=view", "exclude_interacted"),
                ("/popular?min_price=5&max_price=4", "min_price"),
                ("/popular?brand=%20", "brand"),
                ("/replacement?as_of=2026-06-01&min_price=x", "min_price"),
                ("/users/1/replacement?as_of=2026-06-01&max_per_brand=-1", "max_per_brand"),
            ]
            for (target, parameter) in bad {
                let response = try await harness.client.get(target)
                expectProblem(response, 400)
                let detail = try response.object().string("detail") ?? ""
                #expect(detail.contains(parameter), "\(target): \(detail)")
            }
            #expect(try await harness.client.get("/users/1/recommendations?brand=Unheard").items().isEmpty)
            #expect(try await harness.client.get("/users/1/recommendations?min_price=100&max_price=100").status == 200)
        }
    }
}
