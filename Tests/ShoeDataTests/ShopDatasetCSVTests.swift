import Foundation
import Testing
@testable import ShoeData
import UTCTime

/// Writing a dataset as files: exact headers, the same bytes for the same seed, and no file left
/// half-written or temporary.
@Suite struct ShopDatasetCSVTests {
    static let configuration = GeneratorConfiguration(userCount: 50, shoeCount: 20, interactionCount: 2_000, seed: 3)

    @Test func theShopFilesHaveTheAgreedHeadersAndQuoting() throws {
        try withDirectory { directory in
            let dataset = try SyntheticDataGenerator(configuration: Self.configuration).generate()
            let paths = try dataset.write(toDirectory: directory, format: .shop)
            #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["users.csv", "shoes.csv", "interactions.csv"])
            let users = try lines(directory + "/users.csv")
            #expect(users.first == "id,age,gender,primary_usage")
            #expect(users.count == 51)
            let shoes = try lines(directory + "/shoes.csv")
            #expect(shoes.first == "id,brand,model,type,material,color,price,care_instructions,lifespan_days")
            let first = dataset.shoes[0]
            #expect(shoes[1] == "1,\(first.brand),\(first.model),\(first.type),\(first.material),\(first.color),"
                + "\(first.price),\"\(first.careInstructions)\",\(first.lifespanDays)")
            let events = try lines(directory + "/interactions.csv")
            #expect(events.first == "user_id,shoe_id,interaction_type,timestamp")
            #expect(events.count == 2_001)
            let event = dataset.interactions[0]
            #expect(events[1] == "\(event.userID),\(event.shoeID),\(event.kind.rawValue),\(UTCTimestamp.format(event.occurredAt))")
            #expect(events[1].hasSuffix("Z"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                == ["interactions.csv", "shoes.csv", "users.csv"])
        }
    }

    @Test func theNeutralFilesFollowTheEvaluationForm() throws {
        try withDirectory { directory in
            let dataset = try SyntheticDataGenerator(configuration: Self.configuration).generate()
            try dataset.write(toDirectory: directory + "/nested/neutral", format: .neutral)
            let items = try lines(directory + "/nested/neutral/items.csv")
            #expect(items.first == "item_id,brand,model,type,material,color")
            #expect(items.count == 21)
            let events = try lines(directory + "/nested/neutral/interactions.csv")
            #expect(events.first == "user_id,item_id,event,timestamp")
            #expect(events.dropFirst().allSatisfy { line in
                ["view", "add_to_wishlist", "purchase"].contains(line.split(separator: ",")[2])
            })
        }
    }

    @Test(arguments: ShopDataset.Format.allCases)
    func theSameSeedWritesTheSameBytes(format: ShopDataset.Format) throws {
        try withDirectory { directory in
            for (run, seed) in [(1, 3), (2, 3), (3, 4)] as [(Int, UInt64)] {
                var configuration = Self.configuration
                configuration.seed = seed
                try SyntheticDataGenerator(configuration: configuration).generate()
                    .write(toDirectory: "\(directory)/\(run)", format: format)
            }
            for name in format.fileNames {
                let bytes = try (1...3).map { try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\($0)/\(name)")) }
                #expect(bytes[0] == bytes[1], "\(name): same seed")
                #expect(bytes[0] != bytes[2], "\(name): different seed")
            }
        }
    }

    /// Pins the generator's output: a change to any draw changes these digests. If a change is meant,
    /// update them, bump nothing else, and regenerate data/ with the command in the report.
    @Test func theGeneratorsOutputIsPinned() throws {
        try withDirectory { directory in
            let configuration = GeneratorConfiguration(userCount: 40, shoeCount: 15, interactionCount: 600, seed: 42)
            try SyntheticDataGenerator(configuration: configuration).generate().write(toDirectory: directory)
            let digests = try ShopDataset.Format.shop.fileNames.map { name in
                fnv1a(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")))
            }
            #expect(digests == [0x7486_44A6_AC4B_9857, 0x63C0_04FB_E9F5_737B, 0x5618_02AA_4A06_FED5])
        }
    }

    @Test func aFailedWriteLeavesNoFiles() throws {
        try withDirectory { directory in
            let blocker = directory + "/file"
            _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
            let dataset = try SyntheticDataGenerator(configuration: Self.configuration).generate()
            #expect(throws: ShopDatasetWriteError.self) { try dataset.write(toDirectory: blocker + "/out") }
            // A directory where interactions.csv should go: refused before any file is replaced.
            try FileManager.default.createDirectory(atPath: directory + "/d/interactions.csv", withIntermediateDirectories: true)
            #expect {
                try dataset.write(toDirectory: directory + "/d")
            } throws: { error in
                "\(error)".hasSuffix("interactions.csv: Is a directory")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/d") == ["interactions.csv"])
        }
    }

    // MARK: - Helpers

    private func fnv1a(_ data: Data) -> UInt64 {
        data.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    private func lines(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    }

    private func withDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shoedata-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }
}
