import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// `weft analyze`: builds the network for a window and writes report.json, report.html, members.csv,
/// communities.csv, timeline.csv, ties.csv and rejects.csv into the output folder.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse the network and write report.json, report.html, members.csv, communities.csv, timeline.csv, ties.csv and rejects.csv.",
        aliases: ["analyse"]
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @OptionGroup var measures: MeasureOptions
    @OptionGroup(title: "Time") var time: TimeOptions

    @Option(name: .long, help: "What sizes the dots on report.html's maps: connections, strength, betweenness, pagerank or coreness.")
    var mapSize: MapSizeMeasure = .connections

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
        var options = measures.options(undirected: input.undirected)
        options.time = try time.settings()
        let analysis = Analysis(dataset: dataset, window: span, windowLabels: .init(from: window.from, to: window.to),
                                options: options)
        progress.stage("writing outputs")
        let report = analysis.report(version: Weft.version)
        try ReportWriters.writeRejects(dataset.rejects, to: out + "/rejects.csv", pseudonymise: measures.pseudonymise)
        try ReportWriters.writeMembers(analysis, to: out + "/members.csv")
        try ReportWriters.writeCommunities(analysis, to: out + "/communities.csv")
        try ReportWriters.writeTimeline(analysis.time, to: out + "/timeline.csv")
        try ReportWriters.writeTies(analysis.time, graph: analysis.graph, ids: analysis.outputNodes.ids, to: out + "/ties.csv")
        try ReportWriters.writeReport(report, analysis: analysis, to: out + "/report.json")
        var html = HTMLReport.Options()
        html.sizeBy = mapSize
        try HTMLReport(analysis: analysis, report: report, options: html).write(to: out + "/report.html")
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
        if let t = report.time {
            let changes = TieChange.counted.map { "\($0.label) \(t.tieChanges[$0.label] ?? 0)" }.joined(separator: ", ")
            print("\(t.periods) \(t.period) periods; \(t.ties) ties at the last period end: \(changes)")
        }
        print("wrote \(["report.json", "report.html", "members.csv", "communities.csv", "timeline.csv", "ties.csv", "rejects.csv"].map { out + "/" + $0 }.joined(separator: ", "))")
        print("open \(URL(fileURLWithPath: out + "/report.html").standardizedFileURL.path) in a web browser to read the report")
        try input.enforceStrict(dataset)
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
}

extension MapSizeMeasure: ExpressibleByArgument {}
