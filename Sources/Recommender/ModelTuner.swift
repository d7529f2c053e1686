import Foundation
import LinearAlgebra

/// Tuning at training time: each model family's hyperparameters searched on a validation split cut
/// from the training data alone, chosen by NDCG@k, then refitted on all of it by the caller.
///
/// The search is a seeded random search over each family's grid, at most `budget` fits a family
/// (the untuned default always among them, so tuning never does worse on validation than not
/// tuning); then a blend of the best collaborative family with content, and the recency re-ranking
/// on the best model so far, each with the same budget. Deterministic: one seed, fits with a fixed
/// thread count, ties to the earlier candidate.
public struct ModelTuner: Sendable {
    public struct Configuration: Sendable {
        /// Fits at most this many candidates a family (and a stage).
        public var budget: Int
        public var seed: UInt64
        public var rule: ValidationSplit.Rule
        public var exclusion: ValidationSplit.Exclusion
        public var k: Int
        /// The families searched, by their configuration name.
        public var families: [String]
        /// BLAS threads of every fit (fixed, so the search is deterministic).
        public var threads: Int

        public init(budget: Int = 8, seed: UInt64 = 16, rule: ValidationSplit.Rule = .lastItem,
                    exclusion: ValidationSplit.Exclusion = .fittingItems, k: Int = 10,
                    families: [String] = ModelTuner.families, threads: Int = 1) {
            self.budget = budget
            self.seed = seed
            self.rule = rule
            self.exclusion = exclusion
            self.k = k
            self.families = families
            self.threads = threads
        }
    }

    /// Every family tuning knows, in search order.
    public static let families = ["svd", "hybrid", "ials", "ease", "ease-decay", "rp3beta", "itemknn", "blend", "recent", "recency"]

    /// One fitted and measured candidate.
    public struct Trial: Sendable {
        public var configuration: ModelConfiguration
        public var ndcg: Double
        public var hitRate: Double
        /// Each validation user's NDCG, for the paired test of an add-on stage.
        var perUser: [Double] = []
    }

    /// A family's outcome: what it chose, how that did on validation, and how its default did.
    public struct Choice: Sendable {
        /// The family's name (the name it is served under once refitted).
        public var family: String
        public var chosen: Trial
        public var untuned: Trial
        public var trials: Int
        /// False for an add-on stage (`blend`, `recent`, `recency`) whose gain over the model it builds on is
        /// not significant on validation (paired z < 1.96): it is still served under its name, but
        /// cannot win `tuned`, so a re-ranking that only fits validation noise is not adopted.
        public var eligible = true
    }

