import Foundation
import WeftGraph
import WeftIO

/// Writes the outputs of an analysis into a folder, each file atomically, with fixed names.
public enum ReportWriters {
    public static let memberColumns = [
        "id", "name", "active", "in_degree", "out_degree", "degree", "neighbours",
        "in_strength", "out_strength", "strength", "isolate", "weak_component", "strong_component",
    ]

    /// `report.json`: the report model, pretty-printed with sorted keys (byte-stable).
    public static func writeJSON(_ report: Report, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        try AtomicFileWriter.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
    }

    /// `members.csv`: one row per member, the fixed columns then the member attributes.
    public static func writeMembers(_ analysis: Analysis, to path: String) throws {
        let members = analysis.dataset.members
        let attributes = members.attributes.columns
        let writer = try CSVTableWriter(path: path, header: memberColumns + attributes.map(\.name))
        let d = analysis.degrees
        let weak = analysis.summary.weakComponents.membership
        let strong = analysis.summary.strongComponents.membership
        for v in 0..<members.count {
            var row: [CSVCell] = [
                .text(members.ids[Int32(v)]), .text(members.names[v]), .integer(analysis.active[v] ? 1 : 0),
                .integer(d.inDegree[v]), .integer(d.outDegree[v]), .integer(d.degree[v]), .integer(d.neighbours[v]),
                .real(d.inStrength[v]), .real(d.outStrength[v]), .real(d.strength[v]),
                .integer(d.neighbours[v] == 0 ? 1 : 0), .integer(weak[v]), .integer(strong[v]),
            ]
            row += attributes.map { .text($0.value(at: v)) }
            try writer.writeRow(row)
        }
        try writer.commit()
    }

    public static let rejectColumns = ["file", "line", "column", "field", "value", "reason"]

    /// `rejects.csv`: every rejected input row with its location and reason.
    public static func writeRejects(_ rejects: [Reject], to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: rejectColumns)
        for r in rejects {
            try writer.writeRow([
                .text(r.file), .integer(r.line), r.column.map { .integer($0) } ?? .empty,
                r.field.map { .text($0) } ?? .empty, r.value.map { .text($0) } ?? .empty, .text(r.reason),
            ])
        }
        try writer.commit()
    }
}
