import ArgumentParser
import Foundation
import SolemateApp

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate and load users.csv, shoes.csv and interactions.csv in one transaction.",
        discussion: "A bad row stops the import with its file, line and column, and nothing is written; an event before SHOP_EPOCH (default 2000-01-01) or more than EVENT_FUTURE_SKEW_SECONDS (default 300) after now is a bad row. Importing the same files again adds nothing."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder holding users.csv, shoes.csv and interactions.csv.")
    var dir: String

    @Flag(help: "Import only when the database holds no shoes yet.")
    var ifEmpty = false

    func run() throws {
        JSONLogHandler.bootstrap()
        let url = try database.url
        let window = try AppConfiguration.eventTimeWindow(from: ProcessInfo.processInfo.environment)
        let report = try CommandFailure.wrapping {
            try DatabaseTasks.importShopData(
                databaseURL: url, directory: URL(fileURLWithPath: dir), onlyIfEmpty: ifEmpty, timeWindow: window)
        }
        print(report.map { "imported: \($0)" } ?? "database already holds data; nothing imported")
    }
}
