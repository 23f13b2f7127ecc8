import Foundation
import Testing

/// The time and structure commands on real data: the timeline of Coleman's two-wave friendship
/// network against NetworkX's counts (Tests/WeftAnalysisTests/Fixtures/longitudinal), and the
/// ties, QAP and analyze outputs on the sample network.
@Suite(.serialized) struct TimeAndStructureCLITests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path
    let coleman = WeftRun.repository.appendingPathComponent("Tests/WeftAnalysisTests/Fixtures/longitudinal")

    /// A CSV table without quoted cells as dictionaries by column name.
    func table(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func close(_ text: String?, _ value: Double) -> Bool {
        guard let text, let x = Double(text) else { return false }
        return abs(x - value) <= 1e-12 * max(1, abs(value))
    }

    @Test(arguments: [false, true])
    func timelineOfTheColemanWavesMatchesNetworkX(_ undirected: Bool) throws {
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: coleman.appendingPathComponent("reference.json"))) as! [String: Any]
        let waves = reference["waves"] as! [[String: Any]]
        let pair = (reference["pairs"] as! [[String: Any]])[0][undirected ? "undirected" : "directed"] as! [String: Any]
        let run = try WeftRun(["timeline", "--members", coleman.appendingPathComponent("members.csv").path,
                               "--interactions", coleman.appendingPathComponent("interactions.csv").path,
                               "--period", "quarter"] + (undirected ? ["--undirected"] : []))
        #expect(run.status == 0, "\(run.stderr)")
        let rows = table(run.stdout)
        try #require(rows.count == 2)
        #expect(rows.map { $0["period_start"] } == ["2020-01-01T00:00:00Z", "2020-04-01T00:00:00Z"])
        for (row, wave) in zip(rows, waves) {
            #expect(Int(row["tie_count"]!) == wave[undirected ? "undirected_ties" : "directed_ties"] as? Int)
            #expect(Int(row["active_members"]!) == wave["active_members"] as? Int)
            #expect(Int(row["components"]!) == wave["weak_components"] as? Int)
            #expect(close(row["transitivity"], wave["transitivity_undirected"] as! Double))
            #expect(close(row["largest_component_share"], wave["largest_component_share"] as! Double))
            if undirected {
                #expect(row["reciprocity"] == "")
            } else {
                #expect(close(row["density"], wave["density"] as! Double))
                #expect(close(row["reciprocity"], wave["reciprocity"] as! Double))
            }
        }
        #expect(Int(rows[1]["new_tie_count"]!) == pair["new"] as? Int)
        #expect(Int(rows[1]["kept_tie_count"]!) == pair["kept"] as? Int)
        #expect(Int(rows[1]["dropped_tie_count"]!) == pair["dropped"] as? Int)
        #expect(close(rows[1]["turnover"], pair["jaccard"] as! Double))
        #expect(rows[0]["turnover"] == "")
    }

    @Test func analyzeWritesTheTimeAndStructureOutputs() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--period", "quarter"])
        #expect(run.status == 0, "\(run.stderr)")
        let timeline = table(try String(contentsOf: out.appendingPathComponent("timeline.csv"), encoding: .utf8))
        #expect(timeline.count == 12)   // 2022–2024 by quarter
        #expect(timeline.allSatisfy { Int($0["active_members"]!)! > 0 && !$0["ei_index"]!.isEmpty })
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect((report["timeline"] as! [[String: Any]]).count == 12)
        let time = try #require(report["time"] as? [String: Any])
        #expect(time["period"] as? String == "quarter" && time["periods"] as? Int == 12)
        let ties = try String(contentsOf: out.appendingPathComponent("ties.csv"), encoding: .utf8).split(separator: "\n")
        #expect(ties.count - 1 == time["tie_count"] as? Int)
        #expect((report["ties"] as! [Any]).count == ties.count - 1)
        // The planted crew and country clusters: a clear core, positive country assortativity.
        let core = try #require(report["core_periphery"] as? [String: Any])
        #expect((core["correlation"] as! Double) > 0.3 && (core["core_size"] as! Int) > 10)
        #expect(report["primary_group"] as? String == "country")
        let country = try #require((report["groups"] as? [String: Any])?["country"] as? [String: Any])
        #expect((country["assortativity"] as! Double) > 0)
        let mixing = try #require(country["mixing"] as? [String: Any])
        #expect((mixing["labels"] as! [String]).count == 24)
        // Sparse cells: [a, b, ties], non-zero, in (a, b) order; the diagonal holds the ties
        // inside each country (directed ties here, each counted once).
        let cells = try #require(mixing["cells"] as? [[Int]])
        #expect(cells.allSatisfy { $0.count == 3 && (0..<24).contains($0[0]) && (0..<24).contains($0[1]) && $0[2] > 0 })
        #expect(zip(cells, cells.dropFirst()).allSatisfy { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let perGroup = try #require(country["per_group"] as? [[String: Any]])
        #expect(perGroup.map { $0["group"] as! String } == mixing["labels"] as! [String])
        let inside = perGroup.map { $0["internal_tie_count"] as! Int }.reduce(0, +)
        #expect(cells.filter { $0[0] == $0[1] }.map { $0[2] }.reduce(0, +) == inside)
        let brokerage = try #require(report["brokerage"] as? [String: Any])
        #expect(Set((brokerage["roles"] as! [String: Any]).keys) == ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"])
        let drifting = time["drifting_away"] as! [[String: Any]]
        #expect(drifting.count == 20)
    }

    @Test func pseudonymisedTiesAndTimelineHideIds() throws {
        let ties = try WeftRun(["ties", sampleData, "--pseudonymise"])
        #expect(ties.status == 0, "\(ties.stderr)")
        #expect(!ties.stdout.contains("m0001") && ties.stdout.contains("p0001"))
        let plain = try WeftRun(["ties", sampleData])
        #expect(plain.stdout.split(separator: "\n").count == ties.stdout.split(separator: "\n").count)
    }

    @Test func qapIsSeededAndWritesJSON() throws {
        let folder = try temporaryFolder()
        var outputs: [String] = []
        for name in ["a.json", "b.json"] {
            let run = try WeftRun(["qap", sampleData, "--dependent", "type:call", "--predictor", "type:message",
                                   "--predictor", "same:country", "--permutations", "99", "--seed", "5",
                                   "--out", folder.appendingPathComponent(name).path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("MR-QAP"))
            outputs.append(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1])
        let result = try JSONSerialization.jsonObject(with: Data(outputs[0].utf8)) as! [String: Any]
        let terms = (result["regression"] as! [String: Any])["terms"] as! [[String: Any]]
        #expect(terms.count == 2 && terms.allSatisfy { ($0["p_absolute"] as! Double) >= 0.01 && ($0["p_absolute"] as! Double) <= 1 })
        #expect(try WeftRun(["qap", sampleData, "--dependent", "type:nosuch", "--predictor", "all"]).status == 2)
        #expect(try WeftRun(["qap", sampleData, "--dependent", "bogus", "--predictor", "all"]).status == 2)
    }
}
