import Foundation
import Testing
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// A path of five members (a–b–c–d–e) and an isolate (f), with two countries, over three months.
private func pathDataset() throws -> Dataset {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weft-brief-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "id,name,country\na,Ama,Ghana\nb,Bo & Co,Ghana\nc,Cy,Peru\nd,Di,Peru\ne,Ed,Peru\nf,Fay,Ghana\n"
        .write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
    var interactions = "source,target,timestamp\n"
    for month in 1...3 { for (s, t) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")] { interactions += "\(s),\(t),2024-0\(month)-15\n" } }
    try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
    return try DatasetLoader().load(InputPaths(members: folder.appendingPathComponent("members.csv").path,
                                               interactions: folder.appendingPathComponent("interactions.csv").path))
}

private func analysed(_ dataset: Dataset) throws -> (Analysis, Report) {
    var options = AnalysisOptions()
    options.groupAttributes = ["country"]
    let analysis = try Analysis(dataset: dataset, window: .all, windowLabels: .init(), options: options)
    return (analysis, analysis.report(version: "test"))
}

struct HTMLBriefTests {
    @Test func findingsCountTheQuestionsFirstFigures() throws {
        let (analysis, report) = try analysed(pathDataset())
        let f = try #require(analysis.model(report: report, page: true).page).findings
        #expect(f.members == 6 && f.activeMembers == 5 && f.connectedMembers == 5 && f.largestComponent == 5)
        #expect(f.groupValues == 2)
        // On the path a–b–c–d–e, c lies on 4 of the 6 pairs' paths around it, b and d on 3: (c, b, d).
        #expect(f.brokers == [2, 1, 3])
        // Normalised betweenness: c 4/6, b 3/6, d 3/6; a and e 0 — the three hold all of it.
        #expect(abs(f.brokerShare - 1) < 1e-12)
    }

    @Test func briefAnswersInSentencesBeforeTheFigures() throws {
        let (analysis, report) = try analysed(pathDataset())
        let html = HTMLReport(model: analysis.model(report: report, layout: .init(), page: true)).render()
        let brief = html.components(separatedBy: "<section id=\"brief\">")[1].components(separatedBy: "</section>")[0]
        #expect(html.range(of: "<section id=\"brief\">")!.lowerBound < html.range(of: "<section id=\"headline\">")!.lowerBound)
        #expect(brief.contains("<h2>In brief</h2>"))
        #expect(brief.contains("<p>5 of the 6 members (83.3%) took part between 2024-01-15 and 2024-03-15: they have at least one interaction or attendance record. 5 (83.3%) are connected to at least one other member, and 5 can reach each other through chains of contacts.</p>"))
        // Ties a–b (Ghana), b–c (across), c–d, d–e (Peru): 1 of 4 crosses.
        #expect(brief.contains("Most ties stay within one country: only 25.0% of the ties between members whose country is known link two different values (2 values in the members file)."))
        #expect(brief.contains("Holding the network together: <b>Cy</b>, <b>Bo &amp; Co</b> and <b>Di</b>. They lie most often"))
        #expect(brief.contains("(100.0% of all go-between positions)"))
        #expect(brief.contains("No survey was analysed"))
        #expect(html.contains("<section id=\"glossary\">") && html.contains("<dt>E-I index</dt>"))
    }

    @Test func titleIsEscapedAndLogoEmbedded() throws {
        let (analysis, report) = try analysed(pathDataset())
        var options = HTMLReport.Options()
        options.title = "Red <Alpha> & co"
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52] + [UInt8](repeating: 1, count: 17)
        options.logo = try ReportLogo(bytes: png, file: "logo.png")
        let html = HTMLReport(model: analysis.model(report: report, layout: options, page: true), options: options).render()
        #expect(html.contains("<title>Red &lt;Alpha&gt; &amp; co</title>") && html.contains("<h1>Red &lt;Alpha&gt; &amp; co</h1>"))
        #expect(html.contains("<img class=\"logo\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\" alt=\"Logo\">"))
    }

    @Test func logosAreCheckedByContent() throws {
        let svg = Array("<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
        let logo = try ReportLogo(bytes: svg, file: "logo.svg")
        #expect(logo.kind == .svg)
        #expect(logo.dataURI == "data:image/svg+xml;base64," + Data(svg).base64EncodedString())
        #expect(try ReportLogo(bytes: Array("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>".utf8), file: "n.svg").kind == .svg)
        #expect(throws: InputError(file: "page.svg", line: nil, column: nil, message: "an SVG logo's root element must be <svg>, found <html>")) {
            try ReportLogo(bytes: Array("<html><body></body></html>".utf8), file: "page.svg")
        }
        #expect(throws: InputError(file: "logo.gif", line: nil, column: nil, message: "the logo is neither a PNG (no PNG signature) nor an SVG (no <svg> root element); give a .png or .svg file")) {
            try ReportLogo(bytes: Array("GIF89a".utf8), file: "logo.gif")
        }
        #expect(throws: InputError(file: "big.svg", line: nil, column: nil, message: "the logo is 513 KB; at most 512 KB is embedded (save a smaller PNG or SVG)")) {
            try ReportLogo(bytes: Array("<svg>".utf8) + [UInt8](repeating: 0x20, count: 513 * 1024), file: "big.svg")
        }
        // A PNG signature without its IHDR chunk is not a PNG.
        #expect(throws: InputError.self) { try ReportLogo(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 30), file: "cut.png") }
    }
}
