import ArgumentParser
import Foundation
import SolemateApp

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Drop the months of interactions older than the retention (whole partitions).",
        discussion: """
            Keeps the current UTC month and the N - 1 before it; every older month partition of \
            interactions is detached and dropped, with the care and replacement notifications \
            recorded for its purchases. Each month is logged as it goes. Safe to run while the \
            service runs, and again at any time.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Months to keep, the current one included (at least 1).")
    var keepMonths: Int

    @Flag(help: "Only list the months that would be dropped.")
    var dryRun = false

    func validate() throws {
        guard keepMonths >= 1 else { throw ValidationError("--keep-months must be at least 1, got \(keepMonths)") }
    }

    func run() throws {
        JSONLogHandler.bootstrap()
        let url = try database.url
        let dropped = try CommandFailure.wrapping {
            try DatabaseTasks.retention(databaseURL: url, keepMonths: keepMonths, dryRun: dryRun)
        }
        let verb = dryRun ? "would drop" : "dropped"
        print(dropped.isEmpty ? "nothing older than \(keepMonths) month(s)" : "\(verb): " + dropped.map(\.description).joined(separator: ", "))
    }
}
