import Foundation
import WeftGraph
import WeftIO

/// Writes the outputs of an analysis into a folder, each file atomically, with fixed names.
public enum ReportWriters {
    /// members.csv's header: `id`, the measure columns, then the member attributes.
    public static func memberHeader(attributes: [String]) -> [String] {
        ["id"] + MemberRow.columns.map(\.name) + attributes
    }

    /// `report.json`: the report model, pretty-printed with sorted keys (byte-stable).
    public static func writeJSON<T: Encodable>(_ report: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        try AtomicFileWriter.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
    }

    /// members.csv as a header and rows: the id, the measures, the attributes, in member order.
    public static func memberTable(_ analysis: Analysis) -> (header: [String], rows: [[CSVCell]]) {
        let nodes = analysis.nodes
        let attributes = nodes.attributes.columns
        let rows = analysis.memberRows.enumerated().map { v, member -> [CSVCell] in
            [.text(nodes.ids[Int32(v)])] + MemberRow.columns.map { $0.cell(member) } + attributes.map { .text($0.value(at: v)) }
        }
        return (memberHeader(attributes: attributes.map(\.name)), rows)
    }

    /// `members.csv`, written atomically.
    public static func writeMembers(_ analysis: Analysis, to path: String) throws {
        let table = memberTable(analysis)
        let writer = try CSVTableWriter(path: path, header: table.header)
        for row in table.rows { try writer.writeRow(row) }
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
