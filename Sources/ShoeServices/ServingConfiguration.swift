/// Which served model answers each kind of request, by the name clients use for it.
///
/// The engine never names a concrete model: what serves a cold start, the popular list, similar shoes and a
/// replacement is this value's choice, so an experiment or a retained version can change it without
/// touching the engine. The defaults are the service's behaviour: the hybrid by default, the IMDB
/// weighted rating (served as `popularity`) for a user without history and for the popular list,
/// content for what looks alike.
public struct ServingConfiguration: Sendable, Hashable {
    /// Serves a user's recommendations when no model is asked for, and breaks ties between replacements.
    public var defaultModel: String
    /// Serves a user with no history the models know (the list is marked as a cold start).
    public var coldStartModel: String
    /// Ranks the popular list.
    public var popularModel: String
    /// Must be a `SimilarItemsModel`: the shoes similar to one, the nearness of replacements to the worn
    /// shoe, and "because you bought" beside a content part.
    public var similarModel: String

    public init(defaultModel: String = "hybrid", coldStartModel: String = "popularity",
                popularModel: String = "popularity", similarModel: String = "content") {
        self.defaultModel = defaultModel
        self.coldStartModel = coldStartModel
        self.popularModel = popularModel
        self.similarModel = similarModel
    }
}
