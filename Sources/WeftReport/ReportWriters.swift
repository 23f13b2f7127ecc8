import Foundation
import WeftGraph
import WeftIO

/// Writes report.json and the CSV tables of a report model, each file atomically, with fixed names.
public enum ReportWriters {
    /// members.csv's header: `id`, the measure columns, then the member attributes (renamed
    /// where they collide with a computed column; see `AttributeColumnNames`).
    public static func memberHeader(attributes: [String]) -> [String] {
        ["id"] + MemberRow.columns.map(\.name) + AttributeColumnNames.written(attributes)
    }

    /// A value as pretty-printed JSON with sorted keys (byte-stable), written atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        try AtomicFileWriter.write(String(decoding: try encoded(value, for: path), as: UTF8.self) + "\n", to: path)
    }

    /// `value` as JSON; a value JSON cannot hold (an infinite or NaN number) is an `OutputError`
    /// naming the file and the key, not Foundation's "isn't in the correct format".
    static func encoded<T: Encodable>(_ value: T, for path: String) throws -> Data {
        do {
            return try encoder.encode(value)
        } catch let EncodingError.invalidValue(value, context) {
            let key = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            throw OutputError.unrepresentable(path: path, detail: "\(value) at \(key) cannot be written as JSON; please report this with the command and data that caused it")
        }
    }

    /// The encoder of every JSON file Weft writes: pretty-printed, sorted keys, and each key the
    /// property's name in snake_case (`schemaVersion` is `schema_version`). `[String: T]`
    /// dictionaries keep their keys as they are (attribute values, segment names, wave labels).
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The decoder of what these writers write (`weft diff` reads report.json with it): snake_case
    /// keys to the properties' camelCase names, dictionary keys as they are.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// `report.json`: the report model with sorted keys, then four keys streamed row by row so
    /// that a network of hundreds of thousands of members never sits in memory as JSON:
    /// `timeline` (an array of timeline.csv's rows), `ties` (an array of ties.csv's rows),
    /// `segment_members` (an array of segments.csv's rows) and `members` (an array of one object
    /// per member in member order: `id`, members.csv's measure columns, and `attributes`, the
    /// member's attributes keyed by column name, null where empty).
    public static func writeReport(_ model: ReportModel, to path: String) throws {
        let file = try AtomicFileWriter(path: path)
        try file.write(try openObject(model.report, for: path) + ",\n  \"timeline\" : [")
        var line: [UInt8] = []
        for (p, row) in model.timeline.enumerated() {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: (p == 0 ? "\n    " : ",\n    ").utf8)
            appendObject(TimelineRow.columns, row, to: &line)
            try file.write(bytes: line)
        }
        try file.write("\n  ],\n  \"ties\" : [")
        var first = true
        try model.ties.forEach { tie in
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
            appendObject(TieRow.columns, tie, to: &line)
            try file.write(bytes: line)
            first = false
        }
        try file.write("\n  ],\n  \"segment_members\" : [")
        for v in 0..<model.segmentRows.count {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: (v == 0 ? "\n    " : ",\n    ").utf8)
            appendObject(SegmentRow.columns, model.segmentRows[v], to: &line)
            try file.write(bytes: line)
        }
        try file.write("\n  ],\n  \"members\" : [")
        for v in 0..<model.members.count {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: (v == 0 ? "\n    " : ",\n    ").utf8)
            appendMember(v, model.members[v], nodes: model.nodes, to: &line)
            try file.write(bytes: line)
        }
        try file.write("\n  ]\n}\n")
        try file.commit()
    }

    /// `value` as pretty-printed JSON with sorted keys, without its closing brace, so that a
    /// writer can stream more keys after it (`,\n  "key" : …`) and close the object itself.
    static func openObject<T: Encodable>(_ value: T, for path: String) throws -> String {
        let text = String(decoding: try encoded(value, for: path), as: UTF8.self)
        guard let close = text.lastIndex(of: "}") else { return text }
        return String(text[..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Appends one row as a JSON object on one line, with the columns' names as keys in column order.
    static func appendObject<Row>(_ columns: [(name: String, cell: @Sendable (Row) -> CSVCell)], _ row: Row,
                                  to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendFields(columns, row, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `"name" : value` for each column, comma-separated.
    private static func appendFields<Row>(_ columns: [(name: String, cell: @Sendable (Row) -> CSVCell)], _ row: Row,
                                          to bytes: inout [UInt8]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { bytes.append(contentsOf: ", ".utf8) }
            appendField(column.name, column.cell(row), to: &bytes)
        }
    }

    static func appendField(_ name: String, _ cell: CSVCell, to bytes: inout [UInt8]) {
        JSONText.appendQuoted(name, to: &bytes)
        bytes.append(contentsOf: " : ".utf8)
        JSONText.appendValue(cell, to: &bytes)
    }

    /// Appends member v as report.json's `members` entry (and network.json's node fields): `id`,
    /// the measure columns, then `attributes` — every attribute column the outputs show, keyed by
    /// its name, with an empty value as null.
    static func appendMember(_ v: Int, _ row: MemberRow, nodes: NodeTable, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        appendField("id", .text(nodes.ids[Int32(v)]), to: &bytes)
        bytes.append(contentsOf: ", ".utf8)
        appendFields(MemberRow.columns, row, to: &bytes)
        bytes.append(contentsOf: ", ".utf8)
        appendAttributes(v, nodes: nodes, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `"attributes" : {…}`: node v's attribute values keyed by column name (null when empty).
    static func appendAttributes(_ v: Int, nodes: NodeTable, to bytes: inout [UInt8]) {
        JSONText.appendQuoted("attributes", to: &bytes)
        bytes.append(contentsOf: " : {".utf8)
        for (index, column) in nodes.attributes.columns.enumerated() {
            if index > 0 { bytes.append(contentsOf: ", ".utf8) }
            let value = column.value(at: v)
            appendField(column.name, value.isEmpty ? .empty : .text(value), to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A table of rows with a column list, streamed to a CSV file and written atomically.
    static func writeTable<Row>(_ columns: [(name: String, cell: @Sendable (Row) -> CSVCell)], to path: String,
                                rows: ((Row) throws -> Void) throws -> Void) throws {
        let writer = try CSVTableWriter(path: path, header: columns.map(\.name))
        try rows { row in try writer.writeRow(columns.map { $0.cell(row) }) }
        try writer.commit()
    }

    /// `timeline.csv`: one row per period (empty table when the window holds no record).
    public static func writeTimeline(_ model: ReportModel, to path: String) throws {
        try writeTable(TimelineRow.columns, to: path) { write in for row in model.timeline { try write(row) } }
    }

    /// `ties.csv`: one row per tie, in (source, target) order.
    public static func writeTies(_ model: ReportModel, to path: String) throws {
        try writeTable(TieRow.columns, to: path) { write in try model.ties.forEach(write) }
    }

    /// `segments.csv`: one row per member, in member order (empty table without segments).
    public static func writeSegments(_ rows: RowList<SegmentRow>, to path: String) throws {
        try writeTable(SegmentRow.columns, to: path) { write in
            for v in 0..<rows.count { try write(rows[v]) }
        }
    }

    /// `transitions.csv`: the non-zero cells of the transition matrix between consecutive snapshots.
    public static func writeTransitions(_ rows: [TransitionRow], to path: String) throws {
        try writeTable(TransitionRow.columns, to: path) { write in for row in rows { try write(row) } }
    }

    /// members.csv as a header and rows: the id, the measures, the attributes, in member order.
    public static func memberTable(_ members: RowList<MemberRow>, nodes: NodeTable) -> (header: [String], rows: [[CSVCell]]) {
        let rows = (0..<members.count).map { v in memberCells(v, members[v], nodes: nodes) }
        return (memberHeader(attributes: nodes.attributes.columns.map(\.name)), rows)
    }

    /// `members.csv`, streamed row by row and written atomically.
    public static func writeMembers(_ model: ReportModel, to path: String) throws {
        try writeMembers(model.members, nodes: model.nodes, to: path)
    }

    /// `members.csv` from the rows and the nodes as shown (`weft metrics`, which needs no report).
    public static func writeMembers(_ members: RowList<MemberRow>, nodes: NodeTable, to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: memberHeader(attributes: nodes.attributes.columns.map(\.name)))
        for v in 0..<members.count {
            try writer.writeRow(memberCells(v, members[v], nodes: nodes))
        }
        try writer.commit()
    }

    static func memberCells(_ v: Int, _ member: MemberRow, nodes: NodeTable) -> [CSVCell] {
        [.text(nodes.ids[Int32(v)])] + MemberRow.columns.map { $0.cell(member) } + nodes.attributes.columns.map { .text($0.value(at: v)) }
    }

    /// `communities.csv`: one row per community (see `StructureAnalysis.CommunityRow`).
    public static func writeCommunities(_ model: ReportModel, to path: String) throws {
        try writeTable(StructureAnalysis.CommunityRow.columns, to: path) { write in for row in model.communities { try write(row) } }
    }

    public static let rejectColumns = ["file", "line", "column", "field", "value", "reason"]

    /// `rejects.csv`: every rejected input row with its location and reason. Control characters in
    /// the offending value are shown as `\u{…}` (no raw NUL reaches the table). `pseudonymise`
    /// blanks the offending values and the reasons that quote them (ids, names) — the location remains.
    public static func writeRejects(_ model: ReportModel, to path: String) throws {
        try writeRejects(model.rejects, to: path, pseudonymise: model.pseudonymised)
    }

    /// `rejects.csv` from the rows themselves (`weft validate`, before any analysis).
    public static func writeRejects(_ rejects: [Reject], to path: String, pseudonymise: Bool = false) throws {
        let writer = try CSVTableWriter(path: path, header: rejectColumns)
        for r in rejects {
            try writer.writeRow([
                .text(r.file), .integer(r.line), r.column.map { .integer($0) } ?? .empty,
                r.field.map { .text($0) } ?? .empty,
                pseudonymise ? .empty : (r.value.map { .text(TerminalText.printable($0)) } ?? .empty),
                .text(pseudonymise ? Reject.redacted(r.reason) : r.reason),
            ])
        }
        try writer.commit()
    }
}
