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
        try file.write(try openObject(model.report, for: path))
        // Each streamed key: `"key" : [`, one object per row on its own line, `]`.
        func open(_ key: String) throws { try file.write(",\n  \"" + key + "\" : [") }
        func entry(first: Bool, _ appendObject: (inout [UInt8]) -> Void) throws {
            try file.append { bytes in
                bytes.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
                appendObject(&bytes)
            }
        }
        func close() throws { try file.write("\n  ]") }
        try open("timeline")
        let timeline = JSONFields(TimelineRow.columns)
        for (p, row) in model.timeline.enumerated() { try entry(first: p == 0) { timeline.appendObject(row, to: &$0) } }
        try close()
        try open("ties")
        let ties = JSONFields(TieRow.columns)
        var first = true
        try model.ties.forEach { tie in
            try entry(first: first) { ties.appendObject(tie, to: &$0) }
            first = false
        }
        try close()
        try open("segment_members")
        let segments = JSONFields(SegmentRow.columns)
        for v in 0..<model.segmentRows.count { try entry(first: v == 0) { segments.appendObject(model.segmentRows[v], to: &$0) } }
        try close()
        try open("members")
        let members = MemberFields(nodes: model.nodes)
        for v in 0..<model.members.count {
            try entry(first: v == 0) { members.appendObject(v, model.members[v], nodes: model.nodes, to: &$0) }
        }
        try close()
        try file.write("\n}\n")
        try file.commit()
    }

    /// `value` as pretty-printed JSON with sorted keys, without its closing brace, so that a
    /// writer can stream more keys after it (`,\n  "key" : …`) and close the object itself.
    static func openObject<T: Encodable>(_ value: T, for path: String) throws -> String {
        let text = String(decoding: try encoded(value, for: path), as: UTF8.self)
        guard let close = text.lastIndex(of: "}") else { return text }
        return String(text[..<close]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func appendField(_ name: String, _ cell: CSVCell, to bytes: inout [UInt8]) {
        JSONText.appendKey(name, to: &bytes)
        JSONText.appendValue(cell, to: &bytes)
    }

    /// report.json's `members` entries (and network.json's node fields), each key escaped once:
    /// `id`, the measure columns, then `attributes` — every attribute column the outputs show,
    /// keyed by its name, with an empty value as null.
    struct MemberFields {
        let measures: JSONFields<MemberRow>
        let attributes: JSONFields<Int>

        init(nodes: NodeTable, measures: [TableColumn<MemberRow>] = MemberRow.columns) {
            self.measures = JSONFields(measures)
            attributes = JSONFields(nodes.attributes.columns.map { column in
                (column.name, { v in
                    let value = column.value(at: v)
                    return value.isEmpty ? .empty : .text(value)
                })
            })
        }

        /// Appends member v's object: `{"id" : …, measures…, "attributes" : {…}}`.
        func appendObject(_ v: Int, _ row: MemberRow, nodes: NodeTable, to bytes: inout [UInt8]) {
            bytes.append(UInt8(ascii: "{"))
            appendField("id", .text(nodes.ids[Int32(v)]), to: &bytes)
            bytes.append(contentsOf: ", ".utf8)
            measures.append(row, to: &bytes)
            bytes.append(contentsOf: ", ".utf8)
            appendAttributes(v, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }

        /// Appends `"attributes" : {…}`: member v's attribute values keyed by column name.
        func appendAttributes(_ v: Int, to bytes: inout [UInt8]) {
            JSONText.appendKey("attributes", to: &bytes)
            attributes.appendObject(v, to: &bytes)
        }
    }

    /// A table of rows with a column list, streamed to a CSV file and written atomically.
    static func writeTable<Row>(_ columns: [TableColumn<Row>], to path: String,
                                rows: ((Row) throws -> Void) throws -> Void) throws {
        let writer = try CSVTableWriter(path: path, header: columns.map(\.name))
        try rows { row in try writer.writeRow(row, columns: columns) }
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
        let rows = (0..<members.count).map { v in
            [.text(nodes.ids[Int32(v)])] + MemberRow.columns.map { $0.cell(members[v]) } + nodes.attributes.columns.map { .text($0.value(at: v)) }
        }
        return (memberHeader(attributes: nodes.attributes.columns.map(\.name)), rows)
    }

    /// `members.csv`, streamed row by row and written atomically.
    public static func writeMembers(_ model: ReportModel, to path: String) throws {
        try writeMembers(model.members, nodes: model.nodes, to: path)
    }

    /// `members.csv` from the rows and the nodes as shown (`weft metrics`, which needs no report).
    public static func writeMembers(_ members: RowList<MemberRow>, nodes: NodeTable, to path: String) throws {
        let writer = try CSVTableWriter(path: path, header: memberHeader(attributes: nodes.attributes.columns.map(\.name)))
        let attributes = nodes.attributes.columns
        for v in 0..<members.count {
            let member = members[v]
            try writer.writeRow { row in
                row.append(.text(nodes.ids[Int32(v)]))
                row.append(member, columns: MemberRow.columns)
                for column in attributes { row.append(.text(column.value(at: v))) }
            }
        }
        try writer.commit()
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
