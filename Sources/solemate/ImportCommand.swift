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

    @Flag(help: "Show progress on stderr (the default on a terminal).")
    var progress = false

    func run() throws {
        JSONLogHandler.bootstrap()
        let url = try database.url
        let window = try AppConfiguration.eventTimeWindow(from: ProcessInfo.processInfo.environment)
        let shown = progress || isatty(2) == 1
        var phase = (name: "validating", started: Date())
        let report = try CommandFailure.wrapping {
            try DatabaseTasks.importShopData(
                databaseURL: url, directory: URL(fileURLWithPath: dir), onlyIfEmpty: ifEmpty, timeWindow: window
            ) { step in
                guard shown else { return }
                if step.phase.rawValue != phase.name {
                    FileHandle.standardError.write(Data("\n".utf8))
                    phase = (step.phase.rawValue, Date())
                }
                let percent = step.fileSize > 0 ? 100 * step.bytesRead / step.fileSize : 100
                let rate = Double(step.events) / max(Date().timeIntervalSince(phase.started), 1e-3)
                FileHandle.standardError.write(Data(
                    "\r\u{1B}[K\(step.phase.rawValue) interactions.csv: \(percent) %, \(step.events) events, \(Int(rate)) events/s".utf8))
            }
        }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        print(report.map { "imported: \($0)" } ?? "database already holds data; nothing imported")
    }
}
