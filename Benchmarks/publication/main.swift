import Foundation
import PostgresClient
import Recommender
import ShoeData
import ShoeServices

/// publication-bench: what a replica pays to take a version instead of training it (issue 14).
///
/// On a generated shop trained as the service trains (the models of `--models`, default the ones
/// every process needs plus svd), in one run: the fit (the retrain a replica avoids: the
/// yardstick), the archive's encoding and its decoding (`ModelVersion(archive:)`: checksum, parse,
/// every model rebuilt), and a copy of the same bytes (the floor no load can beat). With
/// DATABASE_URL set, also the publication through PostgreSQL and the load back from it
/// (`ModelVersionStore.publish`/`load`), in a database of its own that is dropped afterwards.
///
/// Usage: publication-bench [--users N] [--shoes M] [--interactions K] [--seed S] [--models a,b]
@main
struct PublicationBench {
    static func main() throws {
        var options = ["--users": "200000", "--shoes": "10000", "--interactions": "10000000", "--seed": "7",
                       "--models": "hybrid,content,popularity,svd"]
        var arguments = CommandLine.arguments.dropFirst()
        while let name = arguments.popFirst() {
            guard options[name] != nil, let value = arguments.popFirst() else {
                print("usage: publication-bench [--users N] [--shoes M] [--interactions K] [--seed S] [--models a,b]")
                exit(2)
            }
            options[name] = value
        }
        let (users, shoes, events) = (Int(options["--users"]!)!, Int(options["--shoes"]!)!, Int(options["--interactions"]!)!)
        print("publication-bench: \(users) users x \(shoes) shoes x \(events) events, models \(options["--models"]!)")
        let shop = try SyntheticDataGenerator(configuration: GeneratorConfiguration(
            userCount: users, shoeCount: shoes, interactionCount: events, seed: UInt64(options["--seed"]!)!)).generate()
        let log = InteractionLog(shop.interactions)
        let unconnected = PostgresPool(configuration: .init(url: "postgresql://unused@127.0.0.1:1/unused"))
        let (trained, fitSeconds) = try timed {
            try ModelTrainer(pool: unconnected).fit(
                shoes: shop.shoes, log: log, only: Set(options["--models"]!.split(separator: ",").map(String.init)))
        }
        let (bytes, encodeSeconds) = try timed { try trained.version.archived() }
        let (copy, copySeconds) = timed { [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            count = bytes.count
        } }
        let (loaded, decodeSeconds) = try timed { try ModelVersion(archive: copy) }
        precondition(loaded.modelNames == trained.version.modelNames)
        let mib = Double(bytes.count) / 1_048_576
        print(String(format: "archive: %.1f MiB, %d models", mib, loaded.modelNames.count))
        print(String(format: "fit (the retrain a replica avoids, yardstick)  %8.3f s", fitSeconds))
        print(String(format: "encode                                         %8.3f s", encodeSeconds))
        print(String(format: "copy of the bytes (floor)                      %8.3f s", copySeconds))
        print(String(format: "decode: checksum, parse, rebuild               %8.3f s  = %.3fx the fit, %.0fx the copy",
                     decodeSeconds, decodeSeconds / fitSeconds, decodeSeconds / max(copySeconds, 1e-9)))
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            try throughPostgreSQL(trained.version, url: url, fitSeconds: fitSeconds)
        }
    }

    /// Publishes and loads through a database of the benchmark's own on the server of `url`.
    static func throughPostgreSQL(_ version: ModelVersion, url: String, fitSeconds: Double) throws {
        let database = "solemate_publication_bench_\(getpid())"
        let base = url.split(separator: "?", maxSplits: 1)[0]
        let server = base.prefix(upTo: base.lastIndex(of: "/")!)
        let admin = try PostgresConnection(url: String(server) + "/postgres")
        try admin.execute("CREATE DATABASE \(database)")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(database)")
            admin.close()
        }
        let pool = PostgresPool(configuration: .init(url: String(server) + "/" + database, maxConnections: 2))
        defer { pool.shutdown() }
        try pool.withConnection { connection in
            try PostgresMigrator(folder: URL(fileURLWithPath: "migrations")).migrate(connection)
        }
        let store = ModelVersionStore(pool: pool)
        let (pointer, publishSeconds) = try timed { try store.publish(version, keeping: 3) }
        let (_, loadSeconds) = try timed { try store.load(pointer) }
        print(String(format: "publish through PostgreSQL (%d chunks)         %8.3f s", pointer.chunkCount, publishSeconds))
        print(String(format: "load from PostgreSQL: fetch, check, rebuild    %8.3f s  = %.3fx the fit", loadSeconds, loadSeconds / fitSeconds))
    }

    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let started = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(started))
    }
}
