import LinearAlgebra

// Every model's fields in an archive. Each reader checks the shapes its serving path indexes by,
// so a well-formed archive with the wrong sizes is refused instead of trapping on a request.

extension PopularityModel: ArchivableModel {
    public static var archiveKind: String { "popularity" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("user_counts", userCounts)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        userCounts = try reader.doubles("user_counts")
    }
}

extension IMDBModel: ArchivableModel {
    public static var archiveKind: String { "imdb" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("ratings", ratings)
        writer.write("m", m)
        writer.write("global_mean", globalMean)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        ratings = try reader.doubles("ratings")
        m = try reader.double("m")
        globalMean = try reader.double("global_mean")
    }
}

extension PureSVDModel: ArchivableModel {
    public static var archiveKind: String { "svd" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("name", name)
        writer.write("factors", factors)
        writer.write("singular_values", singularValues)
        writer.write("iterations", iterations)
        writer.write("item_factors", itemFactors)
        writer.write("unit_item_embeddings", unitItemEmbeddings)
        writer.write("interactions", interactions)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        name = try reader.string("name")
        factors = try reader.int("factors")
        singularValues = try reader.doubles("singular_values")
        iterations = try reader.int("iterations")
        itemFactors = try reader.matrix("item_factors")
        unitItemEmbeddings = try reader.matrix("unit_item_embeddings")
        interactions = try reader.sparseMatrix("interactions")
        try reader.require(
            factors > 0 && itemFactors.columns == factors && unitItemEmbeddings.rows == itemFactors.rows
                && unitItemEmbeddings.columns == factors && interactions.columns <= itemFactors.rows,
            "factor matrices disagree on shape")
        itemFactorsFloat = itemFactors.converted()
    }
}

extension TFIDFModel: ArchivableModel {
    public static var archiveKind: String { "tfidf" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("vocabulary", vocabulary)
        writer.write("idf", inverseDocumentFrequencies)
        writer.write("item_vectors", itemVectors)
        writer.write("item_norms", itemNorms)
        writer.write("interactions", interactions)
        writer.write("item_texts", itemTexts)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        vocabulary = try reader.strings("vocabulary")
        inverseDocumentFrequencies = try reader.doubles("idf")
        itemVectors = try reader.sparseMatrix("item_vectors")
        itemNorms = try reader.doubles("item_norms")
        interactions = try reader.sparseMatrix("interactions")
        itemTexts = try reader.strings("item_texts")
        try reader.require(
            itemVectors.columns == vocabulary.count && inverseDocumentFrequencies.count == vocabulary.count
                && itemNorms.count == itemVectors.rows && itemTexts.count == itemVectors.rows,
            "vocabulary, vectors, norms and texts disagree on size")
        itemValuesFloat = itemVectors.values.map { Float($0) }
        inverseItemNormsFloat = itemNorms.map { $0 > 0 ? Float(1 / $0) : 0 }
        // A new fit for the process: the models of one archive that share this part share the
        // instance (parts are decoded once), so they still grow together when a shoe is added.
        fitID = Self.nextFitID()
    }
}

extension HybridModel: ArchivableModel {
    public static var archiveKind: String { "hybrid" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("alpha", alpha)
        writer.write("collaborative", part: collaborative)
        writer.write("content", part: content)
        writer.write("fallback", part: fallback)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        do {
            try self.init(
                alpha: try reader.double("alpha"), collaborative: try reader.part("collaborative", as: PureSVDModel.self),
                content: try reader.part("content", as: TFIDFModel.self), fallback: try reader.part("fallback", as: IMDBModel.self))
        } catch let error as ModelArchiveError {
            throw error
        } catch {
            throw .inconsistent("hybrid: \(error)")
        }
    }
}

extension SegmentModel: ArchivableModel {
    public static var archiveKind: String { "segment" }

    public func archive(into writer: inout ModelArchiveWriter) {
        parameters.archive(into: &writer)
        writer.write("assignments", assignments)
        writer.write("cluster_scores", clusterScores)
        writer.write("centroids", centroids)
        writer.write("basis", basis)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = try Parameters(unarchiving: reader)
        assignments = try reader.ints("assignments")
        clusterScores = try reader.matrix("cluster_scores")
        centroids = try reader.matrix("centroids")
        basis = try reader.matrix("basis")
        try reader.require(
            centroids.rows == clusterScores.rows && centroids.columns == basis.columns && basis.rows == clusterScores.columns
                && assignments.allSatisfy { $0 >= 0 && $0 < clusterScores.rows },
            "clusters, centroids and basis disagree on shape")
    }
}

extension IALSModel: ArchivableModel {
    public static var archiveKind: String { "ials" }

    public func archive(into writer: inout ModelArchiveWriter) {
        parameters.archive(into: &writer)
        writer.write("user_factors", userFactors)
        writer.write("item_factors", itemFactors)
        writer.write("item_gram", itemGram)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = try Parameters(unarchiving: reader)
        userFactors = try reader.matrix("user_factors")
        itemFactors = try reader.matrix("item_factors")
        itemGram = try reader.matrix("item_gram")
        let f = parameters.factors
        try reader.require(
            userFactors.columns == f && itemFactors.columns == f && itemGram.rows == f && itemGram.columns == f,
            "factor matrices disagree with \(f) factors")
    }
}

extension EASEModel: ArchivableModel {
    public static var archiveKind: String { "ease" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("lambda", lambda)
        writer.write("weights", weights)
        writer.write("history", history)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        lambda = try reader.double("lambda")
        weights = try reader.matrix("weights")
        history = try reader.sparseMatrix("history")
        try reader.require(weights.rows == weights.columns && history.columns <= weights.rows, "weights are not square over the items")
    }
}

extension SegmentModel.Parameters {
    /// The parameters as fields of the record being written (a model's or a configuration's).
    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("clusters", clusters)
        writer.write("components", components)
        writer.write("max_iterations", maxIterations)
        writer.write("tolerance", tolerance)
        writer.write("seed", Int(bitPattern: UInt(seed)))
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        self.init(
            clusters: try reader.int("clusters"), components: try reader.int("components"),
            maxIterations: try reader.int("max_iterations"), tolerance: try reader.double("tolerance"),
            seed: UInt64(UInt(bitPattern: try reader.int("seed"))))
    }
}

extension IALSModel.Parameters {
    /// The parameters as fields of the record being written (a model's or a configuration's).
    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("factors", factors)
        writer.write("regularization", regularization)
        writer.write("iterations", iterations)
        writer.write("cg_steps", cgSteps)
        writer.write("alpha", alpha)
        writer.write("seed", Int(bitPattern: UInt(seed)))
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        self.init(
            factors: try reader.int("factors"), regularization: try reader.double("regularization"),
            iterations: try reader.int("iterations"), cgSteps: try reader.int("cg_steps"), alpha: try reader.double("alpha"),
            seed: UInt64(UInt(bitPattern: try reader.int("seed"))))
    }
}
