// Import and read-back throughput of the PostgreSQL layer, each beside psql's \copy of the same
// file into the same table in the same run. The machines are shared and noisy, so the runs
// alternate (ours, psql, ours, psql, ...) and the ratio of medians is the figure to quote.
//
//   swift run -c release import-bench [--interactions N] [--rounds R]   (needs DATABASE_URL)
//       [--data DIR]       a folder `solemate generate` wrote, instead of generating one in process
//       [--cli SOLEMATE]   time `SOLEMATE import --dir DIR` under /usr/bin/time -v (its peak RSS
//                          printed beside psql's) instead of the importer in this process
import Foundation
import PostgresClient
import ShoeData
import ShoeServices

struct Options {
    var interactions = 1_000_000
    var rounds = 3
    var data: String?
    var cli: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--interactions": interactions = Int(iterator.next() ?? "") ?? interactions
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            case "--data": data = iterator.next()
            case "--cli": cli = iterator.next()
            default: fatalError("usage: import-bench [--interactions N] [--rounds R] [--data DIR] [--cli SOLEMATE]")
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

/// Runs a program under /usr/bin/time -v; answers its peak resident set size in kB.
@discardableResult
func timed(_ arguments: [String], environment: [String: String] = [:]) throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = ["-v"] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fatalError("failed: \(arguments)\n\(report)") }
    let line = report.split(separator: "\n").first { $0.contains("Maximum resident set size") }
    return line.flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
}

@discardableResult
func psql(_ url: String, _ command: String) throws -> Int {
    try timed(["psql", "--no-psqlrc", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command])
}

var options = Options(CommandLine.arguments)
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
let folder: String
if let data = options.data {
    folder = data
    // Lines of the events file, less its header.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/interactions.csv"), options: .alwaysMapped)
    options.interactions = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
    print("using \(options.interactions) interactions of \(folder)")
} else {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-bench").path
    let configuration = GeneratorConfiguration(userCount: 20_000, shoeCount: 2_000, interactionCount: options.interactions, seed: 7)
    let generation = try seconds { try SyntheticDataGenerator(configuration: configuration).generate().write(toDirectory: folder) }
    print("generated \(options.interactions) interactions in \(String(format: "%.2f", generation)) s into \(folder)")
}
let pool = PostgresPool(configuration: .init(url: url, maxConnections: 2))
let importer = ShopDataImporter(pool: pool)

var ours: [Double] = []
var theirs: [Double] = []
var readOurs: [Double] = []
var readTheirs: [Double] = []
var rssOurs = 0, rssTheirs = 0
for round in 1...options.rounds {
    try connection.execute("TRUNCATE interactions CASCADE")
    if let cli = options.cli {
        ours.append(try seconds { rssOurs = max(rssOurs, try timed([cli, "import", "--dir", folder], environment: ["DATABASE_URL": url])) })
    } else {
        var report: ShopDataImporter.Report?
        ours.append(try seconds { report = try importer.importDirectory(URL(fileURLWithPath: folder)) })
        precondition(report?.interactionsInserted == options.interactions, "the import must insert every row")
    }
    let stored = try connection.query("SELECT count(*) FROM interactions")[0].decode(Int.self, at: 0)
    precondition(stored == options.interactions, "the import must insert every row")

    var log = InteractionLog()
    readOurs.append(try seconds { log = try pool.withConnection { try InteractionLog.read($0) } })
    precondition(log.count == options.interactions)
    readTheirs.append(try seconds {
        try psql(url, "\\copy (SELECT user_id, shoe_id, kind, occurred_at FROM interactions) TO '/dev/null'")
    })

    try connection.execute("TRUNCATE interactions CASCADE")
    theirs.append(try seconds {
        rssTheirs = max(rssTheirs, try psql(
            url, "\\copy interactions (user_id, shoe_id, kind, occurred_at) FROM '\(folder)/interactions.csv' CSV HEADER"))
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
if options.cli != nil {
    print("peak RSS (/usr/bin/time -v)                 ours \(rssOurs / 1024) MB (solemate import)   psql \\copy \(rssTheirs / 1024) MB")
}
print("goals: import >= 0.90x psql with memory that does not grow with the file; read >= 1,000,000 rows/s")
