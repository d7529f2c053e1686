import ArgumentParser
import Foundation
import SolemateApp

/// `solemate experiment report NAME`: an experiment's report as a table, from the database.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Online experiments.",
        subcommands: [Report.self]
    )

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an experiment's report (the same as GET /admin/experiments/{name}/report) as a table.",
            discussion: "Reads PostgreSQL directly; ATTRIBUTION_VIEW_HOURS and ATTRIBUTION_PURCHASE_DAYS as for serve."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The experiment's name.")
        var name: String

        func run() throws {
            let url = try database.url
            let configuration = try AppConfiguration.from(environment: ProcessInfo.processInfo.environment)
            print(try CommandFailure.wrapping {
                try ExperimentReportTable.report(databaseURL: url, name: name, configuration: configuration)
            })
        }
    }
}
