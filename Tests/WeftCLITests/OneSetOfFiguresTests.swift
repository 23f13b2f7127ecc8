import Foundation
import Testing

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

    /// Below 80% response the report says not to name individuals: a survey-layer report then
    /// shows no member id or name in any table, label or tooltip.
    @Test func aSurveyReportBelowTheThresholdNamesNobody() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--network", "survey:advice", "--out", out.path, "--format", "html,json"])
        #expect(run.status == 0, "\(run.stderr)")
        let survey = try json(out.appendingPathComponent("report.json"))["survey"] as! [String: Any]
        #expect(survey["confidence"] as? String != "all uses")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Members are not named"))
        let members = try String(contentsOf: URL(fileURLWithPath: sampleData + "/members.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for row in members {
            #expect(!html.contains(">\(row[0])<") && !html.contains(String(row[0]) + " —") && !html.contains("<title>\(row[0])"), "id \(row[0])")
            #expect(!html.contains(String(row[1])), "name \(row[1])")
        }
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
