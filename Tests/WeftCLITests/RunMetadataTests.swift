import Foundation
import Testing

/// report.json's `run` and input paths: the same data and flags give the same bytes however the
/// paths are typed, and the run says how it was pseudonymised.
@Suite struct RunMetadataTests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData")

    @Test func reportBytesDoNotDependOnHowPathsAreTyped() throws {
        let folder = try temporaryFolder()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: sampleData, to: data)
        // Relative paths from the folder above the data, then absolute paths from elsewhere.
        let relative = try WeftRun(["analyze", "data", "--out", "data/out", "--format", "json", "--to", "2024-06-30"], in: folder)
        #expect(relative.status == 0, "\(relative.stderr)")
        let first = try Data(contentsOf: data.appendingPathComponent("out/report.json"))
        let absolute = try WeftRun(["analyze", data.path, "--out", data.path + "/out", "--format", "json", "--to", "2024-06-30"],
                                   in: URL(fileURLWithPath: "/"))
        #expect(absolute.status == 0, "\(absolute.stderr)")
        #expect(try Data(contentsOf: data.appendingPathComponent("out/report.json")) == first)

        let report = try JSONSerialization.jsonObject(with: first) as! [String: Any]
        let inputs = report["inputs"] as! [[String: Any]]
        #expect(inputs.map { $0["path"] as! String } == ["members.csv", "interactions.csv", "attendance.csv", "survey.csv", "respondents.csv"])
        let run = try #require(report["run"] as? [String: Any])
        #expect(run["arguments"] as? [String] == ["analyze", ".", "--format", "json", "--to", "2024-06-30"])
        #expect(run["window_start"] is NSNull)
        #expect(run["window_end"] as? String == "2024-07-01T00:00:00Z")
        #expect(run["data_as_of"] as? String == String(((report["records"] as! [String: Any])["last_record"] as! String).prefix(10)))
        let pseudonymisation = run["pseudonymisation"] as! [String: Any]
        #expect(pseudonymisation["method"] as? String == "none")
        #expect(pseudonymisation["kept_attributes"] as? [String] == ["country", "organisation", "role", "cohort", "joined", "left", "governance"])
    }

    @Test func pseudonymisationIsRecordedAndUnkeyedPseudonymsAreWarnedAbout() throws {
        let key = try temporaryFolder().appendingPathComponent("key.txt")
        try "a-secret-key-of-32-characters-ok\n".write(to: key, atomically: true, encoding: .utf8)
        for (flags, method, warned) in [(["--pseudonymise"], "member_order", true),
                                        (["--pseudonymise", "--pseudonym-key-file", key.path, "--keep-attributes", "country"], "keyed", false)] {
            let out = try temporaryFolder()
            let run = try WeftRun(["analyze", sampleData.path, "--out", out.path, "--format", "json", "--pagerank-seeds", "m0002"] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
            let pseudonymisation = (report["run"] as! [String: Any])["pseudonymisation"] as! [String: Any]
            #expect(pseudonymisation["method"] as? String == method)
            #expect(pseudonymisation["kept_attributes"] as? [String] == (method == "keyed" ? ["country"] : []))
            let codes = ((report["summary"] as! [String: Any])["warnings"] as! [[String: Any]]).map { $0["code"] as! String }
            #expect(codes.contains("pseudonyms_per_run") == warned)
            #expect(run.stdout.contains("valid for this member list only") == warned)
            // The arguments name no member: --pagerank-seeds is left out under --pseudonymise.
            #expect(!((report["run"] as! [String: Any])["arguments"] as! [String]).contains("--pagerank-seeds"))
        }
    }
}
