import WeftGraph
import WeftIO

/// What the network files (GraphML, GEXF) carry, gathered once so both say the same: every
/// member as a node with members.csv's measures and attributes (the member's name as label),
/// every tie of the window's graph as an edge with its weight, record count and first and last
/// record (on a survey layer: its relation, wave and who named whom). Values come from the same `MemberRow` columns as members.csv and report.json; with a
/// map, the nodes also carry report.html's layout positions (`x`, `y`).
struct NetworkExport {
    /// A column's value type, declared once for the whole column.
    enum Kind {
        case string, integer, double, boolean

        /// The type name, the same in GraphML's `attr.type` and GEXF's attribute `type`.
        var typeName: String {
            switch self {
            case .string: return "string"
            case .integer: return "long"
            case .double: return "double"
            case .boolean: return "boolean"
            }
        }
    }

    struct Column {
        let name: String
        let kind: Kind
    }

    let model: ReportModel
    /// report.html's layout; nil when the outputs carry no positions.
    var map: NetworkMap? { model.map }
    /// Node columns: MemberRow's (without `name`, which is the label), the engagement `segment`
    /// (when segments were computed), the layout position `x` and `y` (with a map; px in
    /// report.html's view box, y down, missing for members the map does not draw), then the
    /// member attributes.
    let nodeColumns: [Column]
    /// Edge columns: `weight`, `records`, `first_record`, `last_record` for ties built from
    /// records; on a survey layer, which has no records, `weight`, `relation`, `wave`,
    /// `wave_date` and `named_by` instead (see `SurveyEdges`).
    let edgeColumns: [Column]
    private static let recordEdgeColumns = [
        Column(name: "weight", kind: .double), Column(name: "records", kind: .integer),
        Column(name: "first_record", kind: .string), Column(name: "last_record", kind: .string),
    ]
    private static let surveyEdgeColumns = [
        Column(name: "weight", kind: .double), Column(name: "relation", kind: .string), Column(name: "wave", kind: .string),
        Column(name: "wave_date", kind: .string), Column(name: "named_by", kind: .string),
    ]

    private static let measureColumns = MemberRow.columns.filter { $0.name != "name" }

    init(_ model: ReportModel) {
        self.model = model
        let map = model.map
        edgeColumns = model.surveyEdges == nil ? NetworkExport.recordEdgeColumns : NetworkExport.surveyEdgeColumns
        // A column's kind is that of its first non-empty cell (a column empty for every member
        // carries no values, so its kind does not matter).
        var kinds = [Kind?](repeating: nil, count: NetworkExport.measureColumns.count)
        var v = 0
        while v < model.members.count && kinds.contains(where: { $0 == nil }) {
            let row = model.members[v]
            for (c, column) in NetworkExport.measureColumns.enumerated() where kinds[c] == nil {
                switch column.cell(row) {
                case .text, .plain, .dateTime: kinds[c] = .string
                case .integer: kinds[c] = .integer
                case .real: kinds[c] = .double
                case .flag: kinds[c] = .boolean
                case .empty: break
                }
            }
            v += 1
        }
        nodeColumns = zip(NetworkExport.measureColumns, kinds).map { Column(name: $0.name, kind: $1 ?? .string) }
            + (model.memberSegments == nil ? [] : [Column(name: "segment", kind: .string)])
            + (map == nil ? [] : [Column(name: "x", kind: .double), Column(name: "y", kind: .double)])
            + AttributeColumnNames.written(model.nodes.attributes.columns.map(\.name)).map { Column(name: $0, kind: .string) }
    }

    var nodeCount: Int { model.members.count }
    var isDirected: Bool { model.graph.isDirected }

    func nodeID(_ v: Int) -> String { model.nodes.ids[Int32(v)] }

    /// The node's label: its name, or its id when the name is empty (and always in pseudonymised
    /// outputs, whose names are empty).
    func label(_ v: Int, row: MemberRow) -> String { row.name.isEmpty ? nodeID(v) : row.name }

    /// Node v's values in `nodeColumns` order, nil where the value is missing.
    func nodeValues(_ v: Int, row: MemberRow) -> [String?] {
        NetworkExport.measureColumns.map { NetworkExport.text($0.cell(row)) }
            + (model.memberSegments.map { [$0.name(of: v)] } ?? [])
            + (map.map { m in m.point(v).map { [CSVTableWriter.formatReal($0.x), CSVTableWriter.formatReal($0.y)] } ?? [nil, nil] } ?? [])
            + model.nodes.attributes.columns.map { column in
                let value = column.value(at: v)
                return value.isEmpty ? nil : value
            }
    }

    /// Appends tie i's ` source="…" target="…"` attributes, escaped.
    func appendEndpoints(of i: Int, to line: inout [UInt8]) {
        let ties = model.graph.ties
        line += " source=\"".utf8
        XMLText.append(nodeID(Int(ties.source[i])), to: &line)
        line += "\" target=\"".utf8
        XMLText.append(nodeID(Int(ties.target[i])), to: &line)
        line += "\"".utf8
    }

    /// Tie i's values in `edgeColumns` order.
    func edgeValues(_ i: Int) -> [String?] {
        let ties = model.graph.ties
        if let survey = model.surveyEdges {
            return [CSVTableWriter.formatReal(ties.weight[i]), survey.relation, survey.wave, survey.waveDate, survey.namedBy[i].rawValue]
        }
        return [CSVTableWriter.formatReal(ties.weight[i]), String(ties.recordCount[i]),
                Timestamp.formatDateTime(ties.firstTime[i]), Timestamp.formatDateTime(ties.lastTime[i])]
    }

    /// A cell as attribute text (numbers in full precision, flags as true/false); nil when empty
    /// or not finite.
    static func text(_ cell: CSVCell) -> String? {
        switch cell {
        case .text(let s), .plain(let s): return s
        case .dateTime(let seconds): return Timestamp.formatDateTime(seconds)
        case .integer(let v): return String(v)
        case .real(let v): return v.isFinite ? CSVTableWriter.formatReal(v) : nil
        case .flag(let v): return v ? "true" : "false"
        case .empty: return nil
        }
    }
}
