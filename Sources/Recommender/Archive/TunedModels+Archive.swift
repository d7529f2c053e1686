import LinearAlgebra

// The models of the tuning (item-item models, the blend and the two history wrappers) in an
// archive, so that a version trained with TUNING_BUDGET > 0 is published and loaded like any other.

extension ItemItemState {
    /// The state as fields of the model's record.
    func archive(into writer: inout ModelArchiveWriter) {
        writer.write("item_count", itemCount)
        writer.write("weights", weights)
        writer.write("row_starts", rowStarts)
        writer.write("row_items", rowItems)
        writer.write("row_values", rowValues)
    }

    init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        let itemCount = try reader.int("item_count"), weights = try reader.doubles("weights")
        let rowStarts = try reader.ints("row_starts"), rowItems = try reader.int32s("row_items")
        let rowValues = try reader.doubles("row_values")
        try reader.require(
            itemCount >= 0 && weights.count == itemCount * itemCount && rowItems.count == rowValues.count
                && rowStarts.first == 0 && rowStarts.last == rowItems.count && zip(rowStarts, rowStarts.dropFirst()).allSatisfy { $0 <= $1 }
                && rowItems.allSatisfy { $0 >= 0 && Int($0) < itemCount },
            "item-item weights and rows disagree on shape")
        self.init(itemCount: itemCount, weights: weights, rowStarts: rowStarts, rowItems: rowItems, rowValues: rowValues)
    }
}

extension RP3betaModel: ArchivableModel {
    public static var archiveKind: String { "rp3beta" }

    public func archive(into writer: inout ModelArchiveWriter) {
        parameters.archive(into: &writer)
        state.archive(into: &writer)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = try Parameters(unarchiving: reader)
        state = try ItemItemState(unarchiving: reader)
    }
}

extension ItemKNNModel: ArchivableModel {
    public static var archiveKind: String { "itemknn" }

    public func archive(into writer: inout ModelArchiveWriter) {
        parameters.archive(into: &writer)
        state.archive(into: &writer)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = try Parameters(unarchiving: reader)
        state = try ItemItemState(unarchiving: reader)
    }
}

extension TimeDecayedEASEModel: ArchivableModel {
    public static var archiveKind: String { "ease-decay" }

    public func archive(into writer: inout ModelArchiveWriter) {
        parameters.archive(into: &writer)
        state.archive(into: &writer)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = try Parameters(unarchiving: reader)
        state = try ItemItemState(unarchiving: reader)
    }
}

extension RecencyRerankModel: ArchivableModel {
    public static var archiveKind: String { "recency" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("penalty", parameters.penalty)
        writer.write("window_days", parameters.windowDays)
        writer.write("base", part: base)
        writer.write("item_groups", itemGroups)
        writer.write("recent_starts", recentStarts)
        writer.write("recent_groups", recentGroups)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        parameters = Parameters(penalty: try reader.double("penalty"), windowDays: try reader.double("window_days"))
        base = try reader.part("base")
        itemGroups = try reader.int32s("item_groups")
        recentStarts = try reader.ints("recent_starts")
        recentGroups = try reader.int32s("recent_groups")
        try reader.require(
            itemGroups.count == base.itemCount && recentStarts.first == 0 && recentStarts.last == recentGroups.count
                && zip(recentStarts, recentStarts.dropFirst()).allSatisfy { $0 <= $1 },
            "groups and recent purchases disagree on shape")
    }
}

extension RecentWeightingModel: ArchivableModel {
    public static var archiveKind: String { "recent" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("half_life_days", halfLifeDays)
        writer.write("base", part: base)
        writer.write("row_starts", rowStarts)
        writer.write("row_items", rowItems)
        writer.write("row_weights", rowWeights)
        writer.write("row_seconds", rowSeconds.map { Int($0) })
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        halfLifeDays = try reader.double("half_life_days")
        base = try reader.part("base")
        rowStarts = try reader.ints("row_starts")
        rowItems = try reader.int32s("row_items")
        rowWeights = try reader.doubles("row_weights")
        rowSeconds = try reader.ints("row_seconds").map { Int64($0) }
        try reader.require(
            rowItems.count == rowWeights.count && rowItems.count == rowSeconds.count && rowStarts.first == 0
                && rowStarts.last == rowItems.count && rowItems.allSatisfy { $0 >= 0 && Int($0) < base.itemCount },
            "recent rows disagree on shape")
    }
}

extension BlendModel: ArchivableModel {
    public static var archiveKind: String { "blend" }

    public func archive(into writer: inout ModelArchiveWriter) {
        writer.write("alpha", alpha)
        writer.write("collaborative", part: collaborative)
        writer.write("content", part: content)
        writer.write("fallback", part: fallback)
    }

    public init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        do {
            try self.init(
                alpha: try reader.double("alpha"), collaborative: try reader.part("collaborative"),
                content: try reader.part("content", as: TFIDFModel.self), fallback: try reader.part("fallback", as: IMDBModel.self))
        } catch let error as ModelArchiveError {
            throw error
        } catch {
            throw .inconsistent("blend: \(error)")
        }
    }
}

extension RP3betaModel.Parameters {
    func archive(into writer: inout ModelArchiveWriter) {
        writer.write("alpha", alpha)
        writer.write("beta", beta)
        writer.write("neighbours", neighbours)
    }

    init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        self.init(alpha: try reader.double("alpha"), beta: try reader.double("beta"), neighbours: try reader.int("neighbours"))
    }
}

extension ItemKNNModel.Parameters {
    func archive(into writer: inout ModelArchiveWriter) {
        writer.write("neighbours", neighbours)
        writer.write("shrink", shrink)
        writer.write("binary", binary ? 1 : 0)
    }

    init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        self.init(neighbours: try reader.int("neighbours"), shrink: try reader.double("shrink"), binary: try reader.int("binary") != 0)
    }
}

extension TimeDecayedEASEModel.Parameters {
    func archive(into writer: inout ModelArchiveWriter) {
        writer.write("lambda", lambda)
        writer.write("half_life_days", halfLifeDays)
        writer.write("binary", binary ? 1 : 0)
    }

    init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError) {
        self.init(lambda: try reader.double("lambda"), halfLifeDays: try reader.double("half_life_days"),
                  binary: try reader.int("binary") != 0)
    }
}