    public struct Result: Sendable {
        public var choices: [Choice]
        /// The family with the best validation NDCG (ties to the earlier).
        public var winner: Choice
        public var validationUsers: Int
        public var seconds: Double
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Searches on a validation split of `set` (which needs its timeline; `blend` and `recency`
    /// also need item texts and groups).
    public func tune(_ set: TrainingSet) throws(RecommenderError) -> Result {
        guard configuration.budget >= 1 else { throw .invalidParameter("tuning budget must be at least 1") }
        let started = ContinuousClock.now
        let split = try ValidationSplit(set, rule: configuration.rule, exclusion: configuration.exclusion)
        guard !split.users.isEmpty else { throw .invalidParameter("no validation users in the training data") }
        var choices: [Choice] = []
        for (index, family) in configuration.families.enumerated() {
            let candidates: [ModelConfiguration]
            switch family {
            case "blend":
                // The best collaborative family so far, with content at every weight.
                let collaborative = choices.filter { !["hybrid", "blend"].contains($0.family) }
                guard let best = Self.best(collaborative) else { continue }
                candidates = [0.5, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9].map { .blend(collaborative: best.chosen.configuration, alpha: $0) }
            case "recent":
                // The best model so far, asked with age-decayed histories (needs times).
                guard set.timeline != nil, let best = Self.best(choices) else { continue }
                candidates = [1.0, 0.25, 3, 7, 14, 30, 90, 365].map { .recent(base: best.chosen.configuration, halfLifeDays: $0) }
            case "recency":
                guard set.itemGroups != nil, let best = Self.best(choices) else { continue }
                candidates = [ModelConfiguration.recency(base: best.chosen.configuration, .init(penalty: 0, windowDays: 0))]
                    + Self.grid([0.25, 0.5, 1], [7, 30, 90]).map { .recency(base: best.chosen.configuration, .init(penalty: $0, windowDays: $1)) }
            default:
                candidates = try Self.grid(family: family, itemCount: set.itemCount)
            }
            let sampled = Self.sample(candidates, budget: configuration.budget, seed: configuration.seed &+ UInt64(index))
            var trials: [Trial] = []
            for candidate in sampled {
                // A candidate that cannot be fitted (a singular Gram matrix, say) is skipped, not fatal.
                guard let model = try? candidate.fit(split.fitting, threads: configuration.threads) else { continue }
                let (ndcg, hitRate, perUser) = split.measurePerUser(model, k: configuration.k)
                trials.append(Trial(configuration: candidate, ndcg: ndcg, hitRate: hitRate, perUser: perUser))
            }
            guard let untuned = trials.first else { continue }
            var chosen = untuned
            for trial in trials where trial.ndcg > chosen.ndcg { chosen = trial }
            var choice = Choice(family: family, chosen: chosen, untuned: untuned, trials: trials.count)
            if ["blend", "recent", "recency"].contains(family), let base = Self.best(choices) {
                choice.eligible = Self.significantlyBetter(chosen.perUser, than: base.chosen.perUser)
            }
            choices.append(choice)
        }
        guard let winner = Self.best(choices) else { throw .invalidParameter("no tuning candidate could be fitted") }
        let (whole, fraction) = (ContinuousClock.now - started).components
        return Result(choices: choices, winner: winner, validationUsers: split.users.count,
                      seconds: Double(whole) + Double(fraction) * 1e-18)
    }

    /// The best eligible choice by validation NDCG, ties to the earlier.
    static func best(_ choices: [Choice]) -> Choice? {
        var best: Choice?
        for choice in choices where choice.eligible && (best == nil || choice.chosen.ndcg > best!.chosen.ndcg) { best = choice }
        return best
    }

    /// A paired z-test over validation users: mean(a − b) > 1.96 standard errors.
    static func significantlyBetter(_ a: [Double], than b: [Double]) -> Bool {
        guard a.count == b.count, a.count >= 2 else { return false }
        let differences = zip(a, b).map { $0 - $1 }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return mean > 1.96 * (variance / n).squareRoot()
    }

    /// The default first, then up to budget − 1 others drawn without replacement by a seeded shuffle.
    static func sample(_ candidates: [ModelConfiguration], budget: Int, seed: UInt64) -> [ModelConfiguration] {
        guard candidates.count > budget else { return candidates }
        var rest = Array(candidates.dropFirst())
        var generator = SplitMix64(seed: seed)
        for i in stride(from: rest.count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            rest.swapAt(i, j)
        }
        return [candidates[0]] + rest.prefix(budget - 1)
    }

    static func grid(_ a: [Double], _ b: [Double]) -> [(Double, Double)] {
        a.flatMap { x in b.map { (x, $0) } }
    }

    /// A family's search space, its untuned default first.
    static func grid(family: String, itemCount: Int) throws(RecommenderError) -> [ModelConfiguration] {
        let maxFactors = max(1, itemCount - 1)
        switch family {
        case "svd":
            return ([32, 8, 16, 24, 48, 64, 96, 128].filter { $0 <= maxFactors }).map { .svd(factors: $0) }
        case "hybrid":
            return [ModelConfiguration.hybrid(alpha: 0.7, svdFactors: min(32, maxFactors))]
                + grid([0.1, 0.3, 0.5, 0.7, 0.9], [8, 16, 32, 64]).filter { Int($0.1) <= maxFactors }
                    .map { .hybrid(alpha: $0.0, svdFactors: Int($0.1)) }
        case "ials":
            var space = [ModelConfiguration.ials(.init())]
            for factors in [16, 32, 64, 128] where factors <= maxFactors {
                for regularization in [0.01, 0.1, 1, 10, 50] {
                    for alpha in [1.0, 3, 10, 30] {
                        for iterations in [10, 15, 25] {
                            space.append(.ials(.init(factors: factors, regularization: regularization, iterations: iterations, alpha: alpha)))
                        }
                    }
                }
            }
            return space
        case "ease":
            return [500, 10, 25, 50, 100, 200, 1000, 2000, 5000].map { .ease(lambda: $0) }
        case "ease-decay":
            var space = [ModelConfiguration.easeDecay(.init())]
            for lambda in [25.0, 100, 250, 500, 1000, 2500] {
                for halfLife in [3.0, 7, 14, 30, 60, 120, 365] {
                    for binary in [true, false] { space.append(.easeDecay(.init(lambda: lambda, halfLifeDays: halfLife, binary: binary))) }
                }
            }
            return space
        case "rp3beta":
            var space = [ModelConfiguration.rp3beta(.init())]
            for alpha in [0.5, 0.75, 1, 1.25] {
                for beta in [0, 0.2, 0.4, 0.6, 0.8] {
                    for neighbours in [25, 50, 100, 200, Int.max] { space.append(.rp3beta(.init(alpha: alpha, beta: beta, neighbours: neighbours))) }
                }
            }
            return space
        case "itemknn":
            var space = [ModelConfiguration.itemKNN(.init())]
            for neighbours in [10, 25, 50, 100, 200, Int.max] {
                for shrink in [0.0, 5, 10, 50, 100] {
                    for binary in [true, false] { space.append(.itemKNN(.init(neighbours: neighbours, shrink: shrink, binary: binary))) }
                }
            }
            return space
        default:
            throw .unknownModel(family)
        }
    }
}
