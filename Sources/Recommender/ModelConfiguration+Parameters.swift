extension ModelConfiguration {
    /// The configuration's hyperparameters by name, in a fixed order, for reports and
    /// `/admin/models` (a part's are prefixed: `base.lambda`, `collaborative.factors`). An infinite
    /// value (no half-life, every neighbour) is reported as such and left to the writer.
    public var parameterValues: [(name: String, value: Double)] {
        switch self {
        case .popularity, .imdb, .tfidf: []
        case .svd(let k): [("factors", Double(k))]
        case .hybrid(let alpha, let k): [("alpha", alpha), ("svd_factors", Double(k))]
        case .segment(let p): [("clusters", Double(p.clusters)), ("components", Double(p.components))]
        case .ials(let p):
            [("factors", Double(p.factors)), ("regularization", p.regularization), ("alpha", p.alpha),
             ("iterations", Double(p.iterations))]
        case .ease(let lambda): [("lambda", lambda)]
        case .rp3beta(let p): [("alpha", p.alpha), ("beta", p.beta), ("neighbours", Self.count(p.neighbours))]
        case .itemKNN(let p): [("neighbours", Self.count(p.neighbours)), ("shrink", p.shrink), ("binary", p.binary ? 1 : 0)]
        case .easeDecay(let p): [("lambda", p.lambda), ("half_life_days", p.halfLifeDays), ("binary", p.binary ? 1 : 0)]
        case .recency(let base, let p):
            [("penalty", p.penalty), ("window_days", p.windowDays)]
                + base.parameterValues.map { ("base.\($0.name)", $0.value) }
        case .recent(let base, let halfLife):
            [("half_life_days", halfLife)] + base.parameterValues.map { ("base.\($0.name)", $0.value) }
        case .blend(let part, let alpha):
            [("alpha", alpha)] + part.parameterValues.map { ("collaborative.\($0.name)", $0.value) }
        }
    }

    /// The name with its parameters, e.g. `ease(lambda=250)`, `blend(alpha=0.7, collaborative=ease(lambda=250))`.
    public var summary: String {
        switch self {
        case .recency(let base, let p): "recency(penalty=\(Self.text(p.penalty)), window_days=\(Self.text(p.windowDays)), base=\(base.summary))"
        case .recent(let base, let halfLife): "recent(half_life_days=\(Self.text(halfLife)), base=\(base.summary))"
        case .blend(let part, let alpha): "blend(alpha=\(Self.text(alpha)), collaborative=\(part.summary))"
        default:
            parameterValues.isEmpty ? name : name + "(" + parameterValues.map { "\($0.name)=\(Self.text($0.value))" }.joined(separator: ", ") + ")"
        }
    }

    private static func count(_ n: Int) -> Double { n == Int.max ? .infinity : Double(n) }

    private static func text(_ x: Double) -> String {
        if x.isInfinite { return "all" }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
