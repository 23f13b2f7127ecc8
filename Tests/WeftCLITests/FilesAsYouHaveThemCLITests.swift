import Foundation
import Testing

/// `weft validate` and `weft analyze` on files as Excel and Teams save them (the fixtures of
/// Tests/WeftIOTests/Files, written by its make_*_fixtures.py scripts).
@Suite(.serialized) struct FilesAsYouHaveThemCLITests {
    static let encodings = WeftRun.repository.appendingPathComponent("Tests/WeftIOTests/Files/encodings").path

    func file(_ name: String) -> String { FilesAsYouHaveThemCLITests.encodings + "/" + name }

    @Test func validateNamesTheEncodingOfEveryFile() throws {
        let folder = try temporaryFolder()
        let run = try WeftRun(["validate", "--members", file("members-excel-windows-1252.csv"),
                               "--interactions", file("interactions-teams-utf16le.csv"), "--unknown-members", "reject",
                               "--rejects", folder.appendingPathComponent("rejects.csv").path])
        #expect(run.status == 0, "\(run.stderr)")
        let members = file("members-excel-windows-1252.csv")
        #expect(run.stdout.contains("members: \(members) (delimiter ';', encoding windows-1252, detected: not valid UTF-8 (line 2, column 7: byte 0xE9 is not valid UTF-8))"))
        #expect(run.stdout.contains("interactions: \(file("interactions-teams-utf16le.csv")) (delimiter tab, encoding utf-16le, detected)"))
        #expect(run.stdout.contains("total: rows read 9 = accepted 9 + rejected 0"))
        #expect(run.stdout.hasSuffix("note: \(members) is not valid UTF-8 (line 2, column 7: byte 0xE9 is not valid UTF-8); read as Windows-1252. If letters look wrong, name the encoding with --encoding.\n"))
    }

    @Test func aForcedEncodingThatDoesNotFitIsAnErrorAtTheFirstBadByte() throws {
        let run = try WeftRun(["validate", "--members", file("members-excel-windows-1252.csv"), "--encoding", "utf-8"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("members-excel-windows-1252.csv:2:7: not valid UTF-8: byte 0xE9 is not valid UTF-8"))
        let forced = try WeftRun(["validate", "--members", file("members-excel-windows-1252.csv"), "--encoding", "windows-1252",
                                  "--rejects", try temporaryFolder().appendingPathComponent("r.csv").path])
        #expect(forced.status == 0 && forced.stdout.contains("encoding windows-1252, as given by --encoding)"))
        #expect(try WeftRun(["validate", "--members", file("members-utf8.csv"), "--encoding", "ebcdic"]).status == 2)
    }

    @Test func reportJSONRecordsEachInputsEncoding() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", "--members", file("members-excel-unicode-text.txt"),
                               "--interactions", file("interactions-excel-windows-1252.csv"), "--out", out.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let inputs = try #require(report?["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["encoding"] as? String } == ["utf-16le", "windows-1252"])
        #expect(inputs.map { $0["delimiter"] as? String } == ["tab", ";"])
    }

    // MARK: members named by email or name (Tests/WeftIOTests/Files/names, make_name_fixtures.py)

    static let names = WeftRun.repository.appendingPathComponent("Tests/WeftIOTests/Files/names").path

    func named(_ name: String) -> String { FilesAsYouHaveThemCLITests.names + "/" + name }

