import HTTPServer
import ShoeServices

/// Recommendations for the storefront: per user, similar shoes and the popular list. All answer
/// from the models in memory, with no database call, which is why they are the fast routes. Each
/// list goes through `ServedLists`: it gets a recommendation id, its exposure is queued for the
/// log, and a user's list without `model=` is served by the user's experiment arm. Each takes the
/// storefront's filter (`RecommendationFilterWire`), applied alike to every model and arm.
struct RecommendationRoutes: RouteGroup {
    let lists: ServedLists

    func register(on router: inout Router) {
        router.get("/users/:id/recommendations") { request in
            let user = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10)
            let filter = try RecommendationFilterWire.filter(request, hasUser: true)
            let served = try lists.recommendations(userID: user, k: k, modelName: request.query["model"], filter: filter)
            return RecommendationJSON.response(
                served.recommendation, recommendationID: served.recommendationID, experiment: served.experiment)
        }
        router.get("/shoes/:id/similar") { request in
            let shoe = try request.integerParameter("id")
            let k = try request.integerQuery("k", default: 10)
            let filter = try RecommendationFilterWire.filter(request, hasUser: false)
            let served = try lists.similar(shoeID: shoe, k: k, filter: filter)
            return RecommendationJSON.list(served.items, recommendationID: served.recommendationID)
        }
        router.get("/popular") { request in
            let k = try request.integerQuery("k", default: 10)
            let filter = try RecommendationFilterWire.filter(request, hasUser: false)
            let served = try lists.popular(k: k, filter: filter)
            return RecommendationJSON.list(served.items, recommendationID: served.recommendationID)
        }
    }
}
