import Logging

extension ModelVersionShelf {
    /// Puts on the shelf each version of `ids` it lacks, read from the published versions in
    /// `store`: how an experiment's pinned version outlives a restart, and how a replica gets a
    /// version it never trained. A version that is not published (or no longer: a pointer pruned
    /// with its experiment stopped) or cannot be read whole is skipped with a log line; the
    /// experiment then says it is unavailable, and its users get the default model.
    public func restore(_ ids: some Sequence<String>, from store: ModelVersionStore, logger: Logger) {
        for id in Set(ids) where version(id: id) == nil {
            do {
                guard let pointer = try store.pointer(id: id) else {
                    logger.warning("pinned version is not published", metadata: ["version": "\(id)"])
                    continue
                }
                published(try store.load(pointer))
                logger.info("pinned version restored from PostgreSQL", metadata: ["version": "\(id)"])
            } catch {
                logger.warning("pinned version not loaded", metadata: ["version": "\(id)", "error": "\(error)"])
            }
        }
    }
}
