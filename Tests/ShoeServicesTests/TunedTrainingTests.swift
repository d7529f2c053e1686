import PostgresClient
import Recommender
import ShoeData
import ShoeServices
import Testing

@Suite("Tuning at training time: tuned models served under their names and as tuned, their choices kept")
struct TunedTrainingTests {
    /// Fitting reads no database: a pool that never connects.
    static let unconnected = PostgresPool(configuration: .init(url: "postgresql://unused@127.0.0.1:1/unused"))

    static func shop() throws -> (shoes: [Shoe], log: InteractionLog) {
        let shop = try SyntheticDataGenerator(configuration: GeneratorConfiguration(
            userCount: 150, shoeCount: 40, interactionCount: 3_000, seed: 5)).generate()
        var log = InteractionLog()
        for (index, event) in shop.interactions.enumerated() {
            log.ids.append(Int64(index + 1))
            log.userIDs.append(Int32(event.userID))
            log.shoeIDs.append(Int32(event.shoeID))
            log.kinds.append(event.kind.code)
            log.occurredAtMicros.append(Int64(event.occurredAt.timeIntervalSince1970 * 1_000_000))
        }
        return (shop.shoes, log)
    }

    @Test("with a budget, each tuned family serves its choice, the winner also as tuned, and the version says what was chosen")
    func tuned() throws {
        let (shoes, log) = try Self.shop()
        let tuning = ModelTuner.Configuration(budget: 2, seed: 3, families: ["ease", "itemknn", "blend"])
        let trained = try ModelTrainer(pool: Self.unconnected, configuration: .init(tuning: tuning)).fit(shoes: shoes, log: log)
        let version = trained.version
        let record = try #require(version.tuning)
        #expect(Set(version.modelNames).isSuperset(of: ["hybrid", "content", "popularity", "ease", "itemknn", "blend", "tuned"]))
        #expect(record.choices.map(\.model) == ["ease", "itemknn", "blend"])
        #expect(record.choices.allSatisfy { $0.fits <= 2 && $0.validationNDCG >= $0.untunedNDCG })
        let winner = try #require(record.choices.first { $0.model == record.winner })
        #expect(winner.eligible && winner.validationNDCG == record.choices.filter(\.eligible).map(\.validationNDCG).max())
        #expect(version.configurations["tuned"] == version.configurations[record.winner])
        #expect(version.configurations["ease"]?.summary == record.choices[0].summary)
        let list = try version.model(named: "tuned").recommend(history: [ItemWeight(item: 0, weight: 5)], k: 5, excluding: [0])
        #expect(list.count == 5)
    }

    @Test("without a budget nothing is tuned and the served names are the usual ones")
    func untuned() throws {
        let (shoes, log) = try Self.shop()
        let version = try ModelTrainer(pool: Self.unconnected).fit(shoes: shoes, log: log).version
        #expect(version.tuning == nil)
        #expect(version.modelNames == ["content", "ease", "hybrid", "ials", "popularity", "segment", "svd"])
    }
}
