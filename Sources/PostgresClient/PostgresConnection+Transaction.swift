extension PostgresConnection {
    /// Runs `body` inside `BEGIN` … `COMMIT`; any error thrown rolls everything back and is rethrown.
    ///
    /// A COMMIT that the server turns into a ROLLBACK (because a statement in the transaction
    /// failed and the error was swallowed) is reported as an error, never as success.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            if isUsable { _ = try? execute("ROLLBACK") }
            throw error
        }
        let tag = try query("COMMIT").commandTag
        guard tag == "COMMIT" else {
            throw PostgresError(.client, message: "the transaction was rolled back instead of committed (\(tag))")
        }
        return value
    }
}
