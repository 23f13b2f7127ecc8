import Benchmark
import Foundation
import WeftImport

/// Large platform exports for the import benchmarks, written by imports/make_big_exports.py
/// (seeded) into Benchmarks/data/ the first time they are needed.
enum BenchmarkExports {
    /// 200,000 mbox messages (~215 MB), 1,000,000 WhatsApp lines (~70 MB), 200,000 Slack messages.
    static let mboxMessages = 200_000, chatLines = 1_000_000, slackMessages = 200_000

    static func path(_ kind: String, _ name: String, count: Int) -> String {
        BenchmarkData.generated(name, by: "imports/make_big_exports.py", arguments: [kind], count: count)
    }
}

extension BenchmarkData {
    /// `folder/name`, written the first time by running `python3 script ARGUMENTS… PATH COUNT`
    /// (a path under Benchmarks/), which must succeed.
    static func generated(_ name: String, by script: String, arguments: [String] = [], count: Int) -> String {
        let file = folder + "/" + name
        if !FileManager.default.fileExists(atPath: file) {
            let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(script).path
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", scriptPath] + arguments + [file, String(count)]
            try! python.run()
            python.waitUntilExit()
            precondition(python.terminationStatus == 0, "\(script) \(arguments.joined(separator: " ")) failed")
        }
        return file
    }
}

/// `weft import` on one core, parse to rows without a roster (every person becomes a member, so
/// resolution is a dictionary look-up): records per second = rows read / wall-clock time of one
/// iteration (`throughput` counts the unit each format reads: messages or lines).
func importBenchmarks() {
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput],
                                                timeUnits: .milliseconds, scalingFactor: .kilo,
                                                maxDuration: .seconds(30), maxIterations: 3)
    let cases: [(String, ImportFormat, () -> String, Int)] = [
        ("import email mbox 200k messages", .email, { BenchmarkExports.path("mbox", "mail-200k.mbox", count: BenchmarkExports.mboxMessages) },
         BenchmarkExports.mboxMessages),
        ("import whatsapp 1M lines", .whatsapp, { BenchmarkExports.path("whatsapp", "chat-1m.txt", count: BenchmarkExports.chatLines) },
         BenchmarkExports.chatLines),
        ("import slack 200k messages", .slack, { BenchmarkExports.path("slack", "slack-200k", count: BenchmarkExports.slackMessages) },
         BenchmarkExports.slackMessages),
    ]
    for (name, format, input, units) in cases {
        Benchmark(name, configuration: configuration) { benchmark in
            let path = input()
            benchmark.startMeasurement()
            let outcome = try InteractionImport(settings: InteractionImportSettings(format: format)).run(inputs: [path], roster: nil)
            benchmark.stopMeasurement()
            precondition(outcome.accounts[0].rowsRead == units && outcome.accounts[0].isBalanced)
            blackHole(outcome.rows.count)
        }
    }
}
