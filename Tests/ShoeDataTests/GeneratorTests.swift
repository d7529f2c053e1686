import Foundation
import Testing
@testable import ShoeData
import UTCTime

/// The synthetic generator as a specification: deterministic, valid row by row, shaped like a
/// real shop's funnel, and carrying tastes a model can learn.
@Suite struct GeneratorTests {
    static let small = GeneratorConfiguration(userCount: 300, shoeCount: 80, interactionCount: 12_000, seed: 7)
    static let generated = try! SyntheticDataGenerator(configuration: small).generateWithTastes()

    @Test func theSameSeedGivesTheSameDatasetAndADifferentSeedAnother() throws {
        let again = try SyntheticDataGenerator(configuration: Self.small).generate()
        #expect(again == Self.generated.dataset)
        var other = Self.small
        other.seed = 8
        let different = try SyntheticDataGenerator(configuration: other).generate()
        #expect(different.users != again.users)
        #expect(different.shoes != again.shoes)
        #expect(different.interactions != again.interactions)
    }

    @Test func usersAndShoesDoNotDependOnTheEventCount() throws {
        var fewer = Self.small
        fewer.interactionCount = 500
        let dataset = try SyntheticDataGenerator(configuration: fewer).generate()
        #expect(dataset.users == Self.generated.dataset.users)
        #expect(dataset.shoes == Self.generated.dataset.shoes)
    }

    @Test func theTargetEventCountIsHitExactly() {
        #expect(Self.generated.dataset.interactions.count == Self.small.interactionCount)
        #expect(Set(Self.generated.dataset.interactions.map(\.userID)).count == Self.small.userCount)
    }

    @Test func everyUserIsValidAndPlausible() throws {
        let users = Self.generated.dataset.users
        #expect(users.map(\.id) == Array(1...Self.small.userCount))
        for user in users {
            try user.validate()
            #expect((16...80).contains(user.age))
            #expect(Gender.known.contains(user.gender))
            #expect(Usage.known.contains(user.primaryUsage))
        }
        let female = users.filter { $0.gender == .female }.count
        #expect((100...200).contains(female), "about half of 300")
    }

    @Test func everyShoeIsValidWithAPlausibleTypeMaterialPairAndFittingCare() throws {
        let shoes = Self.generated.dataset.shoes
        #expect(shoes.map(\.id) == Array(1...Self.small.shoeCount))
        for shoe in shoes {
            try shoe.validate()
            #expect(shoe.lifespanDays > 0)
            #expect(shoe.type.isKnown && shoe.material.isKnown)
            let profile = Catalog.types[Catalog.typeIndex(shoe.type)]
            #expect(profile.materials.contains { $0.0 == shoe.material }, "\(shoe.type) in \(shoe.material)")
            #expect(shoe.careInstructions == shoe.material.careInstructions)
            #expect(shoe.price.cents > 0)
            #expect(Catalog.brands.contains { $0.name == shoe.brand && $0.makes.contains(shoe.type) })
            #expect(!shoe.model.isEmpty && Catalog.colors.contains(shoe.color))
        }
    }

    @Test func lifespansFitTheKindOfShoe() {
        for shoe in Self.generated.dataset.shoes {
            switch shoe.type {
            case .running, .trailRunning: #expect((150...400).contains(shoe.lifespanDays))
            case .hikingBoot, .boot: #expect((600...1800).contains(shoe.lifespanDays))
            case .sandal: #expect((160...460).contains(shoe.lifespanDays))
            default: #expect(shoe.lifespanDays >= 100)
            }
        }
    }

    @Test func eventsReferToExistingRowsInsideTheWindowInTimeOrder() {
        let (start, end) = Self.small.window
        #expect(UTCTimestamp.format(epochSeconds: start) == "2025-11-01T00:00:00Z")
        #expect(UTCTimestamp.format(epochSeconds: end) == "2026-11-01T00:00:00Z")
        let events = Self.generated.dataset.interactions
        var previous = Int64.min
        for event in events {
            let time = Int64(event.occurredAt.timeIntervalSince1970)
            #expect(Double(time) == event.occurredAt.timeIntervalSince1970, "whole seconds")
            #expect(time >= start && time < end)
            #expect(time >= previous)
            previous = time
            #expect((1...Self.small.userCount).contains(event.userID))
            #expect((1...Self.small.shoeCount).contains(event.shoeID))
        }
    }

    @Test func wishlistsAndPurchasesNeverPrecedeAViewOfThatShoe() {
        var viewed = Set<[Int]>()
        for event in Self.generated.dataset.interactions {
            let pair = [event.userID, event.shoeID]
            if event.kind == .view {
                viewed.insert(pair)
            } else {
                #expect(viewed.contains(pair), "\(event.kind) of shoe \(event.shoeID) by user \(event.userID)")
            }
        }
    }

    @Test func theFunnelNarrowsFromViewsToWishlistsToPurchases() {
        let events = Self.generated.dataset.interactions
        let count = { (kind: InteractionKind) in Double(events.filter { $0.kind == kind }.count) }
        let (views, wishlists, purchases) = (count(.view), count(.addToWishlist), count(.purchase))
        #expect(views > wishlists && wishlists > purchases && purchases > 0)
        #expect((0.80...0.95).contains(views / Double(events.count)))
        #expect((0.02...0.08).contains(purchases / Double(events.count)))
    }

