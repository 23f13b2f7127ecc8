import Foundation
import Testing

/// report.json's `summary` and summary.json (`--format summary`): each headline figure equals the
/// figure it restates elsewhere in report.json (so a dashboard reads, never recomputes), and the
/// partial-last-period warning states the exact coverage.
@Suite struct SummaryTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    func analyze(_ flags: [String]) throws -> (report: [String: Any], summaryFile: [String: Any], out: URL) {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json,summary"] + flags)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        return (report, file, out)
    }

    /// Equal to 1e-15 relative: the file holds the shortest round-trip digits, but Foundation's
    /// JSONSerialization on Linux can parse them one unit in the last place off.
    func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let x = value as? Double else { return false }
        return abs(x - expected) <= 1e-15 * max(1, abs(expected))
    }

    @Test func summaryRestatesTheReport() throws {
        let (report, file, _) = try analyze(["--group-by", "country"])
        let summary = try #require(report["summary"] as? [String: Any])
        let membership = report["membership"] as! [String: Int]
        let network = report["network"] as! [String: Any]
        #expect(summary["members"] as? Int == membership["total"])
        #expect(summary["active_members"] as? Int == membership["active"])
        #expect(close(summary["active_share"], Double(membership["active"]!) / Double(membership["total"]!)))
        #expect(summary["average_connections"] as? Double == network["average_neighbours"] as? Double)
        #expect(summary["density"] as? Double == network["density"] as? Double)
        #expect(summary["isolates"] as? Int == network["isolates"] as? Int)

        let last = try #require((report["timeline"] as? [[String: Any]])?.last)
        #expect(summary["retention"] as? Double == last["retention"] as? Double)
        #expect(summary["last_period_start"] as? String == last["period_start"] as? String)
        #expect(summary["new_tie_count"] as? Int == last["new_tie_count"] as? Int)
        #expect(summary["last_period_tie_count"] as? Int == last["tie_count"] as? Int)
        #expect(close(summary["new_tie_share"], Double(last["new_tie_count"] as! Int) / Double(last["tie_count"] as! Int)))

        let time = report["time"] as! [String: Any]
        let threshold = time["tie_threshold"] as! Double
        let ties = report["ties"] as! [[String: Any]]
        #expect(summary["strong_tie_count"] as? Int == ties.filter { ($0["decayed_strength"] as! Double) >= threshold }.count)

        // Cross-country ties: the off-diagonal cells of the mixing matrix over all its cells
        // (directed network: each tie counted once).
        let cross = try #require(summary["cross_group"] as? [String: Any])
        let country = (report["groups"] as! [String: Any])["country"] as! [String: Any]
        let cells = (country["mixing"] as! [String: Any])["cells"] as! [[Int]]
        let across = cells.filter { $0[0] != $0[1] }.map { $0[2] }.reduce(0, +), all = cells.map { $0[2] }.reduce(0, +)
        #expect(cross["attribute"] as? String == "country")
        #expect(cross["crossing_tie_count"] as? Int == across)
        #expect(cross["grouped_tie_count"] as? Int == all)
        #expect(close(cross["share"], Double(across) / Double(all)))
        #expect(cross["ei_index"] as? Double == country["ei_index"] as? Double)
        #expect(cross["expected_ei_index"] as? Double == country["expected_ei_index"] as? Double)

        // Segments in rank order with the counts and shares of report.json's segments; movement
        // from the last snapshot.
        let segments = report["segments"] as! [String: Any]
        let shares = try #require(summary["segments"] as? [[String: Any]])
        #expect(shares.map { $0["segment"] as! String } == segments["segments"] as! [String])
        let counts = segments["counts"] as! [String: Int]
        #expect(shares.allSatisfy { $0["members"] as? Int == counts[$0["segment"] as! String] })
        #expect(shares.map { $0["members"] as! Int }.reduce(0, +) == membership["total"])
        let overTime = segments["over_time"] as! [[String: Any]]
        let movement = try #require(summary["movement"] as? [String: Any])
        #expect(movement["to"] as? String == overTime.last?["window_end"] as? String)
        #expect(movement["from"] as? String == overTime[overTime.count - 2]["window_end"] as? String)
        let moves = overTime.last?["movements"] as! [String: Int]
        for key in ["stayed", "up", "down", "left", "joined", "outside"] { #expect(movement[key] as? Int == moves[key], "\(key)") }
        // The survey in the data is analysed beside the records: its last wave's response.
        let lastWave = try #require(((report["survey"] as? [String: Any])?["response_by_wave"] as? [[String: Any]])?.last)
        let rate = try #require(summary["survey"] as? [String: Any])
        for key in ["wave", "respondents", "members", "response_rate", "confidence"] {
            #expect((rate[key] as? NSObject) == (lastWave[key] as? NSObject), "\(key)")
        }

        // summary.json: the same summary, with the run's identity.
        #expect(NSDictionary(dictionary: file["summary"] as! [String: Any]).isEqual(to: summary))
        #expect(Set(file.keys) == ["schema_version", "generator", "window", "summary"])
        #expect(file["schema_version"] as? String == report["schema_version"] as? String)
    }

    @Test func aPartialLastPeriodIsWarnedAbout() throws {
        // --to 2023-06-15 is inclusive: the data stop at the end of 15 June, half way through June.
        let (report, _, _) = try analyze(["--to", "2023-06-15"])
        let warnings = try #require((report["summary"] as? [String: Any])?["warnings"] as? [[String: Any]])
        let partial = try #require(warnings.first { $0["code"] as? String == "partial_last_period" })
        #expect(partial["severity"] as? String == "warning")
        #expect(partial["file"] is NSNull)
        #expect(partial["message"] as? String == "The last period (2023-06-01 to 2023-06-30) is partial: the data ends on 2023-06-15, 50% of the way through it, so its activity, ties and retention read low against full periods.")

        // A window ending on a period's last day leaves no partial period.
        let (whole, _, _) = try analyze(["--to", "2023-06-30"])
        let none = (whole["summary"] as! [String: Any])["warnings"] as! [[String: Any]]
        #expect(!none.contains { $0["code"] as? String == "partial_last_period" })
    }

    @Test func anEmptyWindowAndASurveyLayerSayWhatIsMissing() throws {
        let (empty, _, _) = try analyze(["--from", "2031-01-01"])
        let summary = empty["summary"] as! [String: Any]
        // The survey (analysed beside the records, whatever the window) still warns of its response.
        #expect((summary["warnings"] as! [[String: Any]]).map { $0["code"] as! String } == ["no_records_in_window", "low_survey_response"])
        for key in ["retention", "new_tie_share", "strong_tie_count", "movement", "last_period_start"] { #expect(summary[key] is NSNull, "\(key)") }
        #expect((summary["segments"] as! [Any]).isEmpty)

        let (survey, _, _) = try analyze(["--network", "survey:advice"])
        let rates = try #require((survey["summary"] as! [String: Any])["survey"] as? [String: Any])
        let layer = survey["survey"] as! [String: Any]
        for key in ["wave", "respondents", "members", "response_rate", "confidence"] {
            #expect((rates[key] as? NSObject)?.isEqual(layer[key]) == true, "\(key)")
        }
    }

    /// The inputs' warnings (here: an encoding assumed for a Windows-1252 file) come first in the
    /// summary's warnings, with the file they concern.
    @Test func ingestWarningsJoinTheSummary() throws {
        let folder = try temporaryFolder()
        try Data("id,name\na,Ren\u{E9}\nb,Zo\u{EB}\n".unicodeScalars.map { UInt8($0.value) })
            .write(to: folder.appendingPathComponent("members.csv"))
        try "source,target,timestamp\na,b,2024-01-01\nb,a,2024-01-31\n".write(to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try WeftRun(["analyze", folder.path, "--out", out.path, "--format", "summary"])
        #expect(run.status == 0, "\(run.stderr)")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let warnings = (file["summary"] as! [String: Any])["warnings"] as! [[String: Any]]
        #expect(warnings.map { $0["code"] as! String } == ["encoding_assumed"])
        #expect(warnings.first?["severity"] as? String == "info")
        #expect((warnings.first?["file"] as? String)?.hasSuffix("members.csv") == true)
        #expect(run.stdout.contains("note: "))
    }
}
