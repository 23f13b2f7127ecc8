import WeftGraph
import WeftIO

/// `network.graphml`: the window's network in GraphML (http://graphml.graphdrawing.org/), for
/// Gephi, yEd, Cytoscape, NetworkX (`read_graphml`) and igraph (`Graph.Read_GraphML`). Nodes are
/// the members, keyed by id (pseudonyms in pseudonymised outputs), with a `label` (the name) and
/// every measure and attribute of members.csv as typed data; edges are the aggregated ties
/// (directed unless the network is undirected) with `weight`, `records`, `first_record` and
/// `last_record`. Every string from the data is XML-escaped. Written atomically.
public enum GraphMLWriter {
    public static func write(_ analysis: Analysis, to path: String) throws {
        let export = NetworkExport(analysis)
        let file = try AtomicFileWriter(path: path)
        try file.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """)
        try file.write("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n")
        for (c, column) in export.nodeColumns.enumerated() {
            try file.write("  <key id=\"n\(c)\" for=\"node\" attr.name=\"\(XMLText.escaped(column.name))\" attr.type=\"\(column.kind.typeName)\"/>\n")
        }
        for (c, column) in export.edgeColumns.enumerated() {
            try file.write("  <key id=\"e\(c)\" for=\"edge\" attr.name=\"\(column.name)\" attr.type=\"\(column.kind.typeName)\"/>\n")
        }
        try file.write("  <graph id=\"network\" edgedefault=\"\(export.isDirected ? "directed" : "undirected")\">\n")
        for v in 0..<export.nodeCount {
            let row = analysis.memberRow(v)
            var line = "    <node id=\"\(XMLText.escaped(export.nodeID(v)))\">"
            line += "<data key=\"label\">\(XMLText.escaped(export.label(v, row: row)))</data>"
            for (c, value) in export.nodeValues(v, row: row).enumerated() {
                if let value { line += "<data key=\"n\(c)\">\(XMLText.escaped(value))</data>" }
            }
            try file.write(line + "</node>\n")
        }
        let ties = analysis.graph.ties
        for i in 0..<ties.count {
            var line = "    <edge source=\"\(XMLText.escaped(export.nodeID(Int(ties.source[i]))))\" "
                + "target=\"\(XMLText.escaped(export.nodeID(Int(ties.target[i]))))\">"
            for (c, value) in export.edgeValues(i).enumerated() {
                if let value { line += "<data key=\"e\(c)\">\(value)</data>" }
            }
            try file.write(line + "</edge>\n")
        }
        try file.write("  </graph>\n</graphml>\n")
        try file.commit()
    }
}
