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
        }
    }
}
