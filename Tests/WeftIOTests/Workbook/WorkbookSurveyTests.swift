import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// Survey exports downloaded as .xlsx (Google Forms, SurveyMonkey, KoboToolbox; written by
/// make_workbooks.py from the tools' documented layouts with the answers of the CSV exports in
/// Survey/Exports) go through the same adapters and give the same rows as the CSV exports.
@Suite struct WorkbookSurveyTests {
    static let members = SurveyImportTests.members

    func run(_ path: String, _ format: SurveyFormat, configure: (inout SurveyImportSettings) -> Void = { _ in }) throws -> SurveyImport.Outcome {
        var settings = SurveyImportSettings(format: format)
        configure(&settings)
        let outcome = try SurveyImport(settings: settings).run(path: path, members: WorkbookSurveyTests.members)
        let x = outcome.extraction
        #expect(x.rowsRead == x.accepted + x.rejected, "rows read = accepted + rejected")
        return outcome
    }

    func rows(_ outcome: SurveyImport.Outcome) -> [String] {
        let ids = WorkbookSurveyTests.members.ids
        return outcome.rows.map { "\(ids[$0.respondent])>\(ids[$0.alter]) \($0.relation) \(CSVTableWriter.formatReal($0.value)) \($0.wave)" }
    }

    static func csv(_ name: String) -> String { SurveyImportTests.exports + "/" + name }

    @Test func googleFormsWorkbook() throws {
        let o = try run(SheetReaderTests.path("googleforms.xlsx"), .googleforms)
        #expect(rows(o) == ["m01>m02 advice 1 1", "m01>m03 advice 1 1", "m01>m05 collaboration 2 1", "m05>m01 advice 1 1",
                            "m05>m07 advice 1 1", "m05>m01 collaboration 3 1", "m08>m05 collaboration 4 1"])
        #expect(rows(o) == rows(try run(WorkbookSurveyTests.csv("googleforms.csv"), .googleforms)))
        #expect(o.extraction.rowsRead == 3 && o.extraction.rejected == 0)
    }

    @Test func surveyMonkeyWorkbookWithMergedQuestionCells() throws {
        let o = try run(SheetReaderTests.path("surveymonkey.xlsx"), .surveymonkey)
        #expect(rows(o) == ["m06>m01 advice 1 1", "m06>m05 advice 1 1", "m06>m10 trust 1 1", "m06>m01 collaboration 3 1",
                            "m06>m03 collaboration 2 1", "m10>m02 advice 1 1", "m10>m09 trust 1 1", "m10>m03 collaboration 4 1"])
        #expect(rows(o) == rows(try run(WorkbookSurveyTests.csv("surveymonkey.csv"), .surveymonkey)))
        #expect(o.extraction.rowsRead == 2 && o.extraction.rejected == 0)
    }

    @Test func koboWorkbookWithItsChoicesSheet() throws {
        let path = SheetReaderTests.path("kobo.xlsx")
        let expected = ["m03>m01 advice 1 1", "m03>m02 advice 1 1", "m03>m08 collaboration 1 1", "m03>m09 collaboration 1 1",
                        "m08>m05 advice 1 1", "m09>m10 collaboration 1 1"]
        // --choices kobo.xlsx#choices, as a user names it
        let choices = try KoboChoices.read(path: path + "#choices")
        #expect(choices == (try KoboChoices.read(path: WorkbookSurveyTests.csv("kobo-choices.csv"))))
        #expect(rows(try run(path, .kobo) { $0.choices = choices }) == expected)
        // no --choices: the workbook's own choices sheet is used
        let own = try run(path, .kobo)
        #expect(rows(own) == expected)
        #expect(own.matches.allSatisfy { $0.match.method != .unmatched })
        // the CSV export with the CSV choices gives the same rows
        let csvChoices = try KoboChoices.read(path: WorkbookSurveyTests.csv("kobo-choices.csv"))
        #expect(rows(try run(WorkbookSurveyTests.csv("kobo.csv"), .kobo) { $0.choices = csvChoices }) == expected)
        #expect(try KoboChoices.readOwnSheet(ofWorkbook: WorkbookSurveyTests.csv("kobo.csv")) == nil)
    }

    @Test func rejectsInASurveySheetNameTheCellByLetter() throws {
        let o = try run(SheetReaderTests.path("handmade.xlsx"), .long) { $0.relation = "advice" }
        #expect(o.extraction.rejects.map(\.location).contains { $0.hasSuffix("handmade.xlsx:R&D log:5:F") })
    }
}
