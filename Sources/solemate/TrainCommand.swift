import ArgumentParser
import Foundation
import SolemateApp

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train once from PostgreSQL, publish the version for `serve --no-train` replicas, and exit.",
        discussion: "Reads HYBRID_ALPHA, SVD_FACTORS and MODEL_VERSIONS_KEPT (versions kept besides those experiments pin)."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        JSONLogHandler.bootstrap()
        let configuration = try database.serviceConfiguration()
        let outcome = try CommandFailure.wrapping { try TrainAndPublish.run(configuration) }
        let p = outcome.published
        print("published \(p.id): \(p.byteCount) bytes in \(p.chunkCount) chunks, trained in "
            + String(format: "%.2f s, published in %.2f s", outcome.trainingSeconds, outcome.publishSeconds))
    }
}
