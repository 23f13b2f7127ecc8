import Foundation
import Testing
@testable import WeftIO

/// One set of figures (issue 18): the terminal summary and report.html show the values of
/// report.json, under the same names, and a report that says names are hidden names nobody.
@Suite(.serialized) struct OneSetOfFiguresTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// report.html's formatting: fixed decimals, percentages with one, counts with commas.
    func number(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
    func percent(_ x: Double) -> String { number(100 * x, 1) + "%" }
    func count(_ n: Int) -> String {
        let digits = String(n), k = digits.count
        return digits.enumerated().map { ($0.offset > 0 && (k - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
    }
    func card(_ label: String, _ value: String) -> String { "<div class=\"l\">\(label)</div><div class=\"v\">\(value)</div>" }

    @Test func terminalAndReportShowTheValuesOfReportJSON() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(out.appendingPathComponent("report.json"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let summary = report["summary"] as! [String: Any], network = report["network"] as! [String: Any]
        let membership = report["membership"] as! [String: Int]
        let connections = summary["average_connections"] as! Double, density = summary["density"] as! Double

        // Terminal: the headline figures under report.html's names; no "average degree" beside
        // "average connections" (two numbers a reader would take for one).
        #expect(run.stdout.contains("members \(membership["total"]!) (active \(membership["active"]!)), ties \(network["tie_count"] as! Int), density \(number(density, 4)), average connections \(number(connections, 4))"))
        #expect(!run.stdout.contains("average degree"))
        #expect(run.stdout.contains("isolates \(network["isolates"] as! Int)"))
        #expect(run.stdout.contains("degree assortativity \(number(network["degree_assortativity"] as! Double, 4)) (undirected view), directed degree assortativity \(number(network["directed_degree_assortativity"] as! Double, 4))"))
        let survey = report["survey"] as! [String: Any]
        #expect(run.stdout.contains("response rate \(number(100 * (survey["response_rate"] as! Double), 1))% (\(survey["respondents"] as! Int) of \(survey["members"] as! Int)"))

        // report.html's headline cards.
        #expect(html.contains(card("Members", count(membership["total"]!))))
        #expect(html.contains(card("Active members", count(membership["active"]!))))
        #expect(html.contains(card("Average connections", number(connections))))
        #expect(html.contains(card("Density", number(density, 4))))
        #expect(html.contains(card("Isolates", count(summary["isolates"] as! Int))))
        #expect(html.contains(card("Survey response rate", percent(survey["response_rate"] as! Double))))
        if let retention = summary["retention"] as? Double { #expect(html.contains(card("Retention", percent(retention)))) }
        if let cross = summary["cross_group"] as? [String: Any], let share = cross["share"] as? Double {
            #expect(html.contains(card("Cross-\(cross["attribute"] as! String) ties", percent(share))))
        }
        #expect(!html.contains("Average degree") && !html.contains("average degree"))

        // The survey section: each wave's figures as survey.by_relation holds them.
        for relation in survey["by_relation"] as! [[String: Any]] {
            let waves = relation["waves"] as! [[String: Any]]
            func row(_ label: String, _ cell: ([String: Any]) -> String) -> String {
                "<tr><td>\(label)</td>" + waves.map { "<td class=\"r\">\(cell($0))</td>" }.joined() + "</tr>"
            }
            #expect(html.contains(row("Response rate") { percent($0["response_rate"] as! Double) }))
            #expect(html.contains(row("Ties") { count($0["tie_count"] as! Int) }))
            #expect(html.contains(row("Density") { number($0["density"] as! Double, 4) }))
            #expect(html.contains(row("Average connections") { number($0["average_connections"] as! Double) }))
            #expect(html.contains(row("Average value of ties") { number($0["average_value"] as! Double) }))
            let change = waves.last!["change"] as! [String: Any]
            for (label, key) in [("New ties", "new"), ("Sustained ties", "sustained"), ("Dissolved ties", "dissolved"),
                                 ("Members who gained connections", "members_gained"), ("Members who lost connections", "members_lost")] {
                #expect(html.contains("<tr><td>\(label)</td><td class=\"r\">\(count(change[key] as! Int))</td></tr>"), "\(label)")
            }
        }
    }

    /// Below 80% response the report says not to name individuals, and under --pseudonymise
    /// members are shown by pseudonym only: then no id, name or email of the members file appears
    /// anywhere in report.html — text, tables, labels, tooltips, the explorer's script data.
    @Test(arguments: [["--network", "survey:advice"], ["--pseudonymise"], ["--pseudonymise", "--lang", "fr"]])
    func aReportThatHidesMembersNamesNobody(_ flags: [String]) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "html,json"] + flags)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        if flags.contains("--network") {
            let survey = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
            #expect(survey["confidence"] as? String != "all uses")
            #expect(html.contains("Members are not named"))
        }
        let members = try csvRows(URL(fileURLWithPath: sampleData + "/members.csv"))
        #expect(members.count == 301 && members[0].prefix(3) == ["id", "name", "email"])
        let escaped = { (s: String) in s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;") }
        for row in members.dropFirst() {
            for value in row.prefix(3) where !value.isEmpty {
                #expect(!html.contains(value) && !html.contains(escaped(value)), "'\(value)' in report.html with \(flags)")
            }
        }
        // The maps are still drawn and explorable, with no label and no id in the script data.
        #expect(html.contains("id=\"weft-map-data\"") && html.contains("<circle"))
    }

    /// The CSV tables hold the values of report.json: every row of timeline.csv, members.csv,
    /// ties.csv and segments.csv equals its report.json row in every column both have, and the
    /// headline's averages and counts are those of members.csv.
    @Test func csvTablesHoldTheValuesOfReportJSON() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(out.appendingPathComponent("report.json"))
        for (file, key) in [("timeline.csv", "timeline"), ("members.csv", "members"), ("ties.csv", "ties"), ("segments.csv", "segment_members")] {
            let rows = try csvRows(out.appendingPathComponent(file)), objects = report[key] as! [[String: Any]]
            #expect(rows.count - 1 == objects.count, "\(file)")
            let header = rows[0]
            var compared = 0
            for (row, object) in zip(rows.dropFirst(), objects) {
                for (column, cell) in zip(header, row) {
                    guard let value = object[column] else { continue }
                    compared += 1
                    // Numbers: equal but for the last bits Foundation's JSON parser may lose on Linux.
                    if let a = Double(cell), let b = value as? Double, !(value is Bool) {
                        #expect(abs(a - b) <= 1e-14 * max(1, abs(a)), "\(file) \(column): \(cell) against report.json's \(b)")
                    } else {
                        #expect(cell == csvText(value), "\(file) \(column): '\(cell)' against report.json's \(value)")
                    }
                }
            }
            #expect(compared >= objects.count * min(header.count - 1, 10), "\(file): columns compared")
        }
        let members = try csvRows(out.appendingPathComponent("members.csv"))
        let column = { (name: String) in members[0].firstIndex(of: name)! }
        let neighbours = members.dropFirst().map { Double($0[column("neighbours")])! }
        let summary = report["summary"] as! [String: Any], network = report["network"] as! [String: Any]
        #expect(abs(neighbours.reduce(0, +) / Double(neighbours.count) - (summary["average_connections"] as! Double)) < 1e-12)
        #expect(members.dropFirst().filter { $0[column("isolate")] == "1" }.count == summary["isolates"] as! Int)
        #expect(members.dropFirst().filter { $0[column("active")] == "1" }.count == summary["active_members"] as! Int)
        #expect(members.count - 1 == summary["members"] as! Int && network["members"] as? Int == summary["members"] as? Int)
        let communities = try csvRows(out.appendingPathComponent("communities.csv"))
        // report.json's communities: their count, and the sizes of the largest (`sizes`).
        let summaryOfCommunities = report["communities"] as! [String: Any], sizes = summaryOfCommunities["sizes"] as! [Int]
        let csvSizes = communities.dropFirst().map { Int($0[1])! }.sorted(by: >)
        #expect(csvSizes.count == summaryOfCommunities["count"] as! Int && Array(csvSizes.prefix(sizes.count)) == sizes)
    }

    /// A report.json value as the CSV writers write it: booleans 1/0, null empty, numbers in
    /// Swift's shortest round-trip form.
    func csvText(_ value: Any) -> String {
        switch value {
        case is NSNull: return ""
        case let n as NSNumber where String(cString: n.objCType) == "c": return n.boolValue ? "1" : "0"
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case let s as String: return s
        default: return "\(value)"
        }
    }

    /// The rows of a CSV file, header first, as Weft's own reader splits them.
    func csvRows(_ url: URL) throws -> [[String]] {
        let reader = try CSVReader(bytes: Array(try Data(contentsOf: url)), label: url.lastPathComponent)
        var record = CSVRecord(), rows = [reader.header]
        while try reader.next(&record) { rows.append((0..<record.fieldCount).map { record.displayString($0) }) }
        return rows
    }
}

/// Group defaults for small networks (issue 18, item 3): a 20-member network with a 10-country
/// column gets its country analysis with no --group-by; a column with one value per member does not.
@Suite struct SmallNetworkGroupTests {
    @Test func twentyMembersWithTenCountriesAreGroupedByCountry() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let countries = ["Kenya", "Ghana", "Peru", "Nepal", "India", "Chile", "Malawi", "Senegal", "Brazil", "Mexico"]
        var members = "id,name,country,organisation\n", interactions = "source,target,timestamp\n"
        for i in 0..<20 { members += "m\(i),Person \(i),\(countries[i % 10]),Org \(i)\n" }
        for i in 0..<20 { interactions += "m\(i),m\((i + 1) % 20),2024-0\(1 + i % 3)-10\nm\(i),m\((i + 7) % 20),2024-02-1\(i % 10)\n" }
        try members.write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        try interactions.write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "json,html"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(Set((report["groups"] as! [String: Any]).keys) == ["country"], "organisation has one value per member")
        let cross = try #require((report["summary"] as! [String: Any])["cross_group"] as? [String: Any])
        #expect(cross["attribute"] as? String == "country" && cross["ei_index"] is Double)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<dt>Groups</dt><dd>chosen automatically: every members-file column with at least 2 distinct values, at most 10 for 20 members"))
        #expect(html.contains("used here: country, the first for the cross-group figures."))
    }
}

/// `--skip-empty-periods`: daily data with a weekend gap compares Monday with Friday, and the
/// report says which comparison ran.
@Suite struct SkipEmptyPeriodsTests {
    @Test func mondayIsComparedWithFriday() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,name\na,A\nb,B\nc,C\n".write(to: folder.appendingPathComponent("members.csv"), atomically: true, encoding: .utf8)
        // Friday 2024-03-01: a–b and b–c; nothing on Saturday and Sunday; Monday 2024-03-04: a–b.
        try "source,target,timestamp\na,b,2024-03-01T10:00:00Z\nb,c,2024-03-01T11:00:00Z\na,b,2024-03-04T10:00:00Z\n"
            .write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        func analyze(_ flags: [String]) throws -> (time: [String: Any], timeline: [[String: Any]], stdout: String, html: String) {
            let out = folder.appendingPathComponent("out")
            let run = try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "json,html", "--period", "day"] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
            return (report["time"] as! [String: Any], report["timeline"] as! [[String: Any]], run.stdout,
                    try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8))
        }
        let every = try analyze([])
        #expect(every.time["periods"] as? Int == 4 && every.time["empty_periods_skipped"] as? Int == 0)
        #expect(every.time["compared_with"] as? String == "previous period")
        #expect(every.timeline.last?["retention"] is NSNull, "Monday against an empty Sunday")
        #expect(every.stdout.contains("each period compared with the previous period\n"))

        let skipped = try analyze(["--skip-empty-periods"])
        #expect(skipped.time["periods"] as? Int == 2 && skipped.time["empty_periods_skipped"] as? Int == 2)
        #expect(skipped.time["compared_with"] as? String == "previous period with records")
        #expect(skipped.timeline.map { $0["period_start"] as! String } == ["2024-03-01T00:00:00Z", "2024-03-04T00:00:00Z"])
        // Friday's active a, b, c; Monday's a, b: retention 2/3; a–b was there on Friday, so not new.
        #expect(skipped.timeline.last?["retention"] as? Double == 2.0 / 3.0)
        #expect(skipped.timeline.last?["new_tie_count"] as? Int == 0)
        #expect(skipped.stdout.contains("each period compared with the previous period with records (2 empty period(s) skipped, --skip-empty-periods)"))
        #expect(skipped.html.contains("2 periods without any record were left out (--skip-empty-periods)"))
    }
}
