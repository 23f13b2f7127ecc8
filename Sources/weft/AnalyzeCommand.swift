import ArgumentParser
import Foundation
import WeftGraph
import WeftIO
import WeftReport

/// `weft analyze`: builds the network for a window and writes report.json, members.csv and
/// rejects.csv into the output folder.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse the network and write report.json, members.csv and rejects.csv.",
        aliases: ["analyse"]
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @Option(help: "How the two directions of a tie combine in the undirected view: sum, max, min or mean.")
    var symmetrise: Symmetrisation = .sum

    func run() throws {
        let progress = Progress()
        let span = try window.window()
        let dataset = try input.load(progress: progress)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        progress.stage("building the network")
        let analysis = Analysis(dataset: dataset, window: span, windowLabels: .init(from: window.from, to: window.to),
                                builder: GraphBuilder(undirected: input.undirected, symmetrisation: symmetrise))
        progress.stage("writing outputs")
        let report = analysis.report(version: Weft.version)
        try ReportWriters.writeRejects(dataset.rejects, to: out + "/rejects.csv")
        try ReportWriters.writeMembers(analysis, to: out + "/members.csv")
        try ReportWriters.writeJSON(report, to: out + "/report.json")
        progress.done()
        let n = report.network
        print("rows read \(report.rows.read) = accepted \(report.rows.accepted) + rejected \(report.rows.rejected)")
        print("members \(report.members.total) (active \(report.members.active)), ties \(n.ties), density \(format(n.density)), average degree \(format(n.averageDegree))")
        print("reciprocity \(n.reciprocity.map(format) ?? "n/a"), weak components \(n.weakComponents.count) (largest \(n.weakComponents.largest)), strong components \(n.strongComponents.count), isolates \(n.isolates)")
        print("wrote \(out)/report.json, \(out)/members.csv, \(out)/rejects.csv")
        try input.enforceStrict(dataset)
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
