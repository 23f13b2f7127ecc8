import Foundation
import Testing
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// A small dataset on disk whose names and attribute values carry HTML: a member named
/// `<script>alert(1)</script>`, an ampersand, quotes, and a country with `<b>`.
private func hostileDataset() throws -> Dataset {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let members = """
    id,name,country
    m1,<script>alert(1)</script>,Kenya
    m2,Tom & Jerry,Kenya
    m3,"Quote ""Q"" O'Brien",<b>Peru</b>
    m4,Ana,<b>Peru</b>
    m5,Ben,Ghana
    m6,Cat,Ghana
    m7,Dee,Kenya
    m8,Eve,Ghana
    m9,Loner,Ghana

    """
    var interactions = "source,target,timestamp,type,weight\n"
    let pairs = [("m1", "m2"), ("m2", "m3"), ("m3", "m4"), ("m4", "m1"), ("m1", "m5"), ("m5", "m6"), ("m6", "m7"), ("m7", "m8"), ("m8", "m5"), ("m2", "m6")]
    for month in 1...6 {
        for (k, (a, b)) in pairs.enumerated() where (k + month) % 3 != 0 {
            interactions += "\(a),\(b),2024-0\(month)-\(10 + k)T10:00:00Z,message,1\n"
        }
    }
    try members.write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
    try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
    return try DatasetLoader().load(InputPaths(members: folder.appendingPathComponent("members.csv").path,
                                               interactions: folder.appendingPathComponent("interactions.csv").path))
}

private func render(_ dataset: Dataset, options: HTMLReport.Options = .init(), extras: HTMLReport.Extras = .init(),
                    analysisOptions: AnalysisOptions = AnalysisOptions()) throws -> String {
    var analysisOptions = analysisOptions
    analysisOptions.groupAttributes = ["country"]
    let analysis = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: analysisOptions)
    return HTMLReport(model: analysis.model(report: analysis.report(version: "test"), layout: options, page: true), options: options, extras: extras).render()
}

private func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

struct HTMLReportTests {
    @Test func escapeReplacesEveryMarkupCharacter() {
        #expect(HTMLText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLText.escape("Tom & Jerry \"Q\" O'Brien") == "Tom &amp; Jerry &quot;Q&quot; O&#39;Brien")
        #expect(HTMLText.escape("a\u{0}b\u{7}c\td") == "abc\td")
        #expect(HTMLText.escape("Société Côte d’Ivoire") == "Société Côte d’Ivoire")
    }

