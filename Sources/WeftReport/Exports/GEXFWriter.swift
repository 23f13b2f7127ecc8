import WeftAnalysis
import WeftGraph
import WeftIO

/// `network.gexf`: the window's network in GEXF 1.2 (https://gexf.net/), Gephi's own format,
/// with time: the graph is dynamic (`timeformat="date"`), each member appears from the date of
/// their first record (members without a record are present throughout), and each tie carries
/// one spell per run of consecutive periods in which it had a record (`TiePresence`), from the
/// first day of the run's first period to the last day of its last period — so Gephi's timeline
/// plays ties appearing, pausing and returning. Nodes and edges carry the same attributes as in
/// `network.graphml`; edges also carry `weight` as GEXF's own weight. NetworkX reads the file
/// with `read_gexf` (igraph has no GEXF reader: use the GraphML file there). With a `map`, each
/// drawn node has a `viz:position` — report.html's layout, with y flipped (height − y) because
/// Gephi's y axis points up — so Gephi opens the same picture. Written atomically.
public enum GEXFWriter {
    public static func write(_ model: ReportModel, to path: String) throws {
        let export = NetworkExport(model)
        let spells = model.tieSpells
        let file = try AtomicFileWriter(path: path)
        let dynamic = spells != nil
        try file.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
              <meta><creator>Weft</creator><description>members and their ties; measures as in members.csv</description></meta>
              <graph defaultedgetype="\(export.isDirected ? "directed" : "undirected")" \
            mode="\(dynamic ? "dynamic" : "static")"\(dynamic ? " timeformat=\"date\"" : "")>
                <attributes class="node" mode="static">

            """)
        for (c, column) in export.nodeColumns.enumerated() {
            try file.write("      <attribute id=\"n\(c)\" title=\"\(XMLText.escaped(column.name))\" type=\"\(column.kind.typeName)\"/>\n")
        }
        try file.write("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
        for (c, column) in export.edgeColumns.enumerated() {
            try file.write("      <attribute id=\"e\(c)\" title=\"\(column.name)\" type=\"\(column.kind.typeName)\"/>\n")
        }
        try file.write("    </attributes>\n    <nodes>\n")
        let nodeKeys = export.nodeColumns.indices.map { Array("<attvalue for=\"n\($0)\" value=\"".utf8) }
        let edgeKeys = export.edgeColumns.indices.map { Array("<attvalue for=\"e\($0)\" value=\"".utf8) }
        var line: [UInt8] = []
        func attvalue(_ key: [UInt8], _ value: String?) {
            guard let value else { return }
            line += key
            XMLText.append(value, to: &line)
            line += "\"/>".utf8
        }
        for v in 0..<export.nodeCount {
            let row = model.members[v]
            line.removeAll(keepingCapacity: true)
            line += "      <node id=\"".utf8
            XMLText.append(export.nodeID(v), to: &line)
            line += "\" label=\"".utf8
            XMLText.append(export.label(v, row: row), to: &line)
            line += "\"".utf8
            if dynamic, let first = row.firstActivity { line += " start=\"\(Timestamp.formatDate(first))\"".utf8 }
            line += "><attvalues>".utf8
            for (c, value) in export.nodeValues(v, row: row).enumerated() { attvalue(nodeKeys[c], value) }
            line += "</attvalues>".utf8
            if let map = model.map, let point = map.point(v) {
                line += "<viz:position x=\"\(CSVTableWriter.formatReal(point.x))\" y=\"\(CSVTableWriter.formatReal(map.height - point.y))\" z=\"0.0\"/>".utf8
            }
            line += "</node>\n".utf8
            try file.write(bytes: line)
        }
        try file.write("    </nodes>\n    <edges>\n")
        let ties = model.graph.ties
        for i in 0..<ties.count {
            line.removeAll(keepingCapacity: true)
            line += "      <edge id=\"\(i)\"".utf8
            export.appendEndpoints(of: i, to: &line)
            line += " weight=\"\(CSVTableWriter.formatReal(ties.weight[i]))\"><attvalues>".utf8
            for (c, value) in export.edgeValues(i).enumerated() { attvalue(edgeKeys[c], value) }
            line += "</attvalues>".utf8
            if let spells {
                line += "<spells>".utf8
                for run in spells.runs(i) {
                    line += "<spell start=\"\(spells.start[run.lowerBound])\" end=\"\(spells.lastDay[run.upperBound])\"/>".utf8
                }
                line += "</spells>".utf8
            }
            line += "</edge>\n".utf8
            try file.write(bytes: line)
        }
        try file.write("    </edges>\n  </graph>\n</gexf>\n")
        try file.commit()
    }
}
