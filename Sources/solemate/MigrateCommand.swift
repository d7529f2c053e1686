import ArgumentParser
import Foundation
import SolemateApp

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations (each in a transaction, recorded with a checksum)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNNN_name.sql files.")
    var migrations: String = "migrations"

    func run() throws {
        JSONLogHandler.bootstrap()
        let url = try database.url
        let applied = try CommandFailure.wrapping {
            try DatabaseTasks.migrate(databaseURL: url, folder: URL(fileURLWithPath: migrations))
        }
        print(applied.isEmpty ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}
