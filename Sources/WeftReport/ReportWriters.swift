import Foundation
import WeftGraph
import WeftIO

/// Writes the outputs of an analysis into a folder, each file atomically, with fixed names.
public enum ReportWriters {
    /// members.csv's header: `id`, the measure columns, then the member attributes.
    public static func memberHeader(attributes: [String]) -> [String] {
        ["id"] + MemberRow.columns.map(\.name) + attributes
    }

    /// A value as pretty-printed JSON with sorted keys (byte-stable), written atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        try AtomicFileWriter.write(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n", to: path)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `report.json`: the report model with sorted keys, then `members` — one object per member,
    /// keyed by id in member order, with members.csv's columns — streamed row by row so that a
    /// network of hundreds of thousands of members never sits in memory as JSON.
    public static func writeReport(_ report: Report, analysis: Analysis, to path: String) throws {
        var head = String(decoding: try encoder.encode(report), as: UTF8.self)
        guard let close = head.lastIndex(of: "}") else { return }
        head = String(head[..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = try AtomicFileWriter(path: path)
        try file.write(head + ",\n  \"members\" : {")
        let ids = analysis.outputNodes.ids
        for (v, row) in analysis.memberRows.enumerated() {
            var entry = (v == 0 ? "\n    " : ",\n    ") + JSONText.quoted(ids[Int32(v)]) + " : {"
            for (index, column) in MemberRow.columns.enumerated() {
                entry += (index == 0 ? "" : ", ") + JSONText.quoted(column.name) + " : " + JSONText.value(column.cell(row))
            }
            try file.write(entry + "}")
        }
        try file.write("\n  }\n}\n")
        try file.commit()
    }

    /// members.csv as a header and rows: the id, the measures, the attributes, in member order.
    public static func memberTable(_ analysis: Analysis) -> (header: [String], rows: [[CSVCell]]) {
        let nodes = analysis.outputNodes
        let rows = analysis.memberRows.enumerated().map { v, member in memberCells(v, member, nodes: nodes) }
        return (memberHeader(attributes: nodes.attributes.columns.map(\.name)), rows)
    }

    /// `members.csv`, streamed row by row and written atomically.
    public static func writeMembers(_ analysis: Analysis, to path: String) throws {
        let nodes = analysis.outputNodes
        let attributes = nodes.attributes.columns
        let writer = try CSVTableWriter(path: path, header: memberHeader(attributes: attributes.map(\.name)))
        for (v, member) in analysis.memberRows.enumerated() {
            try writer.writeRow(memberCells(v, member, nodes: nodes))
        }
        try writer.commit()
    }

    static func memberCells(_ v: Int, _ member: MemberRow, nodes: NodeTable) -> [CSVCell] {
        [.text(nodes.ids[Int32(v)])] + MemberRow.columns.map { $0.cell(member) } + nodes.attributes.columns.map { .text($0.value(at: v)) }
    }

    /// `communities.csv`: one row per community (see `StructureAnalysis.CommunityRow`).
    public static func writeCommunities(_ analysis: Analysis, to path: String) throws {
        let rows = analysis.structure.communityRows(analysis.graph, showGroups: analysis.showsGroupLabels)
        let columns = StructureAnalysis.CommunityRow.columns
        let writer = try CSVTableWriter(path: path, header: columns.map(\.name))
        for row in rows { try writer.writeRow(columns.map { $0.cell(row) }) }
        try writer.commit()
    }

    public static let rejectColumns = ["file", "line", "column", "field", "value", "reason"]

    /// `rejects.csv`: every rejected input row with its location and reason. `pseudonymise` blanks
    /// the offending values and the reasons that quote them (ids, names) — the location remains.
    public static func writeRejects(_ rejects: [Reject], to path: String, pseudonymise: Bool = false) throws {
        let writer = try CSVTableWriter(path: path, header: rejectColumns)
        for r in rejects {
            try writer.writeRow([
                .text(r.file), .integer(r.line), r.column.map { .integer($0) } ?? .empty,
                r.field.map { .text($0) } ?? .empty,
                pseudonymise ? .empty : (r.value.map { .text($0) } ?? .empty),
                .text(pseudonymise ? Reject.redacted(r.reason) : r.reason),
            ])
        }
        try writer.commit()
    }
}
