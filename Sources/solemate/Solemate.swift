import ArgumentParser
import SolemateApp

@main
struct Solemate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solemate: shoe recommendations, care notifications and replacement suggestions.",
        subcommands: [MigrateCommand.self, ImportCommand.self, EvaluateCommand.self, GenerateCommand.self, ExportCommand.self,
                      ServeCommand.self, TrainCommand.self, ExperimentCommand.self, SimulateCommand.self, RetentionCommand.self]
    )
}
