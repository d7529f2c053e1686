// Import and read-back throughput of the PostgreSQL layer, each beside psql's \copy of the same
// file into the same table in the same run. The machines are shared and noisy, so the runs
// alternate (ours, psql, ours, psql, ...) and the ratio of medians is the figure to quote.
//
//   swift run -c release import-bench [--interactions N] [--rounds R]   (needs DATABASE_URL)
import Foundation
import PostgresClient
import ShoeData
import ShoeServices

struct Options {
    var interactions = 1_000_000
    var rounds = 3

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--interactions": interactions = Int(iterator.next() ?? "") ?? interactions
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            default: fatalError("usage: import-bench [--interactions N] [--rounds R]")
            }
        }
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func psql(_ url: String, _ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "--no-psqlrc", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fatalError("psql failed: \(command)") }
}

let options = Options(CommandLine.arguments)
guard let adminURL = ProcessInfo.processInfo.environment["DATABASE_URL"] else {
    fatalError("set DATABASE_URL (for example: export DATABASE_URL=$(scripts/db-url.sh))")
}

// A database of the benchmark's own, migrated, dropped at the end.
let name = "solemate_import_bench"
let admin = try PostgresConnection(url: adminURL)
try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
try admin.execute("CREATE DATABASE \(name) TEMPLATE template0")
defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
let url: String = {
    var components = URLComponents(string: adminURL)!
    components.path = "/" + name
    return components.string!
}()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let connection = try PostgresConnection(url: url)
try PostgresMigrator(folder: root.appendingPathComponent("migrations")).migrate(connection)

// The data: users and shoes first (the interactions' foreign keys need them), then the events file.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-bench").path
let configuration = GeneratorConfiguration(userCount: 20_000, shoeCount: 2_000, interactionCount: options.interactions, seed: 7)
let generation = try seconds { try SyntheticDataGenerator(configuration: configuration).generate().write(toDirectory: folder) }
print("generated \(options.interactions) interactions in \(String(format: "%.2f", generation)) s into \(folder)")
let pool = PostgresPool(configuration: .init(url: url, maxConnections: 2))
let importer = ShopDataImporter(pool: pool)

var ours: [Double] = []
var theirs: [Double] = []
var readOurs: [Double] = []
var readTheirs: [Double] = []
for round in 1...options.rounds {
    try connection.execute("TRUNCATE interactions CASCADE")
    var report: ShopDataImporter.Report?
    ours.append(try seconds { report = try importer.importDirectory(URL(fileURLWithPath: folder)) })
    precondition(report?.interactionsInserted == options.interactions, "the import must insert every row")

    var log = InteractionLog()
    readOurs.append(try seconds { log = try pool.withConnection { try InteractionLog.read($0) } })
    precondition(log.count == options.interactions)
    readTheirs.append(try seconds {
        try psql(url, "\\copy (SELECT user_id, shoe_id, kind, occurred_at FROM interactions) TO '/dev/null'")
    })

    try connection.execute("TRUNCATE interactions CASCADE")
    theirs.append(try seconds {
        try psql(url, "\\copy interactions (user_id, shoe_id, kind, occurred_at) FROM '\(folder)/interactions.csv' CSV HEADER")
    })
    print("round \(round): import ours \(String(format: "%.2f", ours.last!)) s, psql \(String(format: "%.2f", theirs.last!)) s; "
        + "read ours \(String(format: "%.2f", readOurs.last!)) s, psql \(String(format: "%.2f", readTheirs.last!)) s")
}
pool.shutdown()

let n = Double(options.interactions)
func rate(_ s: Double) -> String { String(format: "%9.0f rows/s", n / s) }
print("")
print("import (validation + COPY, one transaction)  ours \(rate(median(ours)))   psql \\copy \(rate(median(theirs)))   ratio \(String(format: "%.2f", median(theirs) / median(ours)))x psql")
print("full read (binary COPY into columns)         ours \(rate(median(readOurs)))   psql \\copy \(rate(median(readTheirs)))   ratio \(String(format: "%.2f", median(readTheirs) / median(readOurs)))x psql")
print("goals: import >= 0.80x psql; read >= 1,000,000 rows/s")
