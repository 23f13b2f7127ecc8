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
                        "communities", "core-periphery", "structure (groups, structural holes, brokerage)", "segments", "report model"]
        let written = ["layout", "write summary.json", "write network.json", "write report.html", "write members.csv",
                       "write communities.csv", "write timeline.csv", "write ties.csv", "write segments.csv", "write transitions.csv",
                       "write rejects.csv", "write network.graphml", "write network.gexf"]
        // The segments stage lists its snapshots (the main one first) and the k-means check inside it.
        let names = stages.map { $0["stage"] as! String }
        let inSegments = names.filter { $0.hasPrefix("segments: ") }
        #expect(inSegments.count >= 3 && inSegments.last == "segments: k-means check")
        #expect(inSegments.dropLast().allSatisfy { $0.hasPrefix("segments: snapshot to 20") })
        #expect(names.firstIndex(of: inSegments[0]) == names.firstIndex(of: "segments")! + 1)
        #expect(names.filter { !$0.hasPrefix("segments: ") } == measured + written)
        let segmentsStage = stages[names.firstIndex(of: "segments")!]
        let inner = stages.filter { ($0["stage"] as! String).hasPrefix("segments: ") }
        #expect(inner.reduce(0) { $0 + ($1["seconds"] as! Double) } <= segmentsStage["seconds"] as! Double)
        #expect(inner.allSatisfy { ($0["peak_resident_bytes"] as! Int) <= segmentsStage["peak_resident_bytes"] as! Int })
        #expect(stages.allSatisfy { ($0["seconds"] as! Double) >= 0 })
        #expect(["stage", "process"].contains(timings["peak_scope"] as? String))
        // A stage's peak is a resident set: at least the megabyte any process holds, below the machine's memory.
        #expect(stages.allSatisfy { (1 << 20 ..< 1 << 40).contains($0["peak_resident_bytes"] as! Int) })

        // The printed table lists the same stages and report.json's own writing, then the total.
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage") && $0.hasSuffix("seconds  peak MiB") })
        #expect(lines[(header + 1)...].prefix(stages.count + 1).filter { !$0.hasPrefix("  ") }.map { $0.components(separatedBy: "  ").first! }
                == measured + written + ["write report.json"])
        #expect(lines[(header + 1)...].prefix(stages.count + 1).filter { $0.hasPrefix("  ") }.map {
            $0.dropFirst(2).components(separatedBy: "  ").first!
        } == inSegments.map { String($0.dropFirst("segments: ".count)) })
        #expect(lines[header + 2 + stages.count].hasPrefix("total"))

        // Without the flag nothing is measured, and every output but report.json is the same.
        let untimed = try JSONSerialization.jsonObject(with: Data(contentsOf: plain.appendingPathComponent("report.json"))) as! [String: Any]
        #expect((untimed["measures"] as! [String: Any])["timings"] is NSNull)
        for name in ["summary.json", "network.json", "report.html", "members.csv", "segments.csv", "ties.csv", "network.gexf"] {
            #expect(try Data(contentsOf: timed.appendingPathComponent(name)) == Data(contentsOf: plain.appendingPathComponent(name)), "\(name)")
        }
    }

    /// `weft metrics`, `segments`, `timeline` and `ties` print their stages on standard error, and
    /// what they write does not change.
    @Test(arguments: [
        (["metrics"], ["read", "build network", "time", "network summary and degree", "k-core", "write the member table"]),
        (["segments"], ["read", "segments", "  k-means check", "write segments.csv"]),
        (["timeline"], ["read", "build network", "time", "write the table"]),
        (["ties"], ["read", "build network", "time", "write the table"]),
    ])
    func theOtherCommandsPrintTheirStages(command: [String], stages: [String]) throws {
        let timed = try WeftRun(command + [sampleData, "--timings"])
        let plain = try WeftRun(command + [sampleData])
        #expect(timed.status == 0 && plain.status == 0, "\(timed.stderr)")
        #expect(timed.stdout == plain.stdout)
        let lines = timed.stderr.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("stage") && $0.hasSuffix("seconds  peak MiB") })
        let table = lines[(header + 1)...].prefix { !$0.hasPrefix("total") }
        let names = table.map { line in
            let indent = line.prefix { $0 == " " }
            return String(indent) + line.dropFirst(indent.count).components(separatedBy: "  ").first!
        }
        for stage in stages { #expect(names.contains(stage), "\(stage) in \(names)") }
        #expect(table.allSatisfy { $0.range(of: #"\d+\.\d{3}\s+\d+\.\d$"#, options: .regularExpression) != nil })
        #expect(lines.contains { $0.hasPrefix("total") })
    }
}
