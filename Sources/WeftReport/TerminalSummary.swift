import Foundation
import WeftAnalysis

/// The terminal writer: what `weft analyze` prints when its outputs are written, a view of the
/// report model in three parts — what was read (`inputLines`), the network's figures
/// (`figureLines`) and what was written (`outputLines`). It reads the model's `Report` and nothing
/// else (the member matching and data warnings are printed by the command's `InputOptions`, which
/// owns them); numbers have four decimals.
public struct TerminalSummary {
    let report: Report

    public init(_ model: ReportModel) { report = model.report }

    /// The survey layer's line (with --network survey:…) and the rows read.
    public var inputLines: [String] {
        (report.survey.map { [TerminalSummary.surveyLine($0)] } ?? [])
            + ["rows read \(report.rows.read) = accepted \(report.rows.accepted) + rejected \(report.rows.rejected)"]
    }

    /// The network's figures: size, connectivity, cohesion, communities, groups, time, segments.
    public var figureLines: [String] {
        let n = report.network
        var lines = [
            "members \(report.membership.total) (active \(report.membership.active)), ties \(n.tieCount), density \(format(n.density)), average connections \(format(report.summary.averageConnections))",
            "reciprocity \(n.reciprocity.map(format) ?? "n/a"), weak components \(n.weakComponents.count) (largest \(n.weakComponents.largest)), strong components \(n.strongComponents.count), isolates \(n.isolates)",
            "transitivity \(format(n.transitivity)), average clustering \(format(n.averageClustering)), diameter \(n.diameter), average path length \(format(n.averagePathLength)), betweenness \(report.measures.betweennessMethod.rawValue)",
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
            lines.append("\(t.periods) \(t.period) periods; \(t.tieCount) ties at the last period end: \(changes)")
            lines.append("each period compared with the \(t.comparedWith)"
                         + (t.emptyPeriodsSkipped > 0 || t.comparedWith != "previous period" ? " (\(t.emptyPeriodsSkipped) empty period(s) skipped, --skip-empty-periods)" : ""))
        }
        if let s = report.segments { lines.append(TerminalSummary.segmentLines(s)) }
        return lines
    }

    /// The files written, the stage timings (with --timings) and where to open report.html.
    public static func outputLines(written: [String], timings: String?, reportHTML: String?) -> [String] {
        ["wrote \(written.joined(separator: ", "))"]
            + (timings.map { [$0] } ?? [])
            + (reportHTML.map { ["open \(URL(fileURLWithPath: $0).standardizedFileURL.path) in a web browser to read the report"] } ?? [])
    }

    /// The segments' lines: counts, movement since the previous snapshot, the threshold band,
    /// the k-means check and the fit to labels (`weft analyze` and `weft segments`).
    public static func segmentLines(_ s: Report.SegmentsSummary) -> String {
        var text = "segments (\(s.windowStart ?? "start") to \(s.windowEnd)): " + s.segments.map { "\($0) \(s.counts[$0] ?? 0)" }.joined(separator: ", ")
        if s.overTime.count >= 2, let moves = s.overTime.last?.movements {
            text += "\nsince the window ending \(s.overTime[s.overTime.count - 2].windowEnd): "
                + ["up", "down", "left", "joined", "stayed"].map { "\($0) \(moves[$0] ?? 0)" }.joined(separator: ", ")
        }
        if let last = s.overTime.last, let moved = last.moved, let sensitive = last.movedSensitive {
            text += "\n\(moved) members changed segment, \(sensitive) of them within the ±\(SegmentConfig.format(100 * s.sensitivity.step))% threshold band"
                + (last.mostlyThresholdNoise == true ? " (most movement may be threshold noise)" : "")
        }
        if let c = s.clusters {
            text += String(format: "\nk-means check: k = %d, adjusted Rand index with the rules %.3f; ", c.k, c.adjustedRandIndex)
                + c.segmentAgreement.map { "\($0.segment) \($0.agreeing)/\($0.members)" }.joined(separator: ", ")
                + " agree; \(c.disagreeing) members disagree (segments.csv: cluster_segment)"
        }
        if let f = s.calibration {
            text += "\nfitted to \(f.labelled) labelled members: agreement \(SegmentConfig.format(f.agreementBefore)) before, \(SegmentConfig.format(f.agreementAfter)) after"
                + (f.crossValidated.map { ", \(f.folds)-fold cross-validated \(SegmentConfig.format($0))" } ?? "")
                + "; \(f.changes.count) thresholds moved; \(f.disagreements.count) labelled members still disagree"
            for d in f.disagreements.prefix(10) {
                text += "\n  \(d.member): labelled \(d.label), rules say \(d.segment) (\(d.reasons))" + (d.labelNeeds.isEmpty ? "" : "; \(d.label) needs \(d.labelNeeds)")
            }
            if f.disagreements.count > 10 { text += "\n  … \(f.disagreements.count - 10) more in segments.json (calibration.disagreements)" }
        }
        return text
    }

