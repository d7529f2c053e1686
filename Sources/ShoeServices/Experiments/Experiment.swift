import Foundation

/// An online experiment on one surface: its users split into arms by a salted hash of the user id,
/// each arm served by a model (with parameters, or a pinned earlier version). Arm 0 is the control.
///
/// A value the store writes and reads; the split (salt, weights, traffic) never changes after
/// creation, because changing it would move users between arms mid-test.
public struct Experiment: Sendable, Equatable {
    public enum Status: String, Sendable { case running, stopped }

    /// One arm: what serves its users.
    public struct Arm: Sendable, Equatable {
        public var name: String
        /// The served model's name (`hybrid`, `ease`, ...).
        public var model: String
        public var weight: Double
        /// The hybrid's alpha, for an arm that serves the hybrid with another blend.
        public var alpha: Double?
        /// A pinned version's id (`20261123T044012.345Z`); nil follows the current version.
        public var version: String?

        public init(name: String, model: String, weight: Double, alpha: Double? = nil, version: String? = nil) {
            self.name = name
            self.model = model
            self.weight = weight
            self.alpha = alpha
            self.version = version
        }
    }

    /// The store's key, used by the exposure log (smaller than the name on every row).
    public var id: Int
    public var name: String
    public var surface: String
    public var salt: String
    public var trafficPercent: Int
    public var status: Status
    public var createdAt: Date
    public var stoppedAt: Date?
    public var arms: [Arm]

    public init(id: Int, name: String, surface: String, salt: String, trafficPercent: Int, status: Status,
                createdAt: Date, stoppedAt: Date? = nil, arms: [Arm]) {
        self.id = id
        self.name = name
        self.surface = surface
        self.salt = salt
        self.trafficPercent = trafficPercent
        self.status = status
        self.createdAt = createdAt
        self.stoppedAt = stoppedAt
        self.arms = arms
    }

    /// The only surface experiments run on so far.
    public static let recommendationsSurface = "recommendations"
}

/// What an admin asks for: an experiment before the store gave it an id, a salt and a time.
public struct NewExperiment: Sendable, Equatable {
    public var name: String
    public var trafficPercent: Int
    public var arms: [Experiment.Arm]
    /// The assignment salt to use; nil for a fresh random one (the usual case). Given, it makes
    /// the split reproducible: a rerun of a simulation, or an experiment continued under a new
    /// name, puts every user in the same arm as before.
    public var salt: String?

    public init(name: String, trafficPercent: Int, arms: [Experiment.Arm], salt: String? = nil) {
        self.name = name
        self.trafficPercent = trafficPercent
        self.arms = arms
        self.salt = salt
    }

    /// The rules that need no model or database: what is wrong with each field, in order.
    public var problems: [ExperimentError.Problem] {
        var problems: [ExperimentError.Problem] = []
        if name.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) == nil {
            problems.append(.init(field: "name", message: "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"))
        }
        if !(1...100).contains(trafficPercent) {
            problems.append(.init(field: "traffic", message: "must be a whole percentage in 1...100, got \(trafficPercent)"))
        }
        if let salt, salt.range(of: "^[!-~]{1,64}$", options: .regularExpression) == nil {
            problems.append(.init(field: "salt", message: "must be 1 to 64 printable ASCII characters without spaces"))
        }
        if arms.count < 2 { problems.append(.init(field: "arms", message: "an experiment needs at least 2 arms, got \(arms.count)")) }
        var seen = Set<String>()
        for (index, arm) in arms.enumerated() {
            if arm.name.isEmpty { problems.append(.init(field: "arms[\(index)].name", message: "must not be empty")) }
            if !seen.insert(arm.name).inserted {
                problems.append(.init(field: "arms[\(index)].name", message: "duplicate arm name \"\(arm.name)\""))
            }
            if !(arm.weight > 0 && arm.weight.isFinite) {
                problems.append(.init(field: "arms[\(index)].weight", message: "must be positive, got \(arm.weight)"))
            }
            if let alpha = arm.alpha {
                if arm.model != "hybrid" {
                    problems.append(.init(field: "arms[\(index)].params", message: "only the hybrid takes params (alpha)"))
                } else if !(0...1).contains(alpha) {
                    problems.append(.init(field: "arms[\(index)].params.alpha", message: "must be in 0...1, got \(alpha)"))
                }
                if arm.version != nil {
                    problems.append(.init(field: "arms[\(index)].params", message: "an arm takes params or a version, not both"))
                }
            }
        }
        return problems
    }
}

/// Why an experiment request was refused; the HTTP mapping is the app's (ServiceErrors).
public enum ExperimentError: Error, Equatable, CustomStringConvertible {
    /// One field and what is wrong with it.
    public struct Problem: Sendable, Equatable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Bad values (unknown model or version, weights, traffic, arms): nothing was written.
    case invalid([Problem])
    case duplicateName(String)
    /// Another experiment runs on the surface.
    case surfaceBusy(surface: String, running: String)
    case notFound(String)
    case alreadyStopped(String)

    public var description: String {
        switch self {
        case .invalid(let problems): "\(problems.count) invalid field(s); nothing was written"
        case .duplicateName(let name): "an experiment named \"\(name)\" already exists"
        case .surfaceBusy(let surface, let running):
            "the experiment \"\(running)\" is running on \(surface); stop it first"
        case .notFound(let name): "no experiment named \"\(name)\""
        case .alreadyStopped(let name): "the experiment \"\(name)\" is already stopped"
        }
    }
}
