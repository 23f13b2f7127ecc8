// swift-tools-version: 6.1
import PackageDescription

// Weft's benchmarks, kept out of the main package so `swift test` stays lean.
// Run with `make bench` (or `swift package benchmark` in this folder).
let package = Package(
    name: "WeftBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Weft", path: ".."),
        // Pinned to a minor version, as in ../Package.swift (Package.resolved stays out of git).
        .package(url: "https://github.com/ordo-one/package-benchmark", .upToNextMinor(from: "1.38.1"), traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "WeftBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "WeftAnalysis", package: "Weft"),
                .product(name: "WeftGraph", package: "Weft"),
                .product(name: "WeftIO", package: "Weft"),
                .product(name: "WeftImport", package: "Weft"),
                .product(name: "WeftSample", package: "Weft"),
            ],
            path: "Benchmarks/WeftBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
