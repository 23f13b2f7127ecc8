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
/// with `read_gexf` (igraph has no GEXF reader: use the GraphML file there). Written atomically.
public enum GEXFWriter {
    public static func write(_ analysis: Analysis, to path: String) throws {
        let export = NetworkExport(analysis)
        let time = analysis.time
        let file = try AtomicFileWriter(path: path)
        let dynamic = time?.presence != nil
        try file.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
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
        for v in 0..<export.nodeCount {
            let row = analysis.memberRow(v)
            var line = "      <node id=\"\(XMLText.escaped(export.nodeID(v)))\" label=\"\(XMLText.escaped(export.label(v, row: row)))\""
            if dynamic, let first = row.firstActivity { line += " start=\"\(Timestamp.formatDate(first))\"" }
            line += "><attvalues>"
            for (c, value) in export.nodeValues(v, row: row).enumerated() {
                if let value { line += "<attvalue for=\"n\(c)\" value=\"\(XMLText.escaped(value))\"/>" }
            }
            try file.write(line + "</attvalues></node>\n")
        }
        try file.write("    </nodes>\n    <edges>\n")
        let ties = analysis.graph.ties
        for i in 0..<ties.count {
            var line = "      <edge id=\"\(i)\" source=\"\(XMLText.escaped(export.nodeID(Int(ties.source[i]))))\" "
                + "target=\"\(XMLText.escaped(export.nodeID(Int(ties.target[i]))))\" weight=\"\(CSVTableWriter.formatReal(ties.weight[i]))\"><attvalues>"
            for (c, value) in export.edgeValues(i).enumerated() {
                if let value { line += "<attvalue for=\"e\(c)\" value=\"\(value)\"/>" }
            }
            line += "</attvalues>"
            if let presence = time?.presence, let periods = time?.periods {
                line += "<spells>"
                for run in presence.runs(of: i) {
                    // Periods are half-open [start, end): the run's last day is the day before its end.
                    line += "<spell start=\"\(Timestamp.formatDate(periods.starts[run.lowerBound]))\" "
                        + "end=\"\(Timestamp.formatDate(periods.ends[run.upperBound] - 1))\"/>"
                }
                line += "</spells>"
            }
            try file.write(line + "</edge>\n")
        }
        try file.write("    </edges>\n  </graph>\n</gexf>\n")
        try file.commit()
    }
}
