import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Members, organisations, events and topics named to attack the reader of a report: script in
/// the HTML report, formulas in a spreadsheet, paths out of the output folder. Every output must
/// show them as inert text.
@Suite struct HostileInputTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"
    static let hyperlink = "=HYPERLINK(\"http://x\")"

    /// A small network whose ids, names and attribute values are hostile, over three months.
    func hostileData(in folder: URL) throws {
        func csv(_ cells: [String]) -> String {
            cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }
        let members: [[String]] = [
            ["id", "name", "email", "organisation", "country"],
            [Self.hyperlink, Self.script, "a@example.org", "=cmd|' /C calc'!A0", Self.image],
            ["../../escape", "+Bo", "b@example.org", Self.script, "@SUM(A1)"],
            ["-2+3", "@Al", "c@example.org", "=cmd|' /C calc'!A0", "\tTab"],
            ["m4", Self.image, "d@example.org", Self.script, "Kenya"],
            ["<b>m5</b>", "Eve", "e@example.org", "Plain", "Kenya"],
        ]
        try members.map(csv).joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        let ids = members.dropFirst().map { $0[0] }
        var interactions = [csv(["source", "target", "timestamp", "type", "weight"])]
        for month in 1...3 {
            for (k, a) in ids.enumerated() {
                let b = ids[(k + month) % ids.count]
                interactions.append(csv([a, b, "2024-0\(month)-1\(k)T10:00:00Z", "=type()", "1"]))
            }
        }
        interactions.append(csv([ids[0], ids[1], "2024-02-02", "message", "=1+1"]))   // rejected: the weight
        try interactions.joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        var attendance = [csv(["member", "event", "date", "role", "topic", "event_type"])]
        for (k, id) in ids.enumerated() {
            attendance.append(csv([id, k % 2 == 0 ? "=event()" : Self.script, "2024-0\(1 + k % 3)-05", "@lead", Self.image, "+workshop"]))
        }
        try attendance.joined(separator: "\n").appending("\n")
            .write(to: folder.appendingPathComponent("attendance.csv"), atomically: true, encoding: .utf8)
    }

    /// The cells of a CSV file (RFC 4180 quoting).
    func cells(_ text: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, wasQuoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else { cell.append(c) }
            } else if c == "\"" {
                quoted = true; wasQuoted = true
            } else if c == "," || c == "\n" || c == "\r\n" {
                cells.append(cell); cell = ""; wasQuoted = false
            } else { cell.append(c) }
        }
        if !cell.isEmpty || wasQuoted { cells.append(cell) }
        return cells
    }

    @Test func hostileTextStaysInertInEveryOutputAndNothingLeavesTheOutputFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data"), out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try hostileData(in: data)
        let run = try WeftRun(["analyze", data.path, "--out", out.path, "--group-by", "organisation,country"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")

        // Only the fixed file names, only inside --out.
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(written == ["report.json", "report.html", "members.csv", "communities.csv", "timeline.csv", "ties.csv",
                            "segments.csv", "transitions.csv", "rejects.csv", "network.graphml", "network.gexf", "summary.json", "network.json"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["data", "out"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: data.path)) == ["members.csv", "interactions.csv", "attendance.csv"])

        // Spreadsheets: no cell a spreadsheet would run (starting = + - @, tab or CR) unless it is a number.
        for name in written.filter({ $0.hasSuffix(".csv") }) {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            for cell in cells(text) {
                guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                #expect(Double(cell) != nil, "\(name): live cell \(cell)")
            }
        }
        let rejects = try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("'=1+1"))
        let members = try String(contentsOf: out.appendingPathComponent("members.csv"), encoding: .utf8)
        #expect(members.contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && members.contains("'-2+3"))

        // HTML: every hostile string appears only escaped.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for hostile in [Self.script, Self.image, "<b>m5</b>"] { #expect(!html.contains(hostile), "raw \(hostile) in report.html") }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        // Network files are well-formed XML holding the text as text.
        for name in ["network.graphml", "network.gexf"] {
            let file = try Data(contentsOf: out.appendingPathComponent(name))
            let parser = XMLParser(data: file)
            #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
            #expect(!String(decoding: file, as: UTF8.self).contains(Self.script))
        }

        // report.json keeps the text exactly, as JSON strings.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let byId = try #require(membersByID(report))
        #expect(byId[Self.hyperlink]?["name"] as? String == Self.script)
        #expect(byId["../../escape"] != nil)
    }
}
