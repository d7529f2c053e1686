import Foundation
import LinearAlgebra

/// Which model to fit, with its parameters: the one entry point the service and the evaluation use.
///
/// Names follow shared/eval/PROTOCOL.md: `popularity`, `imdb`, `svd` (k = 32), `svd64`, `tfidf`
/// (alias `content`), `hybrid`, `segment`, `ials`, `ease`. Parameter defaults are the protocol's,
/// except `.svd()` whose default k is the service's 64.
public enum ModelConfiguration: Sendable, Hashable {
    /// Distinct users per item.
    case popularity
    /// IMDB weighted rating (the service's "popularity").
    case imdb
    /// PureSVD with `factors` singular vectors.
    case svd(factors: Int = 64)
    /// TF-IDF content similarity (sklearn TfidfVectorizer defaults).
    case tfidf
    /// alpha · minmax(svd) + (1 − alpha) · minmax(tfidf); imdb for users with no history.
    case hybrid(alpha: Double = 0.7, svdFactors: Int = 32)
    /// k-means clusters of users, each with its most popular items.
    case segment(SegmentModel.Parameters = .init())
    /// Implicit ALS (Hu, Koren, Volinsky 2008) with conjugate-gradient solves.
    case ials(IALSModel.Parameters = .init())
    /// EASE (Steck 2019) with L2 penalty lambda.
    case ease(lambda: Double = 500)
    /// RP3beta random walk with popularity penalty.
    case rp3beta(RP3betaModel.Parameters = .init())
    /// Item-based kNN with a shrunk cosine.
    case itemKNN(ItemKNNModel.Parameters = .init())
    /// EASE over time-decayed cells (needs the training set's timeline).
    case easeDecay(TimeDecayedEASEModel.Parameters = .init())
    /// Any model with the recency-aware re-ranking on top (needs timeline and item groups).
    indirect case recency(base: ModelConfiguration, RecencyRerankModel.Parameters = .init())
    /// Any model asked with age-decayed history weights.
    indirect case recent(base: ModelConfiguration, halfLifeDays: Double)
    /// alpha · minmax(any collaborative model) + (1 − alpha) · minmax(tfidf).
    indirect case blend(collaborative: ModelConfiguration, alpha: Double)

    /// The models of the evaluation protocol, in its order.
    public static let evaluationNames = ["popularity", "imdb", "svd", "svd64", "tfidf", "hybrid", "segment", "ials", "ease"]

    /// The models beyond the reference (issue 16), with their untuned defaults; `NAME+recency` puts
    /// the recency re-ranking on any model.
    public static let extendedNames = ["rp3beta", "itemknn", "ease-decay"]

    /// The protocol's model for a name (`content` = `tfidf`, `svd` = 32 factors, `svdN` = N factors).
    public init(name: String) throws(RecommenderError) {
        switch name.lowercased() {
        case "popularity": self = .popularity
        case "imdb": self = .imdb
        case "svd": self = .svd(factors: 32)
        case "tfidf", "content": self = .tfidf
        case "hybrid": self = .hybrid()
        case "segment": self = .segment()
        case "ials": self = .ials()
        case "ease": self = .ease()
        case "rp3beta": self = .rp3beta()
        case "itemknn": self = .itemKNN()
        case "ease-decay": self = .easeDecay()
        case let other where other.hasSuffix("+recency"):
            self = .recency(base: try ModelConfiguration(name: String(other.dropLast("+recency".count))))
        case let other where other.hasPrefix("svd"):
            guard let k = Int(other.dropFirst(3)), k > 0 else { throw .unknownModel(name) }
            self = .svd(factors: k)
        default: throw .unknownModel(name)
        }
    }

    /// The name the fitted model reports.
    public var name: String {
        switch self {
        case .popularity: "popularity"
        case .imdb: "imdb"
        case .svd(let k): PureSVDModel.name(factors: k)
        case .tfidf: "tfidf"
        case .hybrid: "hybrid"
        case .segment: "segment"
        case .ials: "ials"
        case .ease: "ease"
        case .rp3beta: "rp3beta"
        case .itemKNN: "itemknn"
        case .easeDecay: "ease-decay"
        case .recency(let base, _): base.name + "+recency"
        case .blend: "blend"
        case .recent(let base, _): base.name + "+recent"
        }
    }

    /// Fits the model on `set`.
    ///
    /// - Parameters:
    ///   - set: the interaction cells and item texts.
    ///   - threads: OpenBLAS threads during the fit (default: every core); the previous count is
    ///     restored afterwards, so a serving process stays single-threaded (see `BLASThreads`).
    public func fit(_ set: TrainingSet, threads: Int? = nil) throws(RecommenderError) -> any RecommendationModel {
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        do {
            return try BLASThreads.withCount(threadCount) { () throws -> any RecommendationModel in
                switch self {
                case .popularity: try PopularityModel(fitting: set)
                case .imdb: try IMDBModel(fitting: set)
                case .svd(let k): try PureSVDModel(fitting: set, factors: k)
                case .tfidf: try TFIDFModel(fitting: set)
                case .hybrid(let alpha, let k): try HybridModel(fitting: set, alpha: alpha, svdFactors: k)
                case .segment(let parameters): try SegmentModel(fitting: set, parameters: parameters)
                case .ials(let parameters): try IALSModel(fitting: set, parameters: parameters)
                case .ease(let lambda): try EASEModel(fitting: set, lambda: lambda)
                case .rp3beta(let parameters): try RP3betaModel(fitting: set, parameters: parameters)
                case .itemKNN(let parameters): try ItemKNNModel(fitting: set, parameters: parameters)
                case .easeDecay(let parameters): try TimeDecayedEASEModel(fitting: set, parameters: parameters)
                case .recency(let base, let parameters):
                    try RecencyRerankModel(base: base.fit(set, threads: threadCount), fitting: set, parameters: parameters)
                case .recent(let base, let halfLife):
                    try RecentWeightingModel(base: base.fit(set, threads: threadCount), fitting: set, halfLifeDays: halfLife)
                case .blend(let part, let alpha):
                    try BlendModel(alpha: alpha, collaborative: part.fit(set, threads: threadCount),
                                   content: TFIDFModel(fitting: set), fallback: IMDBModel(fitting: set))
                }
            }
        } catch let error as RecommenderError {
            throw error
        } catch {
            throw .invalidParameter("\(error)")
        }
    }
}
