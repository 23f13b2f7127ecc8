import WeftGraph
import WeftIO

/// `network.json`: the window's network as node-link JSON, the shape d3-force and Vega's force
/// transform read (`nodes`, and `links` whose `source` and `target` are node ids) and NetworkX's
/// `node_link_graph(data, edges="links")` loads (`directed`, `multigraph`, `graph`). Cytoscape.js
/// takes each node as `{data: node, position: {x, y}}` and each link as `{data: link}`
/// (docs/json.md shows the line).
///
/// Nodes are the members in member order: `id` (pseudonym under `--pseudonymise`), `label` (the
/// name, or the id), `community`, `segment`, `x` and `y` — report.html's layout (`NetworkMap`),
/// px in a `graph.layout.width` × `graph.layout.height` box, y down; null for members the map
/// does not draw — then `measures` (members.csv's measure columns) and `attributes`. Links are
/// the ties of the window's aggregated graph in (source, target) order, as in network.graphml:
/// `weight` (sum of the records' weights), `records`, `first_record`, `last_record` — and, on a
/// survey layer, which has no records, `relation`, `wave`, `wave_date` and `named_by` instead
/// (`SurveyEdges`); the fields that do not apply are null. Streamed row by row and written
/// atomically; Schemas/network.schema.json is its layout.
public enum NodeLinkWriter {
    /// The keys before `nodes` and `links`.
    struct Head: Encodable {
        var schemaVersion = Report.currentSchemaVersion
        var generator: Report.Generator
        var window: Report.Window
        var directed: Bool
        var multigraph = false
        var graph: GraphInfo
    }

    struct GraphInfo: Encodable {
        /// interactions, co-attendance, co-attendance-newman or survey (report.json's `graph.network`).
        var network: String
        @NullCoded var layout: Layout?
    }

    /// The layout's frame: the view box, the methods used, the members drawn and, when the
    /// network is too large to draw whole, which part is drawn.
    struct Layout: Codable, Sendable, Equatable {
        var width: Double
        var height: Double
        var methods: [String]
        var drawn: Int
        @NullCoded var note: String?
    }

    public static func write(_ model: ReportModel, to path: String) throws {
        let report = model.report, map = model.map
        let head = Head(generator: report.generator, window: report.window, directed: model.graph.isDirected,
                        graph: GraphInfo(network: report.graph.network, layout: map.map {
                            Layout(width: $0.width, height: $0.height, methods: $0.methods.map(\.rawValue), drawn: $0.members.count,
                                   note: $0.subsetNote)
                        }))
        let file = try AtomicFileWriter(path: path)
        try file.write(try ReportWriters.openObject(head, for: path) + ",\n  \"nodes\" : [")
        let nodes = model.nodes
        let memberFields = ReportWriters.MemberFields(nodes: nodes, measures: MemberRow.columns.filter { $0.name != "name" })
        var line: [UInt8] = []
        for v in 0..<model.members.count {
            let row = model.members[v]
            line.removeAll(keepingCapacity: true)
            line += (v == 0 ? "\n    {" : ",\n    {").utf8
            let id = nodes.ids[Int32(v)]
            let point = map?.point(v)
            let fields: [(String, CSVCell)] = [
                ("id", .text(id)), ("label", .text(row.name.isEmpty ? id : row.name)),
                ("community", row.community.map { .integer($0) } ?? .empty),
                ("segment", model.memberSegments.map { .text($0.name(of: v)) } ?? .empty),
                ("x", point.map { .real($0.x) } ?? .empty), ("y", point.map { .real($0.y) } ?? .empty),
            ]
            for (name, cell) in fields {
                ReportWriters.appendField(name, cell, to: &line)
                line += ", ".utf8
            }
            JSONText.appendKey("measures", to: &line)
            memberFields.measures.appendObject(row, to: &line)
            line += ", ".utf8
            memberFields.appendAttributes(v, to: &line)
            line += "}".utf8
            try file.write(bytes: line)
        }
        try file.write("\n  ],\n  \"links\" : [")
        let ties = model.graph.ties
        let survey = model.surveyEdges
        for i in 0..<ties.count {
            line.removeAll(keepingCapacity: true)
            line += (i == 0 ? "\n    {" : ",\n    {").utf8
            let recorded = survey == nil
            let fields: [(String, CSVCell)] = [
                ("source", .text(nodes.ids[Int32(ties.source[i])])), ("target", .text(nodes.ids[Int32(ties.target[i])])),
                ("weight", .real(ties.weight[i])),
                ("records", recorded ? .integer(Int(ties.recordCount[i])) : .empty),
                ("first_record", recorded ? .dateTime(ties.firstTime[i]) : .empty),
                ("last_record", recorded ? .dateTime(ties.lastTime[i]) : .empty),
                ("relation", survey.map { .text($0.relation) } ?? .empty),
                ("wave", survey.map { .text($0.wave) } ?? .empty),
                ("wave_date", survey?.waveDate.map { .plain($0) } ?? .empty),
                ("named_by", survey.map { .plain($0.namedBy[i].rawValue) } ?? .empty),
            ]
            for (k, (name, cell)) in fields.enumerated() {
                if k > 0 { line += ", ".utf8 }
                ReportWriters.appendField(name, cell, to: &line)
            }
            line += "}".utf8
            try file.write(bytes: line)
        }
        try file.write("\n  ]\n}\n")
        try file.commit()
    }
}
