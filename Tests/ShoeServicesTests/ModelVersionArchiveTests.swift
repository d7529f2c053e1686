import Foundation
import PostgresClient
import Recommender
import ShoeData
import ShoeServices
import Testing

/// A version trained as the service trains it, written out and read back, as a replica loads what
/// the trainer published.
@Suite("A model version in its binary form")
struct ModelVersionArchiveTests {
    /// A generated shop (300 users, 80 shoes, 12,000 events), fitted with every served model.
    static let trained: ModelTrainer.Result = {
        let dataset = try! SyntheticDataGenerator(
            configuration: GeneratorConfiguration(userCount: 300, shoeCount: 80, interactionCount: 12_000, seed: 7)).generate()
        let log = InteractionLog(dataset.interactions)
        // The trainer never touches the pool in `fit`; it is only there to satisfy the initialiser.
        let pool = PostgresPool(configuration: .init(url: "postgresql:///unused"))
        return try! ModelTrainer(pool: pool).fit(shoes: dataset.shoes, log: log)
    }()

    @Test("every served model recommends exactly the same lists after a round trip")
    func everyModelServesTheSameLists() throws {
        let version = Self.trained.version
        let loaded = try ModelVersion(archive: try version.archived())
        #expect(loaded.modelNames == version.modelNames && version.modelNames.count >= 7)
        #expect(loaded.id == version.id && loaded.trainedAt == version.trainedAt && loaded.shoeIDs == version.shoeIDs)
        #expect(loaded.itemTexts == version.itemTexts && loaded.eventCount == version.eventCount && loaded.userCount == version.userCount)
        #expect(loaded.configurations == version.configurations)
        let log = Self.trained.log
        let histories = UserHistories()
        histories.replace(with: log)
        let original = RecommendationEngine(histories: histories), replica = RecommendationEngine(histories: histories)
        original.publish(version, catalog: Self.trained.shoes)
        replica.publish(loaded, catalog: Self.trained.shoes)
        for name in version.modelNames {
            for user in Set(log.userIDs.prefix(400)).sorted() + [999_999] {
                let a = try original.recommend(userID: Int(user), k: 10, modelName: name)
                let b = try replica.recommend(userID: Int(user), k: 10, modelName: name)
                #expect(a.items.map(\.shoeID) == b.items.map(\.shoeID), "\(name), user \(user)")
                #expect(a.items.map(\.score) == b.items.map(\.score), "\(name), user \(user)")
            }
        }
        for shoe in version.shoeIDs.prefix(20) {
            #expect(try original.similar(shoeID: shoe, k: 5).map(\.shoeID) == replica.similar(shoeID: shoe, k: 5).map(\.shoeID))
        }
    }

    @Test("a loaded version still takes a new shoe through content, as the trained one does")
    func loadedVersionGrowsWithANewShoe() throws {
        let version = Self.trained.version
        let loaded = try ModelVersion(archive: try version.archived())
        let text = ModelVersion.text(brand: "Veloce", model: "Nova", type: "running", material: "mesh", color: "red")
        let a = version.adding(shoeID: 9_999, text: text), b = loaded.adding(shoeID: 9_999, text: text)
        let history = [ItemWeight(item: 0, weight: 5), ItemWeight(item: 3, weight: 1)]
        for name in version.modelNames {
            #expect(try a.model(named: name).recommend(history: history, k: 10, excluding: [])
                == b.model(named: name).recommend(history: history, k: 10, excluding: []), "\(name)")
        }
    }

    @Test("a version's bytes with one byte changed are refused with the checksum named")
    func corruptVersionIsRefused() throws {
        var bytes = try Self.trained.version.archived()
        bytes[bytes.count / 2] ^= 0x01
        #expect {
            _ = try ModelVersion(archive: bytes)
        } throws: { error in
            guard case .checksumMismatch = error as? ModelArchiveError else { return false }
            return true
        }
    }
}
