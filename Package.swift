// swift-tools-version:6.0
//
// Solemate: a shoe-recommendation service.
//
// One target per concern; each depends only on targets drawn below it (arrows point down):
//
//   solemate                 the command line: parses arguments, starts what they name
//   └─ SolemateApp           routes and their wire forms, middleware, training coordinator, metrics
//      ├─ HTTPServer         sockets, HTTP/1.1, router, middleware; no SQL, no models
//      ├─ Evaluation         the offline protocol of shared/EVALUATION.md (Recommender, CSV)
//      └─ ShoeServices       the engine and model versions, catalogue, ingestion, care, replacement,
//         │                  experiments' data (over ExperimentStatistics)
//         ├─ PostgresClient  the thin libpq wrapper (CLibPQ)
//         ├─ Recommender     every model behind one serving interface (LinearAlgebra, COpenBLAS)
//         └─ ShoeData        the domain (Shoe, Price, User, InteractionKind) and the generator (CSV)
//
//   Storefront (simulated shoppers over ShoeData's hidden tastes; no HTTP) ← StorefrontHTTP
//   (that storefront over the API), used by `solemate simulate` and the experiment tests.
//
//   Leaves, used from above and depending on nothing of ours: UTCTime (the one calendar),
//   JSON (the one writer), CSV, ExperimentStatistics (assignment and tests; math only).
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Solemate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "solemate", targets: ["solemate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C shims: a module map and a header each, nothing else.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),

        // The thin libpq wrapper: connections, typed rows, transactions, COPY, pool, migrations.
        .target(
            name: "PostgresClient",
            dependencies: [
                "CLibPQ", "UTCTime",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        // Dense and sparse linear algebra over BLAS/LAPACK. Knows nothing of HTTP or SQL.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"], swiftSettings: strictSwift),

        // The recommendation models: fit on an interaction matrix and item texts, answer scores.
        .target(name: "Recommender", dependencies: ["LinearAlgebra"], exclude: ["Archive/README.md"], swiftSettings: strictSwift),

        // The proleptic Gregorian calendar in UTC and ISO-8601 timestamps: one implementation for all.
        .target(name: "UTCTime", swiftSettings: strictSwift),

        // RFC 4180 CSV reading and writing over bytes, with line numbers for error messages.
        .target(name: "CSV", swiftSettings: strictSwift),

        // The one JSON writer (and an ordered JSON value) every emitted JSON text goes through.
        .target(name: "JSON", swiftSettings: strictSwift),

        // Offline evaluation (shared/EVALUATION.md) on the neutral CSV form.
        .target(name: "Evaluation", dependencies: ["Recommender", "CSV", "JSON", "UTCTime"], swiftSettings: strictSwift),

        // Online-experiment math: assignment buckets, Welch, delta method, confidence sequences, SRM.
        .target(name: "ExperimentStatistics", swiftSettings: strictSwift),

        // HTTP/1.1 on POSIX sockets and Dispatch, with a router, middleware and problem+json.
        .target(
            name: "HTTPServer",
            dependencies: ["JSON", "UTCTime", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSwift
        ),

        // The shop's domain: users, shoes, interactions, their CSV forms and the synthetic generator.
        .target(name: "ShoeData", dependencies: ["CSV", "UTCTime"], swiftSettings: strictSwift),

        // The storefront simulator: shoppers with the generator's hidden tastes acting on shown lists
        // (no HTTP), and the HTTP adapter that plays them against a running service.
        .target(name: "Storefront", dependencies: ["ShoeData"], swiftSettings: strictSwift),
        .target(name: "StorefrontHTTP", dependencies: ["Storefront"], swiftSettings: strictSwift),

        // Shoe services over PostgreSQL and the models: import, recommendations, care, replacement.
        .target(
            name: "ShoeServices",
            dependencies: [
                "ShoeData", "CSV", "UTCTime", "PostgresClient", "Recommender", "LinearAlgebra", "ExperimentStatistics",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),

        // Wires the server, the database and the models into the running service.
        .target(
            name: "SolemateApp",
            dependencies: [
                "ShoeServices", "ShoeData", "UTCTime", "HTTPServer", "JSON", "Evaluation", "PostgresClient", "LinearAlgebra",
                "ExperimentStatistics",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSwift
        ),

        .executableTarget(
            name: "solemate",
            dependencies: [
                "SolemateApp", "PostgresClient", "Evaluation", "Recommender", "ShoeData", "UTCTime", "Storefront", "StorefrontHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),

        // Helpers for tests that need the real PostgreSQL server `make test` starts.
        .target(name: "TestSupport", dependencies: ["PostgresClient"], path: "Tests/TestSupport"),

        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "RecommenderTests", dependencies: ["Recommender", "LinearAlgebra"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "JSON"]),
        .testTarget(name: "ExperimentStatisticsTests", dependencies: ["ExperimentStatistics", "ShoeData"]),
        .testTarget(name: "StorefrontTests", dependencies: ["Storefront", "ShoeData", "ExperimentStatistics"]),
        .testTarget(name: "UTCTimeTests", dependencies: ["UTCTime"]),
        .testTarget(name: "ShoeDataTests", dependencies: ["ShoeData", "UTCTime"]),
        .testTarget(
            name: "ShoeServicesTests", dependencies: ["ShoeServices", "Recommender", "PostgresClient", "ShoeData", "UTCTime", "TestSupport"]),
        .testTarget(
            name: "SolemateAppTests",
            dependencies: [
                "SolemateApp", "HTTPServer", "JSON", "ShoeServices", "ShoeData", "Recommender", "UTCTime", "PostgresClient",
                "TestSupport", "ExperimentStatistics", "Storefront", "StorefrontHTTP",
            ]),
        .executableTarget(
            name: "import-bench", dependencies: ["ShoeServices", "ShoeData", "PostgresClient"], path: "Benchmarks/import", exclude: ["RESULTS.md"],
            swiftSettings: strictSwift),
        .executableTarget(
            name: "export-bench", dependencies: ["SolemateApp", "ShoeServices", "ShoeData", "Recommender", "LinearAlgebra", "PostgresClient"],
            path: "Benchmarks/export", exclude: ["RESULTS.md"], swiftSettings: strictSwift),
        .executableTarget(
            name: "publication-bench", dependencies: ["ShoeServices", "ShoeData", "Recommender", "PostgresClient"],
            path: "Benchmarks/publication", swiftSettings: strictSwift),
        .executableTarget(name: "models-bench", dependencies: ["Recommender", "LinearAlgebra"], path: "Benchmarks/models", exclude: ["check_reference.py", "RESULTS.md"], swiftSettings: strictSwift),
        .executableTarget(name: "http-bench-server", dependencies: ["HTTPServer"], path: "Benchmarks/http/Server", swiftSettings: strictSwift),
    ]
)
