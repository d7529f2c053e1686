import Recommender

extension ModelVersion {
    /// The same version with the hybrid served under `name` re-blended at `alpha`: an arm "trained
    /// alongside the current version" costs no fit, because the hybrid is built from the svd,
    /// content and imdb parts this version already holds (`HybridModel(alpha:collaborative:...)`).
    public func variant(of name: String, alpha: Double) throws(RecommendationError) -> ModelVersion {
        guard let hybrid = models[name] as? HybridModel,
            let blended = try? HybridModel(
                alpha: alpha, collaborative: hybrid.collaborative, content: hybrid.content, fallback: hybrid.fallback)
        else { throw .unknownModel(name, known: models.filter { $0.value is HybridModel }.keys.sorted()) }
        var models = self.models
        models[name] = blended
        return ModelVersion(
            id: id, trainedAt: trainedAt, trainingSeconds: trainingSeconds, eventCount: eventCount, userCount: userCount,
            shoeIDs: shoeIDs, itemTexts: itemTexts, models: models, configurations: configurations, evaluation: evaluation,
            tuning: tuning)
    }
}
