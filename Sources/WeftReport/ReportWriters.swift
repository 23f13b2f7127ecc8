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
        // Each streamed key: `"key" : [`, one object per row on its own line, `]`. Rows are
        // formatted a chunk at a time on every core and written in order; each entry starts with
        // its separator from the previous one, which the array's first entry drops.
        func array(_ key: String, positions: Int, _ appendEntries: (Range<Int>, inout [UInt8]) -> Void) throws {
            try file.write(",\n  \"" + key + "\" : [")
            var first = true
            try Parallel.streamChunks(count: positions, chunkSize: 512, make: { range in
                var bytes: [UInt8] = []
                appendEntries(range, &bytes)
                return bytes
            }, consume: { bytes in
                guard !bytes.isEmpty else { return }
                try file.write(bytes: first ? bytes.dropFirst() : bytes[...])
                first = false
            })
            try file.write("\n  ]")
        }
        let separator = Array(",\n    ".utf8)
        func entries<Row>(_ rows: RowStream<Row>, _ fields: JSONFields<Row>) -> (Range<Int>, inout [UInt8]) -> Void {
            { range, bytes in
                rows.forEach(in: range) { row in
                    bytes.append(contentsOf: separator)
                    fields.appendObject(row, to: &bytes)
                }
            }
        }
        try array("timeline", positions: model.timeline.count, entries(RowStream(model.timeline), JSONFields(TimelineRow.columns)))
        try array("ties", positions: model.ties.positions, entries(model.ties, JSONFields(TieRow.columns)))
        try array("segment_members", positions: model.segmentRows.count,
                  entries(RowStream(model.segmentRows), JSONFields(SegmentRow.columns)))
        let members = MemberFields(nodes: model.nodes)
        try array("members", positions: model.members.count) { range, bytes in
            for v in range {
                bytes.append(contentsOf: separator)
                members.appendObject(v, model.members[v], nodes: model.nodes, to: &bytes)
            }
        }
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

    /// Appends `"name" : value`.
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
    static func writeTable<Row>(_ columns: [TableColumn<Row>], to path: String, rows: RowStream<Row>) throws {
        let writer = try CSVTableWriter(path: path, header: columns.map(\.name))
        try writer.writeRows(positions: rows.positions) { range, table in
            rows.forEach(in: range) { row in
                table.append(row, columns: columns)
                table.endRow()
            }
        }
        try writer.commit()
    }

    /// `timeline.csv`: one row per period (empty table when the window holds no record).
    public static func writeTimeline(_ model: ReportModel, to path: String) throws {
        try writeTable(TimelineRow.columns, to: path, rows: RowStream(model.timeline))
    }

    /// `ties.csv`: one row per tie, in (source, target) order.
    public static func writeTies(_ model: ReportModel, to path: String) throws {
        try writeTable(TieRow.columns, to: path, rows: model.ties)
    }

    /// `segments.csv`: one row per member, in member order (empty table without segments).
    public static func writeSegments(_ rows: RowList<SegmentRow>, to path: String) throws {
        try writeTable(SegmentRow.columns, to: path, rows: RowStream(rows))
    }

    /// `transitions.csv`: the non-zero cells of the transition matrix between consecutive snapshots.
    public static func writeTransitions(_ rows: [TransitionRow], to path: String) throws {
        try writeTable(TransitionRow.columns, to: path, rows: RowStream(rows))
    }

    /// members.csv as a header and rows: the id, the measures, the attributes, in member order.
    public static func memberTable(_ members: RowList<MemberRow>, nodes: NodeTable) -> (header: [String], rows: [[CSVCell]]) {
        let rows = (0..<members.count).map { v in
            var cells: [CSVCell] = []
            forEachMemberCell(v, members[v], nodes: nodes) { cells.append($0) }
            return cells
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
        try writer.writeRows(positions: members.count) { range, table in
            for v in range {
                forEachMemberCell(v, members[v], nodes: nodes) { table.append($0) }
                table.endRow()
            }
        }
        try writer.commit()
    }

    /// Member v's cells of members.csv, in column order: the id, the measures, the attributes.
    static func forEachMemberCell(_ v: Int, _ member: MemberRow, nodes: NodeTable, _ body: (CSVCell) -> Void) {
        body(.text(nodes.ids[Int32(v)]))
        for column in MemberRow.columns { body(column.cell(member)) }
        for column in nodes.attributes.columns { body(.text(column.value(at: v))) }
    }

    /// `communities.csv`: one row per community (see `StructureAnalysis.CommunityRow`).
    public static func writeCommunities(_ model: ReportModel, to path: String) throws {
        try writeTable(StructureAnalysis.CommunityRow.columns, to: path, rows: RowStream(model.communities))
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