    @Test func dataStringsAppearAsText() throws {
        let html = try render(hostileDataset())
        // Two script elements: the map's JSON data and the map script; the member's name is in
        // the data as JSON with < and > escaped, so it can neither close the block nor run.
        #expect(occurrences("<script", in: html.lowercased()) == 2)
        #expect(html.contains("<script type=\"application/json\" id=\"weft-map-data\">"))
        #expect(html.contains("\"n\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Tom &amp; Jerry"))
        #expect(!html.contains("Tom & Jerry"))
        #expect(html.contains("Quote &quot;Q&quot; O&#39;Brien"))
        #expect(html.contains("&lt;b&gt;Peru&lt;/b&gt;"))
        #expect(!html.contains("<b>Peru"))
        // Tooltips are attribute-free <title> text; names in table cells are escaped too.
        #expect(html.contains("<title>m1 — &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func pageIsSelfContained() throws {
        let html = try render(hostileDataset())
        for forbidden in ["http:", "https:", "src=", "@import", "url(", "<link", "<img", "<iframe", "<object", "<embed", "//fonts", "@font-face",
                          "fetch(", "xmlhttprequest", "websocket", "eval(", "innerhtml"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        // The one inline script runs by its SHA-256 hash; nothing may be fetched.
        let script = html.components(separatedBy: "<script>")[1].components(separatedBy: "</script>")[0]
        var sha = SHA256()
        sha.update(Array(script.utf8))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-\(Data(sha.digest()).base64EncodedString())'\">"))
        // Internal references only: in-page anchors and the shared tie layer.
        for match in html.components(separatedBy: "href=\"").dropFirst() { #expect(match.hasPrefix("#")) }
        for tag in ["svg", "section", "table", "figure", "style", "html", "body"] {
            #expect(occurrences("<\(tag)", in: html) == occurrences("</\(tag)>", in: html), "unbalanced <\(tag)>")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func sectionsArePresent() throws {
        let html = try render(hostileDataset())
        for id in ["headline", "maps", "periods", "core", "brokers", "drifting", "segments", "ties", "timeline", "groups", "methods"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        #expect(occurrences("<svg class=\"map\"", in: html) >= 4)   // country, community, periods…
        #expect(html.contains("Coloured by country"))
        #expect(html.contains("Survey response rate</div><div class=\"v\">not available"))
        #expect(html.contains("Segments and movement</div><div class=\"v\">not available"))
        #expect(html.contains("Map layout"))
        #expect(html.contains("stress majorisation"))
        // Member 9 never interacts: the warning names one isolate.
        #expect(html.contains("1 members have no tie in the window"))
    }

    @Test func bytesAreDeterministic() throws {
        let dataset = try hostileDataset()
        // A fresh analysis of the same data: the same bytes. (Loading again from another temporary
        // folder changes only the input paths printed under Methods.)
        let a = try render(dataset), b = try render(dataset)
        #expect(a == b)
        let c = try render(hostileDataset())
        #expect(a.components(separatedBy: "<h3>Inputs</h3>")[0] == c.components(separatedBy: "<h3>Inputs</h3>")[0])
        var other = AnalysisOptions()
        other.seed = 7
        #expect(try render(dataset, analysisOptions: other) != a)
    }

    @Test func extrasFillTheirPlaces() throws {
        let dataset = try hostileDataset()
        let n = dataset.members.count
        let segments = HTMLReport.Segments(
            colouring: NodeColouring(title: "segment", labels: ["core", "<new>"], category: (0..<n).map { Int32($0 % 2) }),
            transitions: [[3, 1], [2, 3]], transitionsCaption: "From the first to the last quarter",
            movement: "2 of 9 moved up", definitions: [("Segment", "a & b")])
        let html = try render(dataset, extras: .init(responseRate: 0.5, responseNote: "baseline wave", segments: segments))
        #expect(html.contains("Survey response rate</div><div class=\"v\">50.0%"))
        #expect(html.contains("2 of 9 moved up"))
        #expect(html.contains("Coloured by segment"))
        #expect(html.contains("&lt;new&gt;"))
        #expect(html.contains("<dd>a &amp; b</dd>"))
        #expect(!html.contains("engagement segments were not computed"))
    }

    @Test func largeNetworksDrawTheTopMembers() throws {
        var options = HTMLReport.Options()
        options.mapLimit = 4
        let html = try render(hostileDataset(), options: options)
        #expect(html.contains("too many to draw legibly: the maps show the 4 members of the largest component"))
        // The first map (country) holds exactly four dots.
        let firstMap = html.components(separatedBy: "<svg class=\"map\"")[1].components(separatedBy: "</svg>")[0]
        #expect(occurrences("<circle", in: firstMap) == 4)
    }
}

struct HTMLReportSampleDataTests {
    /// SampleData's report: the labels of each map never overlap (boxes as the placement
    /// estimates them: 7 px per character, 11 px high) and stay inside the picture.
    @Test func mapLabelsDoNotPileUp() throws {
        let dataset = try sampleDataset()
        let html = try render(dataset)
        let maps = html.components(separatedBy: "<svg class=\"map\"").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
        var labelled = 0
        for map in maps {
            var boxes: [(Double, Double, Double, Double)] = []
            for piece in map.components(separatedBy: "<text x=\"").dropFirst() where piece.contains("class=\"nl\"") {
                let x = Double(piece.prefix { $0 != "\"" })!
                let y = Double(piece.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })!
                let text = piece.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
                let width = 7.0 * Double(text.count)   // SampleData's names need no escaping
                boxes.append((x, y - 11, x + width, y + 2))
            }
            for (i, a) in boxes.enumerated() {
                #expect(a.0 >= 0 && a.1 >= 0)
                for b in boxes[(i + 1)...] { #expect(!(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3), "labels overlap: \(a) \(b)") }
            }
            labelled += boxes.count
        }
        #expect(labelled >= 10)
    }
}

struct MapExplorerTests {
    /// The explorer's data describe the first map's dots in their order: one entry per circle,
    /// with the member's connections, and per period the active members and ties.
    @Test func dataFollowTheFirstMap() throws {
        let dataset = try hostileDataset()
        var options = AnalysisOptions()
        options.groupAttributes = ["country"]
        let analysis = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: options)
        let html = HTMLReport(model: analysis.model(report: analysis.report(version: "test"), layout: .init(), page: true)).render()
        let block = html.components(separatedBy: "<script type=\"application/json\" id=\"weft-map-data\">")[1].components(separatedBy: "</script>")[0]
        let data = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        let members = try #require(data["members"] as? [[String: Any]])
        let explorer = html.components(separatedBy: "<div class=\"mapblock\" id=\"explorer\">")[1].components(separatedBy: "</svg>")[0]
        #expect(members.count == occurrences("<circle", in: explorer) && members.count == 9)
        #expect(members.map { $0["id"] as! String } == (0..<9).map { "m\($0 + 1)" })
        #expect(members.map { $0["c"] as! Int } == analysis.degrees.neighbours)
        #expect(members[0]["n"] as? String == "<script>alert(1)</script>")
        let periods = try #require(data["periods"] as? [[String: Any]])
        #expect(periods.count == 6)   // January to June
        // January: pairs k with (k + 1) % 3 != 0, that is k = 0, 1, 3, 4, 6, 7, 9 — seven ties among m1…m8.
        #expect((periods[0]["ties"] as! [Int]).count == 14)
        #expect(periods[0]["active"] as? String == "111111110")
        #expect((data["filters"] as? [String: Any])?.keys.sorted() == ["g", "k"])
        #expect(data["hidden"] as? Bool == false)
    }
}
