// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for Weft's parsers (CSV ingest, members' attribute headers and ids, .xlsx workbooks, dates and numbers, the --date-format pattern language, survey adapters, segment config, the weft import parsers for Zoom, Teams, Meet, WhatsApp, mailboxes, Slack and iCalendar), kept out of the main build. `make fuzz` builds them with
// `-sanitize=fuzzer` and runs each for a short while from the seeds in Corpus/.
let package = Package(
    name: "WeftFuzz",
    dependencies: [.package(name: "Weft", path: "..")],
    targets: [
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft")]),
        .executableTarget(name: "FuzzDates", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft")]),
        .executableTarget(name: "FuzzDatePattern", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft")]),
        .executableTarget(name: "FuzzMembers", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft"), .product(name: "WeftReport", package: "Weft")]),
        .executableTarget(name: "FuzzSurvey", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft")]),
        .executableTarget(name: "FuzzXLSX", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftIO", package: "Weft")]),
        .executableTarget(name: "FuzzZoom", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzTeams", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzMeet", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzWhatsApp", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzEmail", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzSlack", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzICS", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftImport", package: "Weft")]),
        .executableTarget(name: "FuzzConfig", dependencies: ["CFuzzer", "FuzzSupport", .product(name: "WeftAnalysis", package: "Weft")]),
    ]
)
