extension ModelConfiguration {
    /// Fits several models on one training set, each distinct configuration once, and builds every
    /// hybrid from the svd, tfidf and imdb fits it shares with the list (a hybrid beside `svd` of the
    /// same factor count costs no second SVD). One failed fit fails only the models that need it.
    ///
    /// - Returns: a result for every configuration given, in their order.
    public static func fitSharingParts(_ configurations: [ModelConfiguration], on set: TrainingSet,
                                       threads: Int? = nil) -> [Result<any RecommendationModel, RecommenderError>] {
        var fitted: [ModelConfiguration: Result<any RecommendationModel, RecommenderError>] = [:]
        func fit(_ configuration: ModelConfiguration) -> Result<any RecommendationModel, RecommenderError> {
            if let done = fitted[configuration] { return done }
            let result: Result<any RecommendationModel, RecommenderError>
            if case .hybrid(let alpha, let factors) = configuration {
                result = Result { () throws(RecommenderError) -> any RecommendationModel in
                    let svd = try fit(.svd(factors: factors)).get(), tfidf = try fit(.tfidf).get(), imdb = try fit(.imdb).get()
                    guard let svd = svd as? PureSVDModel, let tfidf = tfidf as? TFIDFModel, let imdb = imdb as? IMDBModel else {
                        throw .invalidParameter("hybrid parts were not svd, tfidf and imdb")
                    }
                    return try HybridModel(alpha: alpha, collaborative: svd, content: tfidf, fallback: imdb)
                }
            } else if case .blend(let part, let alpha) = configuration {
                result = Result { () throws(RecommenderError) -> any RecommendationModel in
                    let collaborative = try fit(part).get(), tfidf = try fit(.tfidf).get(), imdb = try fit(.imdb).get()
                    guard let tfidf = tfidf as? TFIDFModel, let imdb = imdb as? IMDBModel else {
                        throw .invalidParameter("blend parts were not tfidf and imdb")
                    }
                    return try BlendModel(alpha: alpha, collaborative: collaborative, content: tfidf, fallback: imdb)
                }
            } else if case .recent(let base, let halfLife) = configuration {
                result = Result { () throws(RecommenderError) -> any RecommendationModel in
                    try RecentWeightingModel(base: try fit(base).get(), fitting: set, halfLifeDays: halfLife)
                }
            } else if case .recency(let base, let parameters) = configuration {
                result = Result { () throws(RecommenderError) -> any RecommendationModel in
                    try RecencyRerankModel(base: try fit(base).get(), fitting: set, parameters: parameters)
                }
            } else {
                result = Result { () throws(RecommenderError) in try configuration.fit(set, threads: threads) }
            }
            fitted[configuration] = result
            return result
        }
        return configurations.map(fit)
    }
}
