import Foundation
import LinearAlgebra
import Recommender

// models-bench: training and top-10 latency of every model on a generated 6,000 x 4,000 x 1,000,000
// shop, each beside the BLAS floor measured in the same run (see Benchmark.swift).
//   swift run -c release --scratch-path .build-models models-bench [users items interactions]
//   swift run -c release --scratch-path .build-models models-bench accuracy   (randomized vs exact SVD)
//   swift run -c release --scratch-path .build-models models-bench reference DIR   (see check_reference.py)

let arguments = CommandLine.arguments.dropFirst()
do {
    if arguments.first == "reference", let directory = arguments.dropFirst().first {
        try runReferenceCheck(directory: directory)
    } else if arguments.first == "accuracy" {
        try runAccuracy(users: 6_000, items: 4_000, interactions: 1_000_000)
    } else {
        let sizes = arguments.compactMap { Int($0) }
        try runBenchmark(users: sizes.count > 0 ? sizes[0] : 6_000,
                         items: sizes.count > 1 ? sizes[1] : 4_000,
                         interactions: sizes.count > 2 ? sizes[2] : 1_000_000)
    }
} catch {
    FileHandle.standardError.write("models-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
