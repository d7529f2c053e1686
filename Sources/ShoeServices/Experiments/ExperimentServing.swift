import ExperimentStatistics
import Synchronization

/// The running experiments as serving needs them: for a user, the arm and what serves it. No SQL
/// and no HTTP: the store loads the experiments, the routes ask this for assignments.
///
/// Each arm is resolved once, when the experiment starts: a pinned version is taken off the shelf
/// and kept here for the experiment's life (so it outlives the shelf's few slots); an arm with an
/// alpha re-blends the current version's hybrid, again whenever a training publishes a new one.
/// After a restart the service restores pinned versions from PostgreSQL first
/// (`ModelVersionShelf.restore`); an experiment whose pinned version is still missing (never
/// published, or unreadable) cannot serve: its users get the default model and are not counted,
/// until it is stopped.
public final class ExperimentServing: Sendable {
    /// A user's place in an experiment, and what serves the user's list.
    public struct Assignment: Sendable {
        public var experimentID: Int
        public var experimentName: String
        public var arm: Int
        public var armName: String
        /// The model to ask the engine for.
        public var model: String
        /// The version to serve from; nil is the engine's current version.
        public var version: ModelVersion?
    }

    private struct Resolved {
        var arm: Experiment.Arm
        /// A pinned version, or the current version re-blended (keyed by `blendedFrom`).
        var version: ModelVersion?
        var blendedFrom: VersionKey?
    }

    /// Which current version a blend was made from: the id, and the shoe count (a shoe added
    /// after training grows the version under the same id).
    private struct VersionKey: Equatable {
        var id: String
        var items: Int
        init(_ version: ModelVersion) { (id, items) = (version.id, version.shoeIDs.count) }
    }

    private struct Running {
        var experiment: Experiment
        var split: TrafficSplit
        var arms: [Resolved]
        /// Why it cannot serve, or nil when it serves.
        var unavailable: String?
    }

    private let shelf: ModelVersionShelf
    private let running = Mutex<[String: Running]>([:])
    private let loadedOnce = Mutex(false)

    public init(shelf: ModelVersionShelf) {
        self.shelf = shelf
    }

    /// Whether the running experiments were read from the store since start.
    public var loaded: Bool { loadedOnce.withLock { $0 } }

    /// What is wrong with `new`'s arms for the models in memory: an unknown model, or a version not
    /// kept (each named with what is known). Empty when every arm can serve.
    public func problems(in new: NewExperiment, current: ModelVersion) -> [ExperimentError.Problem] {
        new.arms.enumerated().compactMap { index, arm in
            let version: ModelVersion
            if let id = arm.version {
                guard let kept = shelf.version(id: id) else {
                    return .init(field: "arms[\(index)].version",
                                 message: "unknown or no longer kept version \"\(id)\"; kept: \(shelf.ids.joined(separator: ", "))")
                }
                version = kept
            } else {
                version = current
            }
            guard version.models[arm.model] != nil else {
                return .init(field: "arms[\(index)].model",
                             message: "unknown model \"\(arm.model)\"; trained models: \(version.modelNames.joined(separator: ", "))")
            }
            return nil
        }
    }

    /// Serves these experiments from now on (the store's running ones, at start-up).
    public func replaceAll(with experiments: [Experiment]) {
        let prepared = experiments.map(prepare)
        running.withLock { running in
            running = Dictionary(prepared.map { ($0.experiment.surface, $0) }, uniquingKeysWith: { first, _ in first })
        }
        loadedOnce.withLock { $0 = true }
    }

    /// Starts serving a newly created experiment.
    public func start(_ experiment: Experiment) {
        let prepared = prepare(experiment)
        running.withLock { $0[experiment.surface] = prepared }
    }

    /// Stops serving an experiment (its pinned versions are released with it).
    public func stop(_ name: String) {
        running.withLock { running in
            for (surface, entry) in running where entry.experiment.name == name { running[surface] = nil }
        }
    }

    /// Why the experiment named `name` cannot serve, or nil when it serves (or is not running).
    public func unavailability(of name: String) -> String? {
        running.withLock { $0.values.first { $0.experiment.name == name }?.unavailable }
    }

    /// The user's arm in the experiment running on `surface`, or nil when none runs, the user is
    /// outside its traffic, or it cannot serve. `current` is the version the engine serves now.
    public func assignment(userID: Int, surface: String = Experiment.recommendationsSurface, current: ModelVersion) -> Assignment? {
        running.withLock { running -> Assignment? in
            guard var entry = running[surface], entry.unavailable == nil,
                let index = entry.split.arm(salt: entry.experiment.salt, userID: userID)
            else { return nil }
            var resolved = entry.arms[index]
            if let alpha = resolved.arm.alpha, resolved.blendedFrom != VersionKey(current) {
                // A new version was published since the blend: blend again, once, for everyone.
                resolved.version = try? current.variant(of: resolved.arm.model, alpha: alpha)
                resolved.blendedFrom = VersionKey(current)
                entry.arms[index] = resolved
                running[surface] = entry
            }
            return Assignment(
                experimentID: entry.experiment.id, experimentName: entry.experiment.name, arm: index,
                armName: resolved.arm.name, model: resolved.arm.model, version: resolved.version)
        }
    }

    private func prepare(_ experiment: Experiment) -> Running {
        let split = TrafficSplit(weights: experiment.arms.map(\.weight), trafficPercent: Double(experiment.trafficPercent))
            ?? TrafficSplit(weights: [1], trafficPercent: 0)!
        var unavailable: String?
        let arms = experiment.arms.map { arm -> Resolved in
            guard let id = arm.version else { return Resolved(arm: arm) }
            guard let pinned = shelf.version(id: id) else {
                unavailable = "the pinned version \(id) of arm \"\(arm.name)\" is neither in memory nor published in the database"
                return Resolved(arm: arm)
            }
            return Resolved(arm: arm, version: pinned)
        }
        return Running(experiment: experiment, split: split, arms: arms, unavailable: unavailable)
    }
}
