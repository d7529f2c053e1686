/// Which served model answers each kind of request, by the name clients use for it.
///
/// The engine never names a concrete model: what serves a cold start, `/popular`, `/similar` and a
/// replacement is this value's choice, so an experiment or a retained version can change it without
/// touching the engine. The defaults are the service's behaviour: the hybrid by default, the IMDB
/// weighted rating (served as `popularity`) for a user without history and for the popular list,
/// content for what looks alike.
public struct ServingConfiguration: Sendable, Hashable {
    /// Serves `/users/{id}/recommendations` without `model=`, and breaks ties between replacements.
    public var defaultModel: String
    /// Serves a user with no history the models know (the response says `cold_start`).
    public var coldStartModel: String
    /// Ranks `/popular`.
    public var popularModel: String
    /// Must be a `SimilarItemsModel`: `/shoes/{id}/similar`, the nearness of replacements to the worn
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
