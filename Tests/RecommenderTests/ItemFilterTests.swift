import Testing
@testable import Recommender

extension RecommenderSpecification {
    @Suite("Serving among allowed items")
    struct ItemFilterTests {
        @Test("a mask keeps exactly its members: insert, remove, union, intersection, ranges that differ")
        func maskAlgebra() {
            var evens = ItemMask(none: 130)
            for i in stride(from: 0, to: 130, by: 2) { evens.insert(i) }
            var low = ItemMask(all: 70)
            low.formIntersection(evens)
            #expect(low.members == Array(stride(from: 0, to: 70, by: 2)))
            var wide = ItemMask(none: 0)
            wide.insert(200)
            wide.formUnion(low)
            #expect(wide.count == 201 && wide.memberCount == 36 && wide.contains(200) && !wide.contains(201))
            var all = ItemMask(all: 130, excluding: [0, 129, 500])
            all.subtract(evens)
            #expect(all.memberCount == 64 && !all.contains(129) && all.contains(127))
        }

        @Test("every model's filtered list is its full ranking filtered and cut at k, brand cap included", arguments: everyModel)
        func filteredEqualsFullRankingFiltered(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            let labels = (0..<set.itemCount).map { Int32($0 % 3) }
            for user in 0..<set.userCount {
                let history = trainingHistory(set, user: user)
                let full = model.recommend(history: history, k: set.itemCount, excluding: []).map(\.item)
                var odd = ItemMask(none: set.itemCount)
                for i in stride(from: 1, to: set.itemCount, by: 2) { odd.insert(i) }
                #expect(model.recommend(history: history, k: 3, filter: ItemFilter(allowed: odd)).map(\.item)
                    == Array(full.filter { $0 % 2 == 1 }.prefix(3)))
                var perGroup: [Int32: Int] = [:]
                let capped = full.filter { item in
                    perGroup[labels[item], default: 0] += 1
                    return perGroup[labels[item]]! <= 1
                }
                let served = model.recommend(
                    history: history, k: 5,
                    filter: ItemFilter(allowed: ItemMask(all: set.itemCount), groupCap: .init(labels: labels, cap: 1)))
                #expect(served.map(\.item) == Array(capped.prefix(5)), "\(model.name) user \(user): one per group, three groups")
            }
        }

        @Test("the batch call answers what one call per history does, empty histories and filters included", arguments: everyModel)
        func batchEqualsSingle(configuration: ModelConfiguration) throws {
            let set = smallShop()
            let model = try configuration.fit(set, threads: 1)
            let histories = (0..<set.userCount).map { trainingHistory(set, user: $0) } + [[]]
            let filters = histories.indices.map { row in
                ItemFilter(itemCount: set.itemCount, excluding: row % 2 == 0 ? trainingItems(set, user: min(row, set.userCount - 1)) : [])
            }
            let batch = model.recommend(histories: histories, k: 4, filters: filters)
            let single = zip(histories, filters).map { model.recommend(history: $0, k: 4, filter: $1) }
            #expect(batch.map { $0.map(\.item) } == single.map { $0.map(\.item) })
            for (a, b) in zip(batch.joined(), single.joined()) { #expect(abs(a.score - b.score) < 1e-5) }
        }
    }
}
