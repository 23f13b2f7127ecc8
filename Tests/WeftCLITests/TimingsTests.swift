import Foundation
import Testing

/// `weft analyze --timings`: every stage is timed, printed and recorded in report.json, and the
/// other outputs do not change.
@Suite struct TimingsTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    @Test func everyStageIsTimedAndNothingElseChanges() throws {
        let timed = try temporaryFolder(), plain = try temporaryFolder()
        let run = try WeftRun(["analyze", sampleData, "--out", timed.path, "--format", "all", "--timings"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try WeftRun(["analyze", sampleData, "--out", plain.path, "--format", "all"]).status == 0)

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: timed.appendingPathComponent("report.json"))) as! [String: Any]
        let timings = try #require((report["measures"] as! [String: Any])["timings"] as? [String: Any])
        let stages = timings["stages"] as! [[String: Any]]
        let measured = ["read", "build network", "time", "network summary and degree", "betweenness", "closeness", "path statistics",
                        "eigenvector", "pagerank", "katz", "hits", "clustering", "k-core",
                        "structure (communities, groups, core-periphery, brokerage)", "segments", "report model"]
        let written = ["layout", "write summary.json", "write network.json", "write report.html", "write members.csv",
                       "write communities.csv", "write timeline.csv", "write ties.csv", "write segments.csv", "write transitions.csv",
                       "write rejects.csv", "write network.graphml", "write network.gexf"]
        #expect(stages.map { $0["stage"] as! String } == measured + written)
        #expect(stages.allSatisfy { ($0["seconds"] as! Double) >= 0 })
        #expect(["stage", "process"].contains(timings["peak_scope"] as? String))
        // A stage's peak is a resident set: at least the megabyte any process holds, below the machine's memory.
        #expect(stages.allSatisfy { (1 << 20 ..< 1 << 40).contains($0["peak_resident_bytes"] as! Int) })

        // The printed table lists the same stages and report.json's own writing, then the total.
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage") && $0.hasSuffix("seconds  peak MiB") })
        #expect(lines[(header + 1)...].prefix(stages.count + 1).map { $0.components(separatedBy: "  ").first! }
                == measured + written + ["write report.json"])
        #expect(lines[header + 2 + stages.count].hasPrefix("total"))

        // Without the flag nothing is measured, and every output but report.json is the same.
        let untimed = try JSONSerialization.jsonObject(with: Data(contentsOf: plain.appendingPathComponent("report.json"))) as! [String: Any]
        #expect((untimed["measures"] as! [String: Any])["timings"] is NSNull)
        for name in ["summary.json", "network.json", "report.html", "members.csv", "segments.csv", "ties.csv", "network.gexf"] {
            #expect(try Data(contentsOf: timed.appendingPathComponent(name)) == Data(contentsOf: plain.appendingPathComponent(name)), "\(name)")
        }
    }
}
