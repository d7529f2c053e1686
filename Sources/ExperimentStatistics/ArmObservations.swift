/// What one exposed user of an arm did during the experiment: the per-user aggregates the report is
/// computed from. Users are the unit of randomisation, so every metric is built from these rows.
public struct ExposedUser: Sendable, Equatable {
    /// Lists served to the user (recommendation responses logged as exposures), at least 1.
    public var lists: Int
    /// Views (clicks) of shown shoes attributed to those lists.
    public var views: Int
    public var wishlists: Int
    public var purchases: Int
    /// The price sum of attributed purchases.
    public var revenue: Double

    public init(lists: Int, views: Int = 0, wishlists: Int = 0, purchases: Int = 0, revenue: Double = 0) {
        self.lists = lists
        self.views = views
        self.wishlists = wishlists
        self.purchases = purchases
        self.revenue = revenue
    }
}

/// One arm's data for the report: its configuration, how many users were assigned to it, and one row
/// per user who was actually served a list.
public struct ArmObservations: Sendable, Equatable {
    public var name: String
    public var weight: Double
    /// Users assigned to the arm (whether or not they were served a list).
    public var usersAssigned: Int
    public var exposedUsers: [ExposedUser]

    public init(name: String, weight: Double, usersAssigned: Int, exposedUsers: [ExposedUser]) {
        self.name = name
        self.weight = weight
        self.usersAssigned = usersAssigned
        self.exposedUsers = exposedUsers
    }
}
