import HTTPServer
import ShoeServices

/// Recommendations for the storefront: per user, similar shoes and the popular list. All answer
/// from the models in memory, with no database call, which is why they are the fast routes. Each
/// takes the storefront's filter (`RecommendationFilterWire`).
struct RecommendationRoutes: RouteGroup {
    let engine: RecommendationEngine

    func register(on router: inout Router) {
        router.get("/users/:id/recommendations") { request in
            let user = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10)
            let model = request.query["model"] ?? "hybrid"
            let filter = try RecommendationFilterWire.filter(request, hasUser: true)
            return RecommendationJSON.response(try engine.recommend(userID: user, k: k, modelName: model, filter: filter))
        }
        router.get("/shoes/:id/similar") { request in
            let shoe = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10)
            let filter = try RecommendationFilterWire.filter(request, hasUser: false)
            return RecommendationJSON.list(try engine.similar(shoeID: shoe, k: k, filter: filter))
        }
        router.get("/popular") { request in
            let k = try request.integerQuery("k", default: 10)
            let filter = try RecommendationFilterWire.filter(request, hasUser: false)
            return RecommendationJSON.list(try engine.popular(k: k, filter: filter))
        }
    }
}
