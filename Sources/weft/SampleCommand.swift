import ArgumentParser
import Foundation
import WeftSample

extension SampleSize: ExpressibleByArgument {}

/// `weft sample`: writes a synthetic network deterministically from a seed.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate a synthetic network (the bundled SampleData, or benchmark sizes S, M, L).",
        discussion: """
            Sizes: cln (about 300 members over three years, with events, interactions and two survey waves), \
            s (2,000 members, 20,000 records), m (50,000 members, 1,000,000 records), \
            l (500,000 members, 10,000,000 records). The same size and seed give byte-identical files.
            """
    )

    @Option(help: "cln, s, m or l.")
    var size: SampleSize = .cln

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let progress = Progress()
        let summary = try SampleGenerator(size: size, seed: seed).write(to: out) { fraction in
            progress.stage("generating \(Int(fraction * 100))%")
        }
        progress.done()
        print("wrote \(summary.files.joined(separator: ", ")) to \(out): \(summary.members) members, \(summary.interactions) interactions, \(summary.attendance) attendance rows, \(summary.surveyAnswers) survey answers")
    }
}
