import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// network.graphml and network.gexf: well-formed, safe with any name, and the same network that
/// NetworkX and igraph read from them (Fixtures/exports/expected.json, made by check_exports.py
/// with the real readers on SampleData's exports).
@Suite struct NetworkExportTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path
    let fixture = WeftRun.repository.appendingPathComponent("Tests/WeftCLITests/Fixtures/exports/expected.json")

    /// Parses an XML document; returns the parser's error, if any, and the elements seen.
    final class Census: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var attributes: [String: [[String: String]]] = [:]
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            counts[name, default: 0] += 1
            self.attributes[name, default: []].append(attributes)
        }
    }

    func census(_ url: URL) throws -> Census {
        let parser = try #require(XMLParser(contentsOf: url))
        let census = Census()
        parser.delegate = census
        #expect(parser.parse(), "\(url.lastPathComponent): \(parser.parserError.map { "\($0)" } ?? "")")
        return census
    }

    @Test func exportsHoldTheNetworkTheRealReadersSee() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any]
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "graphml,gexf,csv"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
        let graphml = try census(out.appendingPathComponent("network.graphml"))
        let gexf = try census(out.appendingPathComponent("network.gexf"))
        for c in [graphml, gexf] {
            #expect(c.counts["node"] == expected["nodes"] as? Int)
            #expect(c.counts["edge"] == expected["edges"] as? Int)
        }
        #expect(graphml.attributes["graph"]?.first?["edgedefault"] == ((expected["directed"] as! Bool) ? "directed" : "undirected"))
        let weights = try #require(gexf.attributes["edge"]).map { Double($0["weight"] ?? "") ?? .nan }
        #expect(abs(weights.reduce(0, +) - (expected["weight_sum"] as! Double)) < 1e-9)
        #expect(gexf.counts["spell"] == expected["spells"] as? Int)
        #expect(gexf.attributes["node"]?.filter { $0["start"] != nil }.count == expected["nodes_with_start"] as? Int)
        let first = try #require(expected["first_edge"] as? [String: Any])
        let spells = try String(contentsOf: out.appendingPathComponent("network.gexf"), encoding: .utf8)
            .split(separator: "\n").first { $0.contains("source=\"\(first["source"]!)\" target=\"\(first["target"]!)\"") }
        let runs = (first["spells"] as! [[String]]).map { "<spell start=\"\($0[0])\" end=\"\($0[1])\"/>" }.joined()
        #expect(spells?.contains("<spells>\(runs)</spells>") == true)
        // One key per members.csv column (id aside: it is the node id), plus the label and the
        // engagement segment (before the member attributes, after the measures).
        let header = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
            .prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        let keys = try #require(graphml.attributes["key"]).filter { $0["for"] == "node" }.compactMap { $0["attr.name"] }
        #expect(keys.filter { !["segment", "x", "y"].contains($0) } == ["label"] + header.filter { $0 != "id" && $0 != "name" })
        #expect(keys.firstIndex(of: "segment").map { Array(keys[($0 + 1)...($0 + 3)]) } == ["x", "y", "country"])
        let segmentKey = try #require(graphml.attributes["key"]?.first { $0["attr.name"] == "segment" }?["id"])
        #expect(try String(contentsOf: out.appendingPathComponent("network.graphml"), encoding: .utf8)
            .contains("<data key=\"\(segmentKey)\">crew</data>"))
    }

    /// network.json: valid against its schema, the same nodes and ties as network.graphml, every
    /// node at the position report.html draws it, and the same positions in GraphML (`x`, `y`)
    /// and GEXF (`viz:position`, y flipped).
    @Test func nodeLinkJSONCarriesReportHTMLsLayout() throws {
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "network,html,graphml,gexf,json"]).status == 0)
        let data = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("network.json"))) as! [String: Any]
        let validator = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/network.schema.json"))
        #expect(validator.validate(data).isEmpty, "\(validator.validate(data).prefix(5))")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let nodes = try #require(data["nodes"] as? [[String: Any]]), links = try #require(data["links"] as? [[String: Any]])
        let members = report["members"] as! [[String: Any]]
        #expect(nodes.map { $0["id"] as! String } == members.map { $0["id"] as! String })
        #expect(links.count == (report["network"] as! [String: Any])["tie_count"] as? Int)
        #expect(data["directed"] as? Bool == true && data["multigraph"] as? Bool == false)
        let ids = Set(nodes.map { $0["id"] as! String })
        #expect(links.allSatisfy { ids.contains($0["source"] as! String) && ids.contains($0["target"] as! String) })
        // A record network's links carry records and times; the survey fields are null.
        #expect(links.allSatisfy { $0["records"] is Int && $0["first_record"] is String && $0["named_by"] is NSNull && $0["relation"] is NSNull })
        // Members' measures and attributes are report.json's; the label is the name.
        #expect((nodes[0]["measures"] as! [String: Any])["degree"] as? Int == members[0]["degree"] as? Int)
        #expect((nodes[0]["attributes"] as! [String: Any])["country"] as? String == (members[0]["attributes"] as! [String: Any])["country"] as? String)
        #expect(nodes[0]["label"] as? String == members[0]["name"] as? String)
        #expect(nodes[0]["community"] as? Int == members[0]["community"] as? Int)

        // The first map of report.html draws every member (SampleData is small) in member order.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let map = try #require(html.range(of: "<svg class=\"map\"")).lowerBound
        let circles = String(html[map...]).components(separatedBy: "<circle cx=\"").dropFirst().prefix(nodes.count).map { piece in
            let cx = piece.prefix { $0 != "\"" }
            let cy = piece.components(separatedBy: "cy=\"")[1].prefix { $0 != "\"" }
            return "\(cx),\(cy)"
        }
        let layout = (data["graph"] as! [String: Any])["layout"] as! [String: Any]
        #expect(layout["drawn"] as? Int == nodes.count)
        #expect(circles == nodes.map { String(format: "%.1f,%.1f", $0["x"] as! Double, $0["y"] as! Double) })

        // GraphML: x and y data; GEXF: viz:position with y = height − y.
        let graphml = try census(out.appendingPathComponent("network.graphml"))
        let keys = try #require(graphml.attributes["key"]).filter { $0["for"] == "node" }
        let xKey = try #require(keys.first { $0["attr.name"] == "x" }?["id"])
        let graphmlText = try String(contentsOf: out.appendingPathComponent("network.graphml"), encoding: .utf8)
        let firstX = (nodes[0]["x"] as! Double)
        let graphmlX = try #require(graphmlText.components(separatedBy: "<data key=\"\(xKey)\">").dropFirst().first?.prefix { $0 != "<" })
        #expect(abs(Double(graphmlX)! - firstX) < 1e-9)
        let gexf = try census(out.appendingPathComponent("network.gexf"))
        let positions = try #require(gexf.attributes["viz:position"] ?? gexf.attributes["position"])
        #expect(positions.count == nodes.count)
        let height = layout["height"] as! Double
        for (position, node) in zip(positions, nodes) {
            #expect(abs(Double(position["x"]!)! - (node["x"] as! Double)) < 1e-9)
            #expect(abs(Double(position["y"]!)! - (height - (node["y"] as! Double))) < 1e-9)
        }
    }

    @Test func hostileNamesStayText() throws {
        let folder = try temporaryFolder()
        let names = ["<script>alert(1)</script>", "=HYPERLINK(\"\"http://x\"\")", "A & B 'quoted' \u{01}bell"]
        try ("id,name,country\n" + names.enumerated().map { "m\($0.offset),\"\($0.element)\",\"<b>Kenya</b>\"" }.joined(separator: "\n") + "\n")
            .write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try "source,target,timestamp\nm0,m1,2024-01-01\nm1,m2,2024-02-01\n"
            .write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        #expect(try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "graphml,gexf"]).status == 0)
        for name in ["network.graphml", "network.gexf"] {
            let url = out.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains("<script>") && !text.contains("<b>"), "\(name)")
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name)")
            #expect(text.contains("A &amp; B &apos;quoted&apos; \u{FFFD}bell"), "\(name)")
            _ = try census(url)   // well-formed despite the control character
        }
    }

    @Test func unknownFormatIsAUsageError() throws {
        let run = try WeftRun(["analyze", sampleData, "--out", try temporaryFolder().path, "--format", "json,pdf"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pdf"))
    }
}
