import Synchronization

/// The last few published model versions, so that an experiment can pin one that is no longer
/// current ("the version of yesterday against today's"). A pinned version lives in the running
/// experiment that pinned it (`ExperimentServing`), not here, so this shelf can stay small; after a
/// restart, `restore(_:from:logger:)` puts back the pinned ones from the versions published in
/// PostgreSQL (pruning never deletes a version a running experiment pins).
public final class ModelVersionShelf: Sendable {
    /// How many recent versions are kept (the current one included).
    public let capacity: Int
    private let versions = Mutex<[ModelVersion]>([])

    public init(capacity: Int = 3) {
        self.capacity = max(1, capacity)
    }

    /// Puts a newly published version on the shelf, dropping the oldest beyond `capacity`.
    public func published(_ version: ModelVersion) {
        versions.withLock { versions in
            versions.removeAll { $0.id == version.id }
            versions.append(version)
            if versions.count > capacity { versions.removeFirst(versions.count - capacity) }
        }
    }

    /// The version with this id, if it is still kept.
    public func version(id: String) -> ModelVersion? {
        versions.withLock { $0.last { $0.id == id } }
    }

    /// The ids kept, oldest first (what an unknown-version error lists).
    public var ids: [String] { versions.withLock { $0.map(\.id) } }
}
