// swift-tools-version:6.0
// The yardstick for Benchmarks/http/run.sh: Hummingbird 2 doing exactly what our bench server does.
// Built only by the benchmark, with its own scratch path; never part of the service or CI.
import PackageDescription

let package = Package(
    name: "HBBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "hb-bench-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/HBBench"
        ),
    ]
)
