import ExperimentStatistics
import Storefront

/// A storefront in the test's own process: users are split into arms by the same salted
/// 10,000-bucket hash the service uses, and every arm serves the popular list of the default data
/// without the shoes the user bought here. Both arms serve one model, so it is an A/A test: any
/// difference between them is chance.
actor InProcessShop: Storefront {
    let experiment: String
    let salt: String
    let armNames: [String]
    let split: TrafficSplit
    private let ranking: [Int]
    private let prices: [Int: Double]
    private var bought: [Int: Set<Int>] = [:]
    private var listCount = 0

    init(experiment: String, armNames: [String] = ["control", "treatment"], weights: [Double] = [50, 50],
         data: DefaultData) {
        self.experiment = experiment
        salt = experiment
        self.armNames = armNames
        split = TrafficSplit(weights: weights, trafficPercent: 100)!
        ranking = data.popularRanking
        prices = Dictionary(uniqueKeysWithValues: data.shoes.map { ($0.id, $0.price) })
    }

    func recommendations(forUser userID: Int, count: Int) -> ShownList {
        listCount += 1
        let excluded = bought[userID] ?? []
        let items = ranking.lazy.filter { !excluded.contains($0) }.prefix(count)
            .map { ShownShoe(shoeID: $0, price: self.prices[$0] ?? 0) }
        let arm = split.arm(salt: salt, userID: userID).map { ExperimentArm(experiment: experiment, arm: armNames[$0]) }
        return ShownList(recommendationID: "\(experiment)-\(listCount)", arm: arm, items: Array(items))
    }

    func record(_ events: [ShopperEvent]) {
        for event in events where event.kind == .purchase { bought[event.userID, default: []].insert(event.shoeID) }
    }
}

extension SimulationSummary {
    /// The report's input built from the simulator's own ledger: every simulated user was served
    /// at least one list, so users assigned and users exposed are the same here.
    func observations(armNames: [String], weights: [Double]) -> [ArmObservations] {
        zip(armNames, weights).map { name, weight in
            let users = outcomes.filter { $0.arm?.arm == name }
            return ArmObservations(
                name: name, weight: weight, usersAssigned: users.count,
                exposedUsers: users.map {
                    ExposedUser(lists: $0.lists, views: $0.views, wishlists: $0.wishlists, purchases: $0.purchases,
                                revenue: $0.revenue)
                })
        }
    }
}
