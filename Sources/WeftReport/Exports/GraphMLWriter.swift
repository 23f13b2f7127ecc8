import WeftGraph
import WeftIO

/// `network.graphml`: the window's network in GraphML (http://graphml.graphdrawing.org/), for
/// Gephi, yEd, Cytoscape, NetworkX (`read_graphml`) and igraph (`Graph.Read_GraphML`). Nodes are
/// the members, keyed by id (pseudonyms in pseudonymised outputs), with a `label` (the name) and
/// every measure and attribute of members.csv as typed data; edges are the aggregated ties
/// (directed unless the network is undirected) with `weight`, `records`, `first_record` and
/// `last_record` (on a survey layer `weight`, `relation`, `wave`, `wave_date` and `named_by`,
/// see `SurveyEdges`). With a `map`, nodes carry report.html's layout as `x` and `y` (yEd and
/// Cytoscape read them as positions). Every string from the data is XML-escaped. Written atomically.
public enum GraphMLWriter {
    public static func write(_ model: ReportModel, to path: String) throws {
        let export = NetworkExport(model)
        let file = try AtomicFileWriter(path: path)
        try file.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>

            """)
        for (c, column) in export.nodeColumns.enumerated() {
            try file.write("  <key id=\"n\(c)\" for=\"node\" attr.name=\"\(XMLText.escaped(column.name))\" attr.type=\"\(column.kind.typeName)\"/>\n")
        }
        for (c, column) in export.edgeColumns.enumerated() {
            try file.write("  <key id=\"e\(c)\" for=\"edge\" attr.name=\"\(column.name)\" attr.type=\"\(column.kind.typeName)\"/>\n")
        }
        try file.write("  <graph id=\"network\" edgedefault=\"\(export.isDirected ? "directed" : "undirected")\">\n")
        let nodeKeys = export.nodeColumns.indices.map { Array("<data key=\"n\($0)\">".utf8) }
        let edgeKeys = export.edgeColumns.indices.map { Array("<data key=\"e\($0)\">".utf8) }
        var line: [UInt8] = []
        func data(_ key: [UInt8], _ value: String?) {
            guard let value else { return }
            line += key
            XMLText.append(value, to: &line)
            line += "</data>".utf8
        }
        for v in 0..<export.nodeCount {
            let row = model.members[v]
            line.removeAll(keepingCapacity: true)
            line += "    <node id=\"".utf8
            XMLText.append(export.nodeID(v), to: &line)
            line += "\">".utf8
            data(Array("<data key=\"label\">".utf8), export.label(v, row: row))
            for (c, value) in export.nodeValues(v, row: row).enumerated() { data(nodeKeys[c], value) }
            line += "</node>\n".utf8
            try file.write(bytes: line)
        }
        for i in 0..<model.graph.ties.count {
            line.removeAll(keepingCapacity: true)
            line += "    <edge".utf8
            export.appendEndpoints(of: i, to: &line)
            line += ">".utf8
            for (c, value) in export.edgeValues(i).enumerated() { data(edgeKeys[c], value) }
            line += "</edge>\n".utf8
            try file.write(bytes: line)
        }
        try file.write("  </graph>\n</graphml>\n")
        try file.commit()
    }
}
