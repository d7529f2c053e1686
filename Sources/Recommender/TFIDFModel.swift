import Foundation
import LinearAlgebra
import Synchronization

/// `tfidf` (alias `content`): each shoe is its TF-IDF row (scikit-learn `TfidfVectorizer()` defaults:
/// raw counts, smooth idf ln((1+n)/(1+df)) + 1, L2-normalised rows); a user is the weight-weighted
/// sum of the rows of their items, and scores are cosines.
///
/// Why: it ranks shoes nobody has touched yet, which no collaborative model can, and `similar` gives
/// "shoes like this one". A new shoe is added by `adding(itemTexts:)`, a cheap re-fit of the
/// vectorizer only (idf depends on the whole catalogue), keeping the interactions.
public struct TFIDFModel: SimilarItemsModel, ItemAddingModel {
    public let name = "tfidf"
    /// Terms in Python code-point order (sklearn's sorted vocabulary).
    public let vocabulary: [String]
    /// idf of each term.
    public let inverseDocumentFrequencies: [Double]
    /// T: items x terms, L2-normalised rows.
    public let itemVectors: SparseMatrix<Double>
    /// ‖T_i‖ (1, or 0 for an item without tokens).
    let itemNorms: [Double]
    /// T's values and 1/‖T_i‖ (0 for an empty row) in Float, for the serving pass (Float like every
    /// serving path; see `PureSVDModel`).
    let itemValuesFloat: [Float]
    let inverseItemNormsFloat: [Float]
    let interactions: SparseMatrix<Double>
    let itemTexts: [String]
    /// Names this fit (unique in the process), so that models sharing it can be grown together.
    public let fitID: UInt64
    public var itemCount: Int { itemVectors.rows }
    private static let fits = Atomic<UInt64>(0)

    public init(fitting set: TrainingSet) throws(RecommenderError) {
        try set.validate(requireCells: false)
        let triples = set.cells.map {
            SparseMatrix<Double>.Triple(row: Int($0.user), column: Int($0.item), value: $0.weight)
        }
        let x = try algebra { try SparseMatrix(rows: set.userCount, columns: set.itemCount, triples: triples) }
        self.init(interactions: x, itemTexts: set.itemTexts)
    }

    init(interactions: SparseMatrix<Double>, itemTexts: [String]) {
        let documents = itemTexts.map(TFIDFTokenizer.tokens)
        var documentFrequency: [String: Int] = [:]
        for tokens in documents {
            for term in Set(tokens) { documentFrequency[term, default: 0] += 1 }
        }
        let terms = documentFrequency.keys.sorted {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value }
        }
        let termIndex = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
        let n = Double(itemTexts.count)
        let idf = terms.map { (1 + n) / (1 + Double(documentFrequency[$0]!)) }.map { log($0) + 1 }
        var starts = [0]
        var columns: [Int32] = []
        var values: [Double] = []
        var norms: [Double] = []
        for tokens in documents {
            var counts: [Int: Double] = [:]
            for token in tokens { counts[termIndex[token]!, default: 0] += 1 }
            let row = counts.keys.sorted()
            let raw = row.map { counts[$0]! * idf[$0] }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let normalised = norm > 0 ? raw.map { $0 / norm } : raw
            columns += row.map { Int32($0) }
            values += normalised
            starts.append(columns.count)
            norms.append(normalised.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        vocabulary = terms
        inverseDocumentFrequencies = idf
        itemVectors = SparseMatrix(rows: itemTexts.count, columns: terms.count, rowStarts: starts,
                                   columnIndices: columns, values: values)
        itemNorms = norms
        itemValuesFloat = values.map { Float($0) }
        inverseItemNormsFloat = norms.map { $0 > 0 ? Float(1 / $0) : 0 }
        self.interactions = interactions
        self.itemTexts = itemTexts
        fitID = Self.nextFitID()
    }

    /// A new fit's id, unique in the process (a model read from an archive is a new fit too).
    static func nextFitID() -> UInt64 { fits.add(1, ordering: .relaxed).newValue }

    /// The model with new shoes appended (indices itemCount..<itemCount+texts.count), re-fitting the
    /// vectorizer over the whole catalogue; users' histories are kept.
    public func adding(_ items: inout AddedItems) -> TFIDFModel { items.grown(self) }

    func appending(itemTexts newTexts: [String]) -> TFIDFModel {
        let widened = SparseMatrix(rows: interactions.rows, columns: interactions.columns + newTexts.count,
                                   rowStarts: interactions.rowStarts, columnIndices: interactions.columnIndices,
                                   values: interactions.values)
        return TFIDFModel(interactions: widened, itemTexts: itemTexts + newTexts)
    }

    public func scores(forUser user: Int) -> [Double] {
        let (items, weights) = interactions.history(ofUser: user)
        return cosines(to: profile(items: items, weights: weights))
    }

    public func scores(forHistory history: [ItemWeight]) -> [Double] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        return cosines(to: profile(items: items, weights: weights))
    }

