import Recommender

/// What a training's tuning chose, kept with the model version for `/admin/models`: per served
/// name the chosen hyperparameters and the validation figures of the choice and of the untuned
/// default, and which name won (served also as `tuned`).
public struct TuningRecord: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        /// The served name (`ease`, `blend`, ...).
        public var model: String
        /// e.g. `ease(lambda=250)`.
        public var summary: String
        public var parameters: [Parameter]
        public var validationNDCG: Double
        public var validationHitRate: Double
        public var untunedNDCG: Double
        public var untunedHitRate: Double
        public var fits: Int
        /// False for an add-on stage whose validation gain over its base was not significant: served
        /// under its name, never as `tuned`.
        public var eligible: Bool
    }

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: Double
    }

    public var winner: String
    public var validationUsers: Int
    public var budget: Int
    public var seconds: Double
    public var choices: [Choice]

    init(_ result: ModelTuner.Result, budget: Int) {
        winner = result.winner.family
        validationUsers = result.validationUsers
        self.budget = budget
        seconds = result.seconds
        choices = result.choices.map { choice in
            Choice(model: choice.family, summary: choice.chosen.configuration.summary,
                   parameters: choice.chosen.configuration.parameterValues.map { Parameter(name: $0.name, value: $0.value) },
                   validationNDCG: choice.chosen.ndcg, validationHitRate: choice.chosen.hitRate,
                   untunedNDCG: choice.untuned.ndcg, untunedHitRate: choice.untuned.hitRate, fits: choice.trials,
                   eligible: choice.eligible)
        }
    }
}