    /// The survey layer's lines: response rates, symmetrisation, change since the previous wave,
    /// the treatments of non-response and the warnings (`weft analyze`, `weft metrics`).
    public static func surveyLine(_ s: Report.SurveySummary) -> String {
        let rate = String(format: "%.1f%%", s.responseRate * 100)
        var text = "survey \(s.relations.joined(separator: "+")), wave \(s.wave): response rate \(rate) (\(s.respondents) of \(s.members), from \(s.respondentsFrom)) — \(s.confidence); symmetrisation \(s.symmetrisation) (\(s.symmetrisationReason))"
        if let warning = s.warning { text += "\nwarning: " + warning }
        for w in s.responseByWave {
            text += "\nwave \(w.wave)" + (w.date.map { " (\($0), date from \(w.dateFrom ?? "")) " } ?? " (no date) ")
                + "members \(w.members), respondents \(w.respondents), response rate \(String(format: "%.1f%%", w.responseRate * 100))"
        }
        if s.nominationsOfAbsentMembers > 0 {
            text += "\n\(s.nominationsOfAbsentMembers) nomination(s) name members not in the network at wave \(s.wave) and are left out"
        }
        if let c = s.changeFromPreviousWave {
            text += "\nsince wave \(c.fromWave), among the \(c.membersInBoth) members of both waves: new \(c.new), sustained \(c.sustained), dissolved \(c.dissolved), Jaccard \(String(format: "%.4f", c.jaccard))"
            text += "\ncomposition change: joined \(c.joined) (with \(c.joinerTieCount) ties), left \(c.left) (with \(c.leaverTieCount) ties at wave \(c.fromWave))"
        }
        text += "\nwave \(s.wave) under each treatment of non-response (members present at the wave):"
        text += "\n  treatment      ties   density  reciprocity  mean degree  isolates  transitivity"
        for t in s.treatments {
            text += "\n  " + t.treatment.padding(toLength: 11, withPad: " ", startingAt: 0) + pad(String(t.tieCount), 8)
                + pad(String(format: "%.4f", t.density), 10) + pad(t.reciprocity.map { String(format: "%.4f", $0) } ?? "-", 13)
                + pad(String(format: "%.3f", t.averageDegree), 13) + pad(String(t.isolates), 10) + pad(String(format: "%.4f", t.transitivity), 14)
        }
        for r in s.byRelation where r.waves.count > 1 {
            text += "\nsurvey \(r.relation) by wave (\(s.symmetrisation)):"
            for w in r.waves {
                text += "\n  \(w.wave): response rate \(String(format: "%.1f%%", w.responseRate * 100)), ties \(w.tieCount), density \(String(format: "%.4f", w.density)), average connections \(String(format: "%.4f", w.averageConnections))"
                    + (w.averageValue.map { ", average value \(String(format: "%.2f", $0))" } ?? "")
                if let c = w.change {
                    text += "; since \(c.fromWave): new \(c.new), sustained \(c.sustained), dissolved \(c.dissolved), members with more connections \(c.membersGained), with fewer \(c.membersLost)"
                }
            }
        }
        for w in s.warnings { text += "\nwarning: " + w.message }
        return text
    }

    private func format(_ x: Double) -> String { String(format: "%.4f", x) }
    private static func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
}