    /// Cosine similarity of two items' texts (their rows are L2-normalised, so a sparse dot
    /// product); 0 when either is out of range or has no text.
    public func similarity(_ a: Int, _ b: Int) -> Double {
        guard a >= 0, a < itemCount, b >= 0, b < itemCount else { return 0 }
        let (termsA, valuesA) = itemVectors.row(a)
        let (termsB, valuesB) = itemVectors.row(b)
        // CSR rows hold their columns in ascending order: a merge walk finds the shared terms.
        var i = termsA.startIndex, j = termsB.startIndex
        var dot = 0.0
        while i < termsA.endIndex && j < termsB.endIndex {
            if termsA[i] == termsB[j] {
                dot += valuesA[valuesA.startIndex + (i - termsA.startIndex)] * valuesB[valuesB.startIndex + (j - termsB.startIndex)]
                i += 1
                j += 1
            } else if termsA[i] < termsB[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return dot
    }

    /// The shoes nearest in content (cosine of TF-IDF rows).
    public func similar(item: Int, k: Int, filter: ItemFilter) -> [ScoredItem] {
        guard item >= 0 && item < itemCount else { return [] }
        var others = filter
        others.allowed.remove(item)
        return TopK.select(k, from: cosines(to: profile(items: [Int32(item)], weights: [1])), filter: others)
    }

    /// p = Σ weight_i · T_i, dense over the vocabulary, summed in item order.
    func profile(items: [Int32], weights: [Double]) -> [Double] {
        var p = [Double](repeating: 0, count: vocabulary.count)
        for (item, weight) in zip(items, weights) {
            let (terms, values) = itemVectors.row(Int(item))
            for (term, value) in zip(terms, values) { p[Int(term)] += weight * value }
        }
        return p
    }

    /// Serving: the history's profile, then its Float cosines with every shoe, then top-k.
    public func recommend(history: [ItemWeight], k: Int, filter: ItemFilter) -> [ScoredItem] {
        let (items, weights) = aggregate(history, itemCount: itemCount)
        return TopK.select(k, from: servingScores(items: items, weights: weights), filter: filter)
    }

    /// The cosines of `scores(forHistory:)` in Float for an aggregated history, through raw buffers
    /// (no per-item slices): what `recommend` ranks, and the hybrid's content part.
    func servingScores(items: [Int32], weights: [Double]) -> [Float] {
        let p = profile(items: items, weights: weights)
        let profileNorm = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let profileFloat = p.map { Float($0) }
        let inverseProfileNorm: Float = profileNorm > 0 ? Float(1 / profileNorm) : 0
        let n = itemCount
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            profileFloat.withUnsafeBufferPointer { p in
                itemVectors.rowStarts.withUnsafeBufferPointer { starts in
                    itemVectors.columnIndices.withUnsafeBufferPointer { terms in
                        itemValuesFloat.withUnsafeBufferPointer { values in
                            inverseItemNormsFloat.withUnsafeBufferPointer { inverseNorms in
                                var start = starts[0]
                                for i in 0..<n {
                                    let end = starts[i + 1]
                                    var dot: Float = 0
                                    for q in start..<end { dot += p[Int(terms[q])] * values[q] }
                                    out[i] = dot * inverseProfileNorm * inverseNorms[i]
                                    start = end
                                }
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// (p·T_i) / (‖p‖·‖T_i‖) for every item; 0 where either norm is 0.
    func cosines(to p: [Double]) -> [Double] {
        let profileNorm = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return (0..<itemCount).map { i in
            guard profileNorm > 0, itemNorms[i] > 0 else { return 0 }
            let (terms, values) = itemVectors.row(i)
            var dot = 0.0
            for (term, value) in zip(terms, values) { dot += p[Int(term)] * value }
            return dot / (profileNorm * itemNorms[i])
        }
    }
}
