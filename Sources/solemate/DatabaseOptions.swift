import ArgumentParser
import Foundation
import PostgresClient
import SolemateApp

/// `--database-url`, defaulting to the DATABASE_URL environment variable.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo (default: $DATABASE_URL).")
    var explicitURL: String?

    var url: String {
        get throws {
            if let explicitURL, !explicitURL.isEmpty { return explicitURL }
            if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
            throw ValidationError("no database: set DATABASE_URL or pass --database-url")
        }
    }
}

/// What a command-line user sees when a command fails: the whole story, database text included,
/// since the operator at the terminal is who needs it (a response to an HTTP client never does).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw CommandFailure(description: error.debugDescription)
        }
    }
}

extension DatabaseOptions {
    /// The service's settings from the environment, with this command's database: where `serve`
    /// and `train` start. A bad setting is a usage error that names it.
    func serviceConfiguration() throws -> AppConfiguration {
        var configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.from(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        configuration.databaseURL = try url
        return configuration
    }
}
