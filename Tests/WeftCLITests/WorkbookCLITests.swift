import Foundation
import Testing

/// `weft validate`, `weft analyze` and `weft survey import` on .xlsx workbooks (the fixtures of
/// Tests/WeftIOTests/Workbook/Workbooks, written by make_workbooks.py beside them).
@Suite(.serialized) struct WorkbookCLITests {
    static let workbooks = WeftRun.repository.appendingPathComponent("Tests/WeftIOTests/Workbook/Workbooks").path

    func file(_ name: String) -> String { WorkbookCLITests.workbooks + "/" + name }

    @Test func validateNamesTheSheetAndTheCell() throws {
        let folder = try temporaryFolder()
        let run = try WeftRun(["validate", "--members", file("members-libreoffice.xlsx"),
                               "--interactions", file("interactions-libreoffice.xlsx"),
                               "--rejects", folder.appendingPathComponent("rejects.csv").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("members: \(file("members-libreoffice.xlsx")):Roster (sheet 'Roster')"))
        #expect(run.stdout.contains("  rows read 6 = accepted 5 + rejected 1"))
        #expect(run.stdout.contains("\(file("members-libreoffice.xlsx")):Roster:8:A: member id is empty"))
        #expect(run.stdout.contains("\(file("interactions-libreoffice.xlsx")):interactions:5:B: self-loop"))
        #expect(run.stdout.contains("total: rows read 10 = accepted 8 + rejected 2"))
    }

    @Test func aBinaryWorkbookStopsTheRunSayingWhatToDo() throws {
        let run = try WeftRun(["validate", "--members", file("members.xls")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("members.xls: this is a binary Excel workbook (.xls)"))
        #expect(run.stderr.contains("save it as .xlsx (without a password) or as CSV"))
        let sheet = try WeftRun(["validate", "--members", file("members-openpyxl.xlsx") + "#Missing"])
        #expect(sheet.status == 1 && sheet.stderr.contains("no sheet named 'Missing' (the workbook's sheets: Roster, Notes)"))
    }

    @Test func reportJSONRecordsTheSheet() throws {
        let out = try temporaryFolder()
        let run = try WeftRun(["analyze", "--members", file("members-openpyxl.xlsx") + "#Roster",
                               "--interactions", file("dates-1904.xlsx"), "--out", out.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let inputs = try #require(report?["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["sheet"] as? String } == ["Roster", "Log"])
        #expect(inputs.map { $0["delimiter"] as? String } == ["none", "none"])
    }

    @Test func surveyImportReadsAKoboWorkbookWithItsChoices() throws {
        let out = try temporaryFolder()
        let members = WeftRun.repository.appendingPathComponent("Tests/WeftIOTests/Survey/Exports/members.csv").path
        let run = try WeftRun(["survey", "import", file("kobo.xlsx"), "--format", "kobo", "--members", members, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let long = try String(contentsOf: out.appendingPathComponent("survey.csv"), encoding: .utf8)
        #expect(long == """
            respondent,alter,relation,value,wave
            m03,m01,advice,1,1
            m03,m02,advice,1,1
            m03,m08,collaboration,1,1
            m03,m09,collaboration,1,1
            m08,m05,advice,1,1
            m09,m10,collaboration,1,1

            """)
    }
}
