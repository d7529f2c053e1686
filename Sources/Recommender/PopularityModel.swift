import LinearAlgebra

/// `popularity`: an item's score is the number of distinct users who interacted with it.
///
/// The baseline every personalised model must beat; the same list for everyone.
public struct PopularityModel: RecommendationModel {
    public let name = "popularity"
    /// The same list for everyone: served as "popular", never as "for you".
    public var isPersonalised: Bool { false }
    /// Distinct users per item (training pairs in the item's column).
    public let userCounts: [Double]
    public var itemCount: Int { userCounts.count }

    public init(fitting set: TrainingSet) throws(RecommenderError) {
        let x = try set.interactionMatrix()
        var counts = [Double](repeating: 0, count: set.itemCount)
        for item in x.columnIndices { counts[Int(item)] += 1 }
        userCounts = counts
    }

    public func scores(forUser user: Int) -> [Double] { userCounts }
    public func scores(forHistory history: [ItemWeight]) -> [Double] { userCounts }
}
