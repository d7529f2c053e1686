import PostgresClient

/// The per-user lists answer "unknown user" rather than an empty list for an id that does not
/// exist, so a client's typo is an error and not "nothing due".
enum NotificationUsers {
    static func requireUser(_ userID: Int, _ connection: PostgresConnection) throws {
        // An id beyond `integer` cannot exist; asking would be a database error instead.
        guard Int32(exactly: userID) != nil else { throw NotificationError.unknownUser(userID) }
        let exists = try connection.query("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1::integer)", [userID])
        guard try exists[0].decode(Bool.self, at: 0) else { throw NotificationError.unknownUser(userID) }
    }
}
