import LinearAlgebra
import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("A model written into an archive and read back")
    struct ModelArchiveTests {
        /// One model as the root's only part.
        static func archive(_ model: any RecommendationModel) throws -> [UInt8] {
            try ModelArchive.encode(kind: "test") { $0.write("model", part: model) }
        }

        static func unarchive(_ bytes: [UInt8]) throws -> any RecommendationModel {
            try ModelArchive.decode(bytes).part("model")
        }

        @Test("recommends exactly the same lists, scores and similar items", arguments: everyModel)
        func roundTripServesTheSameLists(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let trained = try configuration.fit(set, threads: 1)
            let loaded = try Self.unarchive(try Self.archive(trained))
            #expect(loaded.name == trained.name && loaded.itemCount == trained.itemCount)
            let histories = (0..<set.userCount).map { trainingHistory(set, user: $0) } + [[], [ItemWeight(item: 3, weight: 5)]]
            let odd = ItemFilter(allowed: ItemMask(all: set.itemCount, excluding: stride(from: 1, to: set.itemCount, by: 2)))
            for history in histories {
                for filter in [ItemFilter(allowed: ItemMask(all: set.itemCount)), odd] {
                    #expect(loaded.recommend(history: history, k: 10, filter: filter) == trained.recommend(history: history, k: 10, filter: filter))
                }
                #expect(loaded.scores(forHistory: history) == trained.scores(forHistory: history))
            }
            for user in 0..<set.userCount { #expect(loaded.scores(forUser: user) == trained.scores(forUser: user)) }
            #expect(loaded.recommend(histories: histories, k: 5, filters: histories.map { _ in odd })
                == trained.recommend(histories: histories, k: 5, filters: histories.map { _ in odd }))
            if let similar = trained as? any SimilarItemsModel {
                let loadedSimilar = try #require(loaded as? any SimilarItemsModel)
                for item in 0..<set.itemCount { #expect(loadedSimilar.similar(item: item, k: 5) == similar.similar(item: item, k: 5)) }
            }
        }

        @Test("a time-aware model of the tuning recommends exactly the same lists from timed histories", arguments: [
            ModelConfiguration.easeDecay(.init(lambda: 10, halfLifeDays: 3)),
            .recency(base: .ease(lambda: 10), .init(penalty: 0.5, windowDays: 2)),
            .recent(base: .ease(lambda: 10), halfLifeDays: 3),
            .blend(collaborative: .ials(.init(factors: 4, regularization: 0.01, iterations: 15)), alpha: 0.6),
        ])
        func timeAwareRoundTrip(configuration: ModelConfiguration) throws {
            let set = timedShop()
            let trained = try configuration.fit(set, threads: 1)
            let loaded = try Self.unarchive(try Self.archive(trained))
            #expect(loaded.name == trained.name && loaded.itemCount == trained.itemCount)
            for user in 0..<set.userCount {
                let history = timedHistory(set, user: user)
                #expect(loaded.recommend(history: history, k: 10, filter: ItemFilter(allowed: ItemMask(all: set.itemCount)))
                    == trained.recommend(history: history, k: 10, filter: ItemFilter(allowed: ItemMask(all: set.itemCount))))
                #expect(loaded.scores(forUser: user) == trained.scores(forUser: user))
            }
        }

        @Test("a part two models hold is written once and read back as one part that still grows once")
        func sharedPartsStayShared() throws {
            let set = smallShop()
            let fits = ModelConfiguration.fitSharingParts([.hybrid(alpha: 0.7, svdFactors: 2), .tfidf, .svd(factors: 2)], on: set)
            let hybrid = try #require(try fits[0].get() as? HybridModel), tfidf = try fits[1].get(), svd = try fits[2].get()
            let together = try ModelArchive.encode(kind: "test") { writer in
                writer.write("hybrid", part: hybrid)
                writer.write("tfidf", part: tfidf)
                writer.write("svd", part: svd)
            }
            #expect(together.count < (try Self.archive(hybrid)).count + 2_000, "tfidf and svd add only references")
            let root = try ModelArchive.decode(together)
            let loadedHybrid = try root.part("hybrid", as: HybridModel.self), loadedContent = try root.part("tfidf", as: TFIDFModel.self)
            #expect(loadedHybrid.content.fitID == loadedContent.fitID)
            var added = AddedItems(texts: ["Brand1 boot red"])
            let grownHybrid = loadedHybrid.adding(&added), grownContent = loadedContent.adding(&added)
            #expect(grownHybrid.content.fitID == grownContent.fitID && grownContent.itemCount == set.itemCount + 1)
        }

        @Test("any flipped byte is refused by the checksum, never read as a model")
        func corruptBytesAreRefused() throws {
            let bytes = try Self.archive(try ModelConfiguration.hybrid(alpha: 0.7, svdFactors: 2).fit(smallShop(), threads: 1))
            for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
                var corrupt = bytes
                corrupt[position] ^= 0x10
                #expect(throws: ModelArchiveError.self) { try Self.unarchive(corrupt) }
            }
        }

        @Test("a truncated archive, another format version and bytes that are no archive are refused by name")
        func framingErrorsAreNamed() throws {
            let bytes = try Self.archive(try ModelConfiguration.imdb.fit(smallShop(), threads: 1))
            #expect(throws: ModelArchiveError.notAnArchive) { try ModelArchive.verify(Array("not a model".utf8)) }
            #expect(throws: ModelArchiveError.self) { try ModelArchive.verify(Array(bytes.dropLast(100))) }
            var future = bytes
            future[8] = 2   // format version 2, with a checksum that matches it
            future.removeLast(4)
            withUnsafeBytes(of: CRC32C.checksum(future).littleEndian) { future += $0 }
            #expect(throws: ModelArchiveError.unsupportedFormat(found: 2, supported: ModelArchive.formatVersion)) {
                try ModelArchive.verify(future)
            }
        }

        @Test("well-formed bytes with the wrong shapes are refused, not served")
        func inconsistentShapesAreRefused() throws {
            let bytes = try ModelArchive.encode(kind: "test") { writer in
                writer.write("model", record: "svd") { svd in
                    svd.write("name", "svd")
                    svd.write("factors", 2)
                    svd.write("singular_values", [1.0, 0.5])
                    svd.write("iterations", 0)
                    svd.write("item_factors", Matrix<Double>(rows: 3, columns: 2))
                    svd.write("unit_item_embeddings", Matrix<Double>(rows: 4, columns: 2))
                    svd.write("interactions", SparseMatrix<Double>(rows: 1, columns: 3, rowStarts: [0, 0], columnIndices: [], values: []))
                }
            }
            #expect(throws: ModelArchiveError.self) { try Self.unarchive(bytes) }
        }

        @Test("every kind is listed once, and CRC-32C is the standard's (\"123456789\" → E3069283)")
        func kindsAndChecksum() {
            #expect(Set(ModelArchive.kinds.map { $0.archiveKind }).count == ModelArchive.kinds.count)
            #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
            var chunked = CRC32C()
            "1234".utf8.withContiguousStorageIfAvailable { chunked.update(UnsafeRawBufferPointer($0)) }
            "56789".utf8.withContiguousStorageIfAvailable { chunked.update(UnsafeRawBufferPointer($0)) }
            #expect(chunked.value == 0xE306_9283)
        }
    }
}