    @Test func validateResolvesNamesAndWritesNothingUnlessAsked() throws {
        let folder = try temporaryFolder()
        let run = try WeftRun(["validate", "--members", named("members.csv"), "--interactions", named("interactions-by-name.csv"),
                               "--attendance", named("attendance-by-email.csv")], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("members named by email or name in records (distinct texts): email 6, name 7, fuzzy 1, review 1, ambiguous 2, unmatched 1"))
        #expect(run.stdout.contains("3 name(s) wait for a decision in match-review.csv; their 3 row(s) are rejected until then:"))
        #expect(run.stdout.contains("warning: 3 row(s) name 3 person(s) who could be more than one member"))
        #expect(!run.stdout.contains("Rejected rows written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)   // no file unless asked

        let review = folder.appendingPathComponent("review")
        let asked = try WeftRun(["validate", "--members", named("members.csv"), "--interactions", named("interactions-by-name.csv"),
                                 "--match-report", review.path])
        #expect(asked.status == 0, "\(asked.stderr)")
        let reviewFile = try String(contentsOf: review.appendingPathComponent("match-review.csv"), encoding: .utf8)
        let lines = reviewFile.split(separator: "\n").map(String.init)
        #expect(lines[0] == "text,status,occurrences,first_seen,candidate_id,candidate_name,score,second_id,second_name,second_score,decision")
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["F\u{FFFD}tima Concei\u{FFFD}\u{FFFD}o,review", "Mensah,ambiguous", "J. Mensah,ambiguous", "Guest Speaker,unmatched"])
        let report = try String(contentsOf: review.appendingPathComponent("match-report.csv"), encoding: .utf8)
        #expect(report.contains("interactions target,Kwame A. (Kwame Asante),1,"))
    }

    @Test func analyzeWritesTheMatchFilesAndAppliesTheirDecisionsOnTheNextRun() throws {
        let out = try temporaryFolder()
        let arguments = ["analyze", "--members", named("members.csv"), "--interactions", named("interactions-by-name.csv"),
                         "--out", out.path, "--format", "csv"]
        let first = try WeftRun(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rows read 17 = accepted 14 + rejected 3"))
        let reviewPath = out.appendingPathComponent("match-review.csv")
        let review = try String(contentsOf: reviewPath, encoding: .utf8)
        // The person decides: both Mensahs are Joseph, and the candidate for the name with lost
        // letters is right (the decision column is the last).
        let decided = review.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("Mensah,") || line.hasPrefix("J. Mensah,") ? line + "m05" : line.hasPrefix("F\u{FFFD}tima") ? line + "accept" : String(line)
        }.joined(separator: "\n")
        try decided.write(to: reviewPath, atomically: true, encoding: .utf8)
        let second = try WeftRun(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("rows read 17 = accepted 17 + rejected 0"))
        #expect(second.stdout.contains("3 review decision(s) applied"))
        // Decided rows are kept when the file is written again.
        let kept = try String(contentsOf: reviewPath, encoding: .utf8)
        let rows = kept.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["F\u{FFFD}tima Concei\u{FFFD}\u{FFFD}o,decided", "Mensah,decided", "J. Mensah,decided", "Guest Speaker,unmatched"])
        #expect(rows[0].hasSuffix(",m03") && rows[1].hasSuffix(",m05") && rows[2].hasSuffix(",m05"))
        // With --pseudonymise the files holding typed names are not written.
        let hidden = try temporaryFolder()
        let pseudonymised = try WeftRun(["analyze", "--members", named("members.csv"), "--interactions", named("interactions-by-name.csv"),
                                         "--out", hidden.path, "--format", "csv", "--pseudonymise"])
        #expect(pseudonymised.status == 0, "\(pseudonymised.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hidden.appendingPathComponent("match-review.csv").path))
        #expect(pseudonymised.stdout.contains("are not written with --pseudonymise"))
    }

    @Test func aFileWhoseEveryRowIsRejectedFailsTheRunNamingTheCommonestReason() throws {
        let folder = try temporaryFolder()
        let interactions = folder.appendingPathComponent("interactions.csv").path
        try "source,target,timestamp\na,b,yesterday\nc,d,tomorrow\ne,f,2024-01-01T00:00:00Z\n".write(toFile: interactions, atomically: true, encoding: .utf8)
        let half = try WeftRun(["validate", "--interactions", interactions])
        #expect(half.status == 0)
        #expect(half.stdout.contains("warning: \(interactions): 2 of 3 rows were rejected; most often: "))
        try "source,target,timestamp\na,b,yesterday\nc,d,tomorrow\n".write(toFile: interactions, atomically: true, encoding: .utf8)
        for command in ["validate", "analyze"] {
            let run = try WeftRun([command, "--interactions", interactions] + (command == "analyze" ? ["--out", folder.appendingPathComponent("out").path] : []))
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr.contains("error: \(interactions): all 2 row(s) rejected; most often: "), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/report.json").path))
    }
}
