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
}
