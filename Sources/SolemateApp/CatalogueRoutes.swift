import HTTPServer
import ShoeServices

/// The shop's catalogue and customers: a user's profile, a shoe's details, and new shoes, which
/// are recommendable through content at once.
struct CatalogueRoutes: RouteGroup {
    let directory: ShopDirectory
    let engine: RecommendationEngine
    let blocking: BlockingWork

    func register(on router: inout Router) {
        router.get("/users/:id") { request in
            let id = try request.integerParameter("id")
            guard let profile = try await blocking.run({ try directory.user(id) }) else {
                throw HTTPError(.notFound, detail: "No user with id \(id).")
            }
            return .json(CatalogueWire.profile(profile))
        }
        router.get("/shoes/:id") { request in
            let id = try request.integerParameter("id")
            guard engine.version != nil else { throw RecommendationError.noModel }
            guard let shoe = engine.catalog.shoe(id) else { throw HTTPError(.notFound, detail: "No shoe with id \(id).") }
            return .json(CatalogueWire.shoe(shoe))
        }
        router.post("/shoes") { request in
            let shoe = try request.decode(CatalogueWire.NewShoeBody.self).shoe
            let problems = shoe.problems()
            guard problems.isEmpty else {
                let detail = problems.keys.sorted().map { "\($0) \(problems[$0]!)" }.joined(separator: "; ")
                throw HTTPError(.unprocessableContent, detail: detail)
            }
            let stored = try await blocking.run { try directory.add(shoe) }
            engine.add(stored)
            return .json(CatalogueWire.shoe(stored), status: .created)
        }
    }
}
