// swift-tools-version: 6.0
import PackageDescription

// Weft's modules, lowest layer first. Each knows only the layers below it:
//   CLinearAlgebra → LinearAlgebra → WeftGraph → WeftAnalysis → WeftIO → WeftReport → weft
// (CZlib and CSHA256, C below WeftIO: inflating .xlsx archives, hashing input files; CPrefetch,
// C below WeftGraph: a cache prefetch hint for looking ids up.)
// WeftImport (platform exports → canonical records) sits on WeftIO and is used by the CLI.
// WeftSample (synthetic networks) sits beside WeftIO and is used by the CLI and the benchmarks.
let package = Package(
    name: "Weft",
    // Synchronization's Atomic (Parallel.swift) needs macOS 15; Linux has it with the toolchain.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "WeftGraph", targets: ["WeftGraph"]),
        .library(name: "WeftAnalysis", targets: ["WeftAnalysis"]),
        .library(name: "WeftIO", targets: ["WeftIO"]),
        .library(name: "WeftReport", targets: ["WeftReport"]),
        .library(name: "WeftSample", targets: ["WeftSample"]),
        .library(name: "WeftImport", targets: ["WeftImport"]),
    ],
    // Pinned to a minor version, so a build does not pick whatever resolves that day; the versions are
    // the ones this project's machines hold. Package.resolved stays out of git: its revision ids differ
    // between those package copies and upstream, so a committed file would break builds elsewhere.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", .upToNextMinor(from: "1.8.2")),
        .package(url: "https://github.com/x-sheep/swift-property-based", .upToNextMinor(from: "2.0.1")),
    ],
    targets: [
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 blocks with the processor's SHA instructions where it has them (input fingerprints).
        .target(name: "CSHA256"),
        .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"]),
        .target(name: "CPrefetch"),
        .target(name: "WeftGraph", dependencies: ["CPrefetch"]),
        .target(name: "WeftAnalysis", dependencies: ["WeftGraph", "LinearAlgebra"]),
        .target(name: "WeftIO", dependencies: ["WeftGraph", "CZlib", "CSHA256"]),
        .target(name: "WeftReport", dependencies: ["LinearAlgebra", "WeftGraph", "WeftAnalysis", "WeftIO"]),
        .target(name: "WeftSample", dependencies: ["WeftGraph", "WeftIO"]),
        .target(name: "WeftImport", dependencies: ["WeftGraph", "WeftIO"]),
        .executableTarget(
            name: "weft",
            dependencies: [
                "LinearAlgebra", "WeftGraph", "WeftAnalysis", "WeftIO", "WeftReport", "WeftSample", "WeftImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "WeftGraphTests",
            dependencies: ["WeftGraph", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "WeftIOTests", dependencies: ["WeftIO", "WeftGraph"], exclude: ["Workbook/make_workbooks.py"],
                    resources: [.copy("BadInput"), .copy("Files"), .copy("Survey/Exports"), .copy("Survey/Fixtures"), .copy("Workbook/Workbooks")]),
        .testTarget(
            name: "WeftAnalysisTests",
            dependencies: ["WeftAnalysis", "WeftGraph", "WeftIO"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WeftReportTests",
            dependencies: ["WeftReport", "WeftAnalysis", "WeftIO", "WeftGraph", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "WeftImportTests", dependencies: ["WeftImport", "WeftIO", "WeftGraph"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WeftSampleTests", dependencies: ["WeftSample", "WeftGraph", "WeftIO"]),
        .testTarget(name: "WeftCLITests", dependencies: ["weft", "WeftSample", "WeftIO", "WeftGraph", "WeftAnalysis"], exclude: ["Fixtures"]),
    ]
)
