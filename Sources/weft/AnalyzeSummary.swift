import Foundation
import WeftAnalysis
import WeftReport

/// What `weft analyze` prints when its outputs are written: a terminal view of the report model,
/// in three parts — what was read (`inputLines`), the network's figures (`figureLines`) and what
/// was written (`outputLines`). It reads the report and nothing else (the member matching and
/// data warnings are printed by `InputOptions`, which owns them); numbers have four decimals.
struct AnalyzeSummary {
    let report: Report

    /// The survey layer's line (with --network survey:…) and the rows read.
    var inputLines: [String] {
        (report.survey.map { [SurveyReporting.line($0)] } ?? [])
            + ["rows read \(report.rows.read) = accepted \(report.rows.accepted) + rejected \(report.rows.rejected)"]
    }

    /// The network's figures: size, connectivity, cohesion, communities, groups, time, segments.
    var figureLines: [String] {
        let n = report.network
        var lines = [
            "members \(report.membership.total) (active \(report.membership.active)), ties \(n.ties), density \(format(n.density)), average connections \(format(report.summary.averageConnections))",
            "reciprocity \(n.reciprocity.map(format) ?? "n/a"), weak components \(n.weakComponents.count) (largest \(n.weakComponents.largest)), strong components \(n.strongComponents.count), isolates \(n.isolates)",
            "transitivity \(format(n.transitivity)), average clustering \(format(n.averageClustering)), diameter \(n.diameter), average path length \(format(n.averagePathLength)), betweenness \(report.measures.betweenness.rawValue)",
            "degree assortativity \(n.degreeAssortativity.map(format) ?? "n/a") (undirected view)"
                + (report.graph.directed ? ", directed degree assortativity \(n.directedDegreeAssortativity.map(format) ?? "n/a") (source out-degree, target in-degree)" : ""),
        ]
        if let c = report.communities {
            lines.append("communities (\(c.method.rawValue)) \(c.count), modularity \(format(c.modularity)), largest \(c.sizes.prefix(5).map(String.init).joined(separator: ", "))")
        }
        for (attribute, g) in report.groups.sorted(by: { $0.key < $1.key }) {
            lines.append("groups by \(attribute): \(g.groups), modularity \(format(g.modularity))")
        }
        if let t = report.time {
            let changes = TieChange.counted.map { "\($0.label) \(t.tieChanges[$0.label] ?? 0)" }.joined(separator: ", ")
            lines.append("\(t.periods) \(t.period) periods; \(t.ties) ties at the last period end: \(changes)")
            lines.append("each period compared with the \(t.comparedWith)"
                         + (t.emptyPeriodsSkipped > 0 || t.comparedWith != "previous period" ? " (\(t.emptyPeriodsSkipped) empty period(s) skipped, --skip-empty-periods)" : ""))
        }
        if let s = report.segments { lines.append(SegmentsCommand.describe(s)) }
        return lines
    }

    /// The files written, the stage timings (with --timings) and where to open report.html.
    static func outputLines(written: [String], timings: String?, reportHTML: String?) -> [String] {
        ["wrote \(written.joined(separator: ", "))"]
            + (timings.map { [$0] } ?? [])
            + (reportHTML.map { ["open \(URL(fileURLWithPath: $0).standardizedFileURL.path) in a web browser to read the report"] } ?? [])
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
