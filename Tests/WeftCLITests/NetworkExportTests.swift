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
        // One key per members.csv column (id aside: it is the node id), plus the label.
        let header = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
            .prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        let keys = try #require(graphml.attributes["key"]).filter { $0["for"] == "node" }.compactMap { $0["attr.name"] }
        #expect(keys == ["label"] + header.filter { $0 != "id" && $0 != "name" })
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
