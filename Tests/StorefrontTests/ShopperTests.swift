import ExperimentStatistics
import ShoeData
import Storefront
import Testing

@Suite("Simulated shoppers")
struct ShopperTests {
    @Test("the tastes of seed 42 belong to data/: every shoe the generator draws again is the one in shoes.csv")
    func tastesMatchTheDefaultData() throws {
        let data = try DefaultData.shared.get()
        let tastes = ShopperTastes(seed: DefaultData.seed, userCount: data.users, shoeCount: data.shoes.count)
        for row in data.shoes {
            let shoe = try #require(tastes.generatedShoe(row.id))
            #expect(shoe.brand == row.brand && shoe.model == row.model && Double(shoe.price.cents) / 100 == row.price, "shoe \(row.id)")
        }
        let matches = (1...50).flatMap { user in (1...data.shoes.count).compactMap { tastes.match(userID: user, shoeID: $0) } }
        #expect(matches.count == 50 * data.shoes.count)
        #expect(matches.allSatisfy { $0 > 0 && $0 <= 1 })
        #expect(tastes.match(userID: 1, shoeID: data.shoes.count + 1) == nil)
    }

    @Test("shown the shoes that match them best, shoppers view and buy more than when shown the worst")
    func behaviourFollowsTheTaste() throws {
        let data = try DefaultData.shared.get()
        let tastes = ShopperTastes(seed: DefaultData.seed, userCount: 500, shoeCount: data.shoes.count)
        let behaviour = ShopperBehaviour()
        func play(best: Bool) -> (views: Int, purchases: Int) {
            var views = 0, purchases = 0
            for user in 1...500 {
                let ranked = data.shoes.map { (id: $0.id, match: tastes.match(userID: user, shoeID: $0.id) ?? 0) }
                    .sorted { $0.match > $1.match }.map(\.id)
                let shown = (best ? ranked.prefix(10) : ranked.suffix(10)).map { ShownShoe(shoeID: $0, price: 100) }
                var random = SeededRandom(seed: 5, stream: 7, index: UInt64(user))
                let events = behaviour.session(
                    userID: user, list: ShownList(recommendationID: "r", arm: nil, items: shown), tastes: tastes,
                    random: &random
                ).events
                views += events.filter { $0.kind == .view }.count
                purchases += events.filter { $0.kind == .purchase }.count
                #expect(events.allSatisfy { $0.recommendationID == "r" && $0.userID == user })
            }
            return (views, purchases)
        }
        let best = play(best: true)
        let worst = play(best: false)
        #expect(best.views > 3 * worst.views, "views \(best.views) against \(worst.views)")
        #expect(best.purchases > 3 * worst.purchases, "purchases \(best.purchases) against \(worst.purchases)")
    }

    @Test("a shown shoe that is not the generator's (another brand or model under its id) gets the ordinary match and is counted")
    func unknownShoes() throws {
        let tastes = ShopperTastes(seed: DefaultData.seed, userCount: 1, shoeCount: 300)
        let list = ShownList(recommendationID: nil, arm: nil, items: [
            ShownShoe(shoeID: 1, brand: "Nobody", model: "Nothing", price: 10), ShownShoe(shoeID: 301, price: 10),
        ])
        var random = SeededRandom(seed: 1, stream: 7)
        #expect(ShopperBehaviour().session(userID: 1, list: list, tastes: tastes, random: &random).unknownShoes == 2)
    }

    @Test("one arm's exposures dropped (a tenth of its users lost by the log): the sample-ratio check flags it")
    func brokenSplitIsFlagged() async throws {
        let data = try DefaultData.shared.get()
        let tastes = ShopperTastes(seed: DefaultData.seed, userCount: 2000, shoeCount: data.shoes.count)
        let shop = InProcessShop(experiment: "broken-split", data: data)
        let summary = await StorefrontSimulation(
            storefront: shop, tastes: tastes, configuration: .init(users: 2000, days: 1, seed: 3)
        ).run()
        let healthy = summary.observations(armNames: shop.armNames, weights: [50, 50])
        #expect(!ExperimentReport(arms: healthy).srm.flagged)

        var broken = healthy
        broken[1].exposedUsers = broken[1].exposedUsers.enumerated().filter { $0.offset % 10 != 0 }.map(\.element)
        let report = ExperimentReport(arms: broken)
        #expect(report.srm.exposed?.flagged == true)
        #expect(report.srm.assigned?.flagged == false)
        #expect(report.verdict.hasPrefix("sample ratio mismatch"))
    }
}
