import ArgumentParser
import Foundation
import WeftGraph
import WeftIO
import WeftReport

/// `weft analyze`: builds the network for a window and writes report.json, members.csv,
/// communities.csv and rejects.csv into the output folder.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse the network and write report.json, members.csv, communities.csv and rejects.csv.",
        aliases: ["analyse"]
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @OptionGroup var measures: MeasureOptions

    func validate() throws {
        if measures.network == .events {
            throw ValidationError("--network events is for `weft metrics` (its rows are events, not members)")
        }
    }

    func run() throws {
        let progress = Progress()
        let span = try window.window()
        let dataset = try input.load(progress: progress)
        try measures.checkNames(dataset)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        progress.stage("computing measures")
        let analysis = Analysis(dataset: dataset, window: span, windowLabels: .init(from: window.from, to: window.to),
                                options: measures.options(undirected: input.undirected))
        progress.stage("writing outputs")
        let report = analysis.report(version: Weft.version)
        try ReportWriters.writeRejects(dataset.rejects, to: out + "/rejects.csv", pseudonymise: measures.pseudonymise)
        try ReportWriters.writeMembers(analysis, to: out + "/members.csv")
        try ReportWriters.writeCommunities(analysis, to: out + "/communities.csv")
        try ReportWriters.writeReport(report, analysis: analysis, to: out + "/report.json")
        progress.done()
        let n = report.network
        print("rows read \(report.rows.read) = accepted \(report.rows.accepted) + rejected \(report.rows.rejected)")
        print("members \(report.membership.total) (active \(report.membership.active)), ties \(n.ties), density \(format(n.density)), average degree \(format(n.averageDegree))")
        print("reciprocity \(n.reciprocity.map(format) ?? "n/a"), weak components \(n.weakComponents.count) (largest \(n.weakComponents.largest)), strong components \(n.strongComponents.count), isolates \(n.isolates)")
        print("transitivity \(format(n.transitivity)), average clustering \(format(n.averageClustering)), diameter \(n.diameter), average path length \(format(n.averagePathLength)), betweenness \(report.measures.betweenness)")
        if let c = report.communities {
            print("communities (\(c.method)) \(c.count), modularity \(format(c.modularity)), largest \(c.sizes.prefix(5).map(String.init).joined(separator: ", "))")
        }
        for (attribute, g) in report.groups.sorted(by: { $0.key < $1.key }) {
            print("groups by \(attribute): \(g.groups), modularity \(format(g.modularity))")
        }
        print("wrote \(out)/report.json, \(out)/members.csv, \(out)/communities.csv, \(out)/rejects.csv")
        try input.enforceStrict(dataset)
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
