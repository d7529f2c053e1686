extension ModelConfiguration {
    /// Writes the configuration as a record of its case and parameters (what a version records
    /// about how each served model was fitted).
    public func archive(into writer: inout ModelArchiveWriter, as name: String) {
        writer.write(name, record: "configuration") { record in
            record.write("case", caseName)
            switch self {
            case .popularity, .imdb, .tfidf: break
            case .svd(let factors): record.write("factors", factors)
            case .hybrid(let alpha, let factors):
                record.write("alpha", alpha)
                record.write("factors", factors)
            case .segment(let p): p.archive(into: &record)
            case .ials(let p): p.archive(into: &record)
            case .ease(let lambda): record.write("lambda", lambda)
            case .rp3beta(let p): p.archive(into: &record)
            case .itemKNN(let p): p.archive(into: &record)
            case .easeDecay(let p): p.archive(into: &record)
            case .recency(let base, let p):
                base.archive(into: &record, as: "base")
                record.write("penalty", p.penalty)
                record.write("window_days", p.windowDays)
            case .recent(let base, let halfLifeDays):
                base.archive(into: &record, as: "base")
                record.write("half_life_days", halfLifeDays)
            case .blend(let collaborative, let alpha):
                collaborative.archive(into: &record, as: "collaborative")
                record.write("alpha", alpha)
            }
        }
    }

    /// Reads what `archive(into:as:)` wrote.
    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        switch try reader.string("case") {
        case "popularity": self = .popularity
        case "imdb": self = .imdb
        case "tfidf": self = .tfidf
        case "svd": self = .svd(factors: try reader.int("factors"))
        case "hybrid": self = .hybrid(alpha: try reader.double("alpha"), svdFactors: try reader.int("factors"))
        case "segment": self = .segment(try .init(unarchiving: reader))
        case "ials": self = .ials(try .init(unarchiving: reader))
        case "ease": self = .ease(lambda: try reader.double("lambda"))
        case "rp3beta": self = .rp3beta(try .init(unarchiving: reader))
        case "itemknn": self = .itemKNN(try .init(unarchiving: reader))
        case "ease-decay": self = .easeDecay(try .init(unarchiving: reader))
        case "recency":
            self = .recency(
                base: try ModelConfiguration(unarchiving: reader.record("base")),
                .init(penalty: try reader.double("penalty"), windowDays: try reader.double("window_days")))
        case "recent":
            self = .recent(base: try ModelConfiguration(unarchiving: reader.record("base")), halfLifeDays: try reader.double("half_life_days"))
        case "blend":
            self = .blend(collaborative: try ModelConfiguration(unarchiving: reader.record("collaborative")), alpha: try reader.double("alpha"))
        case let other: throw .unknownKind("configuration \(other)")
        }
    }

    private var caseName: String {
        switch self {
        case .popularity: "popularity"
        case .imdb: "imdb"
        case .tfidf: "tfidf"
        case .svd: "svd"
        case .hybrid: "hybrid"
        case .segment: "segment"
        case .ials: "ials"
        case .ease: "ease"
        case .rp3beta: "rp3beta"
        case .itemKNN: "itemknn"
        case .easeDecay: "ease-decay"
        case .recency: "recency"
        case .recent: "recent"
        case .blend: "blend"
        }
    }
}
