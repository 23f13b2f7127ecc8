import Foundation
import Testing

/// `weft diff OLD NEW`: every change it lists agrees with the two report.json files, a run
/// compared with itself has none, and the JSON validates against Schemas/diff.schema.json.
@Suite struct DiffCommandTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    func analyze(_ flags: [String]) throws -> URL {
        let out = try temporaryFolder()
        #expect(try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json"] + flags).status == 0)
        return out
    }

    func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    @Test func diffListsWhatChangedBetweenTwoMonths() throws {
        let may = try analyze(["--to", "2024-05-31"]), june = try analyze(["--to", "2024-06-30"])
        let file = try temporaryFolder().appendingPathComponent("diff.json")
        let run = try WeftRun(["diff", may.path, june.path, "--out", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let diff = try json(file)
        let validator = try JSONSchemaValidator(contentsOf: WeftRun.repository.appendingPathComponent("Schemas/diff.schema.json"))
        #expect(validator.validate(diff).isEmpty, "\(validator.validate(diff).prefix(5))")

        let old = try json(may.appendingPathComponent("report.json")), new = try json(june.appendingPathComponent("report.json"))
        #expect((diff["old"] as! [String: Any])["data_as_of"] as? String == (old["run"] as! [String: Any])["data_as_of"] as? String)
        // Figures: old, new and change as the two summaries give them.
        let figures = diff["figures"] as! [[String: Any]]
        let active = try #require(figures.first { $0["figure"] as? String == "active_members" })
        let a = (old["summary"] as! [String: Any])["active_members"] as! Int, b = (new["summary"] as! [String: Any])["active_members"] as! Int
        #expect(active["old"] as? Double == Double(a) && active["new"] as? Double == Double(b) && active["change"] as? Double == Double(b - a))
        // Segment moves: exactly the members whose segment differs.
        func segments(_ r: [String: Any]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (r["segment_members"] as! [[String: Any]]).map { ($0["member"] as! String, $0["segment"] as! String) })
        }
        let before = segments(old), after = segments(new)
        let moves = diff["segment_moves"] as! [[String: String]]
        #expect(moves.map { $0["id"]! } == after.keys.filter { before[$0] != nil && before[$0] != after[$0] }.sorted())
        #expect(moves.allSatisfy { before[$0["id"]!] == $0["from"] && after[$0["id"]!] == $0["to"] })
        #expect(!moves.isEmpty)
        // Ties: set differences of the two ties arrays.
        func ties(_ r: [String: Any]) -> Set<String> { Set((r["ties"] as! [[String: Any]]).map { "\($0["source"]!)>\($0["target"]!)" }) }
        let gained = (diff["ties_gained"] as! [[String: String]]).map { "\($0["source"]!)>\($0["target"]!)" }
        let lost = (diff["ties_lost"] as! [[String: String]]).map { "\($0["source"]!)>\($0["target"]!)" }
        #expect(Set(gained) == ties(new).subtracting(ties(old)))
        #expect(Set(lost) == ties(old).subtracting(ties(new)))
        #expect(diff["kept_tie_count"] as? Int == ties(new).intersection(ties(old)).count)
        #expect((diff["members_joined"] as! [String]).isEmpty && (diff["members_left"] as! [String]).isEmpty)
        #expect(run.stdout.contains("moved segment \(moves.count)"))
    }

    @Test func aRunComparedWithItselfHasNoChange() throws {
        let out = try analyze([])
        let file = try temporaryFolder().appendingPathComponent("diff.json")
        #expect(try WeftRun(["diff", out.path, out.appendingPathComponent("report.json").path, "--out", file.path]).status == 0)
        let diff = try json(file)
        #expect((diff["figures"] as! [[String: Any]]).allSatisfy { ($0["change"] as? Double).map { $0 == 0 } ?? ($0["change"] is NSNull) })
        for key in ["members_joined", "members_left", "segment_moves", "ties_gained", "ties_lost"] { #expect((diff[key] as! [Any]).isEmpty, "\(key)") }
    }

    @Test func aFileThatIsNotAReportIsAnError() throws {
        let folder = try temporaryFolder()
        try "{}".write(to: folder.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
        let run = try WeftRun(["diff", folder.path, folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("not a report.json of Weft's schema 1.x"))
    }
}