    @Test func eventsComeInSessionsOfMinutesSeparatedByMoreThanHalfAnHour() {
        var last: [Int: Date] = [:]
        var gaps = (within: 0, between: 0)
        for event in Self.generated.dataset.interactions {
            if let previous = last[event.userID] {
                let gap = event.occurredAt.timeIntervalSince(previous)
                #expect(gap <= 15 * 60 || gap > 30 * 60, "no gap between 15 and 30 minutes")
                if gap <= 15 * 60 { gaps.within += 1 } else { gaps.between += 1 }
            }
            last[event.userID] = event.occurredAt
        }
        #expect(gaps.within > gaps.between, "several events a session")
    }

    @Test func activityIsHeavyTailed() {
        let perUser = Dictionary(grouping: Self.generated.dataset.interactions, by: \.userID).values.map(\.count).sorted()
        let median = perUser[perUser.count / 2]
        #expect(perUser.last! > 8 * median, "a few very active users")
        #expect(perUser.first! >= 3)
    }

    @Test func usersMostlyBrowseTheKindsTheirUsageSuggests() {
        let (dataset, _) = Self.generated
        let kinds: [Usage: Set<ShoeType>] = [
            .running: [.running, .trailRunning], .hiking: [.hikingBoot, .trailRunning, .boot],
            .work: [.workBoot, .boot], .formal: [.oxford, .loafer, .highHeel],
            .sport: [.basketball, .football, .tennis], .casual: [.sneaker, .casual],
        ]
        for (usage, types) in kinds {
            let ids = Set(dataset.users.filter { $0.primaryUsage == usage }.map(\.id))
            let events = dataset.interactions.filter { ids.contains($0.userID) }
            let matching = events.filter { types.contains(dataset.shoes[$0.shoeID - 1].type) }
            let catalogueShare = Double(dataset.shoes.filter { types.contains($0.type) }.count) / Double(dataset.shoes.count)
            let share = Double(matching.count) / Double(max(1, events.count))
            #expect(share > 0.45 && share > 2 * catalogueShare, "\(usage): \(share) vs catalogue \(catalogueShare)")
        }
    }

    @Test func favouriteBrandsAndHiddenTastesShowInPurchases() {
        let (dataset, tastes) = Self.generated
        let purchases = dataset.interactions.filter { $0.kind == .purchase }
        let favouriteBrand = purchases.filter { event in
            let shoe = dataset.shoes[event.shoeID - 1]
            return tastes[event.userID - 1].favouriteBrands.contains { Catalog.brands[$0].name == shoe.brand }
        }
        // 1-3 favourites out of 20 brands: far above chance if the taste drives behaviour.
        #expect(Double(favouriteBrand.count) / Double(purchases.count) > 0.35)
    }

    @Test func popularityIsSkewed() {
        let counts = Dictionary(grouping: Self.generated.dataset.interactions, by: \.shoeID).values.map(\.count)
            .sorted(by: >)
        let topTenth = counts.prefix(Self.small.shoeCount / 10).reduce(0, +)
        #expect(Double(topTenth) / Double(Self.small.interactionCount) > 0.2)
    }

    @Test func budgetsAddUpExactly() {
        for total in [0, 5, 299, 300, 12_345] {
            let budgets = EventSimulator.budgets(total: total, activities: [0.1, 3, 1, 1, 0.5, 7, 0.01])
            #expect(budgets.reduce(0, +) == total)
            #expect(budgets.allSatisfy { $0 >= 0 })
        }
    }

    @Test(arguments: [
        (GeneratorConfiguration(userCount: 0), "--users must be in 1...10000000, got 0"),
        (GeneratorConfiguration(shoeCount: 0), "--shoes must be in 1...1000000, got 0"),
        (GeneratorConfiguration(interactionCount: -1), "--interactions must be in 0...200000000, got -1"),
    ])
    func invalidConfigurationsAreRefusedWithClearMessages(configuration: GeneratorConfiguration, message: String) {
        #expect {
            try SyntheticDataGenerator(configuration: configuration)
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test func tinyConfigurationsWork() throws {
        let one = try SyntheticDataGenerator(
            configuration: GeneratorConfiguration(userCount: 1, shoeCount: 1, interactionCount: 10)).generate()
        #expect(one.interactions.count == 10)
        #expect(one.interactions.allSatisfy { $0.userID == 1 && $0.shoeID == 1 })
        let none = try SyntheticDataGenerator(
            configuration: GeneratorConfiguration(userCount: 5, shoeCount: 3, interactionCount: 0)).generate()
        #expect(none.interactions.isEmpty && none.users.count == 5)
    }

    @Test func theRandomStreamIsStable() {
        var random = SeededRandom(seed: 42, stream: 1, index: 0)
        let first = (0..<3).map { _ in random.next() }
        var again = SeededRandom(seed: 42, stream: 1, index: 0)
        #expect((0..<3).map { _ in again.next() } == first)
        var other = SeededRandom(seed: 42, stream: 1, index: 1)
        #expect(other.next() != first[0])
        for bound in [1, 2, 7, 1000] {
            #expect((0..<200).allSatisfy { _ in (0..<bound).contains(random.below(bound)) })
        }
    }
}
