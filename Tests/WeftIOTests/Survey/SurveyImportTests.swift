import Foundation
import Testing
@testable import WeftIO
import WeftGraph

/// The realistic exports in Exports/ (one per supported tool), converted and checked row by row.
@Suite struct SurveyImportTests {
    static let exports = Bundle.module.url(forResource: "Exports", withExtension: nil)!.path
    static let members = try! DatasetLoader().load(InputPaths(members: exports + "/members.csv")).members

    func run(_ file: String, _ format: SurveyFormat, decisions: [ReviewDecision] = [],
             configure: (inout SurveyImportSettings) -> Void = { _ in }) throws -> SurveyImport.Outcome {
        var settings = SurveyImportSettings(format: format)
        configure(&settings)
        let outcome = try SurveyImport(settings: settings).run(path: SurveyImportTests.exports + "/" + file,
                                                               members: SurveyImportTests.members, decisions: decisions)
        let x = outcome.extraction
        #expect(x.rowsRead == x.accepted + x.rejected, "rows read = accepted + rejected")
        return outcome
    }

    /// The long rows as "respondent>alter relation value wave".
    func rows(_ outcome: SurveyImport.Outcome) -> [String] {
        let ids = SurveyImportTests.members.ids
        return outcome.rows.map { "\(ids[$0.respondent])>\(ids[$0.alter]) \($0.relation) \(CSVTableWriter.formatReal($0.value)) \($0.wave)" }
    }

    func method(_ outcome: SurveyImport.Outcome, _ text: String) -> MatchMethod? {
        outcome.matches.first { $0.text == text }?.match.method
    }

    @Test func longForm() throws {
        let o = try run("long.csv", .long)
        #expect(rows(o) == ["m01>m02 advice 3 baseline", "m01>m03 advice 3 baseline", "m02>m06 collaboration 1 baseline",
                            "m01>m02 advice 4 follow-up"])
        #expect(o.extraction.rejects.map(\.location) == ["long.csv:8:4", "long.csv:9:1"].map { SurveyImportTests.exports + "/" + $0 })
        #expect(o.extraction.rejects[0].reason.contains("'Fortnightly'"))
        #expect(o.selfNominations == 2)             // "Silva, Ana" named by ana.silva@…, m02 naming Jose Ramirez
        #expect(o.unresolvedNominations == 3)       // Bob Smith, "m01,m02", W. Kamau (waiting for review)
        #expect(method(o, "Prof. Wanjiru Kamau") == .name)
        #expect(method(o, "Fatima Alhassan") == .fuzzy)
        #expect(method(o, "W. Kamau") == .review)
        #expect(method(o, "Bob Smith") == .unmatched)
        #expect(method(o, "m01") == nil, "exact ids are not listed")
        #expect(o.respondents.count == 7)
    }

    @Test func wideNameGenerator() throws {
        let o = try run("wide.csv", .wide)
        #expect(rows(o) == ["m01>m02 advice 1 1", "m01>m03 advice 1 1", "m01>m05 collaboration 1 1", "m02>m01 advice 1 1",
                            "m02>m03 advice 1 1", "m02>m04 collaboration 1 1", "m03>m07 advice 1 1"])
        #expect(o.mergedDuplicates == 1)            // jose named "ana silva" and "Ana Silva"
        #expect(method(o, "Kamau Wanjiru") == .name)
        #expect(method(o, "Lan Nguyen") == .fuzzy)
        #expect(method(o, "Jon Pierre Dubois") == .review)
        #expect(method(o, "Ana Silva") == nil, "a name spelt as in the roster is exact")
        #expect(o.extraction.layout.contains { $0.hasPrefix("advice: 'advice_1'") })
        #expect(o.respondents.count == 5, "Kwame named nobody but responded")
    }

    @Test func rosterMatrixWithLikertLabels() throws {
        let o = try run("roster-matrix.csv", .rosterMatrix) { $0.relation = "advice" }
        #expect(rows(o) == ["m01>m02 advice 3 1", "m01>m03 advice 2 1", "m02>m01 advice 4 1", "m02>m05 advice 2 1",
                            "m03>m01 advice 2 1", "m03>m02 advice 1 1", "m03>m08 advice 1 1"])
        #expect(o.extraction.rejects.map { "\($0.line):\($0.column ?? 0)" } == ["5:4"])
        #expect(o.extraction.layout.last == "ignored (not members): 'Country'")
        #expect(o.extraction.zeroAnswers == 2)      // Never, No
        let scaled = try run("roster-matrix.csv", .rosterMatrix) { $0.scale = try! LikertScale.parsing("Fortnightly=2.5") }
        #expect(scaled.extraction.rejected == 0)
        #expect(rows(scaled).contains("m05>m02 tie 2.5 1"))
    }

    @Test func qualtricsThreeHeaderRows() throws {
        let o = try run("qualtrics.csv", .qualtrics)
        #expect(o.extraction.rowsRead == 3, "the question-text and ImportId rows are headers")
        #expect(rows(o) == ["m01>m02 advice 3 1", "m01>m03 advice 2 1", "m01>m05 collaboration 1 1", "m01>m04 collaboration 1 1",
                            "m02>m01 advice 4 1", "m02>m03 advice 1 1", "m02>m01 collaboration 1 1", "m02>m07 collaboration 1 1",
                            "m03>m01 advice 3 1"])
        #expect(method(o, "Silva, Ana") == .name, "a comma inside a known name is kept")
        let picked = try run("qualtrics.csv", .qualtrics) { $0.alterColumns = "Q2_*"; $0.respondentColumn = "ResponseId" }
        #expect(picked.unresolvedRespondents == 3)   // response ids are nobody's name
        #expect(picked.extraction.nominations.count == 5)   // Q3 is not read; "Never" is no tie
    }

    @Test func surveyMonkeyTwoHeaderRows() throws {
        let o = try run("surveymonkey.csv", .surveymonkey)
        #expect(rows(o) == ["m06>m01 advice 1 1", "m06>m05 advice 1 1", "m06>m10 trust 1 1", "m06>m01 collaboration 3 1",
                            "m06>m03 collaboration 2 1", "m10>m02 advice 1 1", "m10>m09 trust 1 1", "m10>m03 collaboration 4 1"])
        #expect(method(o, "Fatima Al Hassan") == .name)   // First Name + Last Name
        #expect(method(o, "Kwame Mensa") == .fuzzy)
        #expect(method(o, "Mrs. Maria Gonzalez") == .name)
    }

    @Test func koboSpaceSeparatedChoices() throws {
        let choices = try KoboChoices.read(path: SurveyImportTests.exports + "/kobo-choices.csv")
        #expect(choices["olu"] == "Olusegun Obasanjo")
        let o = try run("kobo.csv", .kobo) { $0.choices = choices }
        #expect(rows(o) == ["m03>m01 advice 1 1", "m03>m02 advice 1 1", "m03>m08 collaboration 1 1", "m03>m09 collaboration 1 1",
                            "m08>m05 advice 1 1", "m09>m10 collaboration 1 1"])
        #expect(!o.extraction.layout.contains { $0.contains("network/advice/m01") }, "detail columns beside the summary are not read twice")
        // Without the choices sheet, choice names that are member ids still resolve; the others wait.
        let bare = try run("kobo.csv", .kobo)
        #expect(rows(bare).contains("m03>m01 advice 1 1"))
        #expect(method(bare, "olu") == .unmatched)
    }

    /// Exports/make_layouts.py: a matrix question and a form field (multiple text entry) question
    /// in one Qualtrics export, told apart by their labels and cells, with choice text and with
    /// numeric recode values.
    @Test func qualtricsFormFieldBesideAMatrix() throws {
        let o = try run("qualtrics-form-field.csv", .qualtrics)
        #expect(rows(o) == ["m01>m02 advice 3 1", "m01>m05 advice 2 1", "m01>m07 trust 1 1", "m01>m10 trust 1 1",
                            "m02>m01 advice 4 1", "m02>m01 trust 1 1",
                            "m05>m01 advice 1 1", "m05>m02 advice 3 1", "m05>m09 trust 1 1", "m05>m08 trust 1 1", "m05>m06 trust 1 1"])
        #expect(o.extraction.zeroAnswers == 1)   // Never
        #expect(o.extraction.layout.contains("trust: 'Q4_1 (Whom do you trust with sensitive questions? Write up to three names. - Name 1)' (one name)"))
        #expect(o.extraction.layout.contains("advice: 'Q2_1 (How often do you seek advice from each person? - Ana Silva)' (answers about 'Ana Silva')"))
        // Numeric recode values are the values: Never is 1 there (recode it in Qualtrics to make it 0).
        let numeric = try run("qualtrics-form-field-numeric.csv", .qualtrics)
        #expect(rows(numeric).filter { $0.contains("advice") } == ["m01>m02 advice 4 1", "m01>m05 advice 3 1", "m02>m01 advice 5 1",
                                                                    "m02>m05 advice 1 1", "m05>m01 advice 2 1", "m05>m02 advice 4 1"])
        #expect(rows(numeric).filter { $0.contains("trust") } == rows(o).filter { $0.contains("trust") })
    }

    /// Exports/make_layouts.py: a Kobo form whose respondent is a select_one question, headers
    /// with group prefixes, an "other, specify" column and a question named without a relation word.
    @Test func koboSelectOneRespondentGroupsAndQuestionsWithoutARelationWord() throws {
        let choices = try KoboChoices.read(path: SurveyImportTests.exports + "/kobo-groups-choices.csv")
        let expected = ["m01>m02 advice 1 1", "m01>m05 advice 1 1", "m01>m09 go_around_with 1 1",
                        "m02>m01 advice 1 1", "m02>m01 go_around_with 1 1", "m02>m05 go_around_with 1 1",
                        "m03>m02 go_around_with 1 1"]
        for column in [nil, "member_id", "respondent/member_id"] {
            let o = try run("kobo-groups.csv", .kobo) { $0.choices = choices; $0.respondentColumn = column }
            #expect(rows(o) == expected, "respondent column \(column ?? "guessed")")
            #expect(o.respondents.count == 3 && o.unresolvedRespondents == 0)
            #expect(!o.extraction.layout.contains { $0.contains("advice_other") || $0.contains("profile/country") })
        }
        // Named explicitly, an "other, specify" column is read: its words ("my", "supervisor",
        // "the", "ministry", split as a select_multiple is) match nobody and wait.
        let other = try run("kobo-groups.csv", .kobo) { $0.choices = choices; $0.alterColumns = "network/advice_other" }
        #expect(rows(other).isEmpty && other.unresolvedNominations == 4)
    }

    @Test func googleFormsCommaJoinedAndGrid() throws {
        let o = try run("googleforms.csv", .googleforms)
        #expect(rows(o) == ["m01>m02 advice 1 1", "m01>m03 advice 1 1", "m01>m05 collaboration 2 1", "m05>m01 advice 1 1",
                            "m05>m07 advice 1 1", "m05>m01 collaboration 3 1", "m08>m05 collaboration 4 1"])
    }

    @Test func polinodeAndKumuEdgeSheets() throws {
        let p = try run("polinode.csv", .polinode)
        #expect(rows(p) == ["m01>m02 advice 3 1", "m01>m05 collaboration 1 1", "m02>m01 advice 2 1", "m03>m09 advice 1 1"])
        #expect(method(p, "Maria Gonzales") == .fuzzy)
        let k = try run("kumu.csv", .kumu) { $0.wave = "2024" }
        #expect(rows(k) == ["m01>m05 advice 2 2024", "m01>m05 trust 2 2024", "m05>m01 advice 1 2024", "m10>m06 collaboration 1 2024"])
    }

    @Test func missingColumnsAreNamed() throws {
        #expect(throws: SurveyError.self) { _ = try run("kumu.csv", .long) { $0.respondentColumn = "Nobody" } }
        let e = #expect(throws: SurveyError.self) { _ = try run("members.csv", .wide) }
        #expect(e?.description.contains("--alter-columns") == true)
    }

    @Test func reviewFileRoundTrip() throws {
        let folder = try TempFolder().path
        let members = SurveyImportTests.members
        let first = try run("long.csv", .long)
        let review = folder + "/match-review.csv"
        try SurveyImportWriter.writeReview(first, members: members, to: review)
        var text = try String(contentsOfFile: review, encoding: .utf8)
        #expect(text.hasPrefix(ReviewFile.header.joined(separator: ",") + "\n"))
        #expect(text.contains("W. Kamau,review,1,"))
        // A person accepts the candidate for "W. Kamau" and says "Bob Smith" is nobody.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("W. Kamau,") { return line + "accept" }
            if line.hasPrefix("Bob Smith,") { return line + "none" }
            return String(line)
        }.joined(separator: "\n")
        try text.write(toFile: review, atomically: true, encoding: .utf8)
        let decisions = try ReviewFile.read(path: review, members: members)
        #expect(decisions == [ReviewDecision(text: "Bob Smith", member: nil), ReviewDecision(text: "W. Kamau", member: 2)])
        let second = try run("long.csv", .long, decisions: decisions)
        #expect(rows(second).last == "m06>m03 advice 2 follow-up")
        #expect(method(second, "W. Kamau") == .reviewed)
        #expect(method(second, "Bob Smith") == .reviewed)
        #expect(second.unresolvedNominations == 2)  // Bob Smith (nobody) and "m01,m02"
        // Rewritten, the file keeps the decisions and still lists what waits.
        try SurveyImportWriter.writeReview(second, members: members, to: review)
        let again = try ReviewFile.read(path: review, members: members)
        #expect(again == decisions)
        let rewritten = try String(contentsOfFile: review, encoding: .utf8)
        #expect(rewritten.contains("\"m01,m02\",unmatched"))
        // A decision naming no member is an error with its line.
        try (rewritten + "Someone,unmatched,1,x,,,,,,,m99\n").write(toFile: review, atomically: true, encoding: .utf8)
        let bad = #expect(throws: SurveyError.self) { _ = try ReviewFile.read(path: review, members: members) }
        #expect(bad?.description.contains("'m99' is not a member id") == true)
    }

    @Test func longFormRoundTrip() throws {
        let folder = try TempFolder().path
        let members = SurveyImportTests.members
        let first = try run("qualtrics.csv", .qualtrics)
        try SurveyImportWriter.writeLong(first, members: members, to: folder + "/survey.csv")
        let again = try SurveyImport(settings: SurveyImportSettings(format: .long)).run(path: folder + "/survey.csv", members: members)
        #expect(rows(again) == rows(first))
        #expect(again.matches.isEmpty, "member ids match exactly")
        #expect(again.extraction.rejected == 0)
    }

    /// Every export, converted and written, reads back through the dataset loader (the long form
    /// `weft analyze` reads) to the same nominations.
    @Test(arguments: [("long.csv", SurveyFormat.long), ("wide.csv", .wide), ("roster-matrix.csv", .rosterMatrix),
                      ("qualtrics.csv", .qualtrics), ("surveymonkey.csv", .surveymonkey), ("kobo.csv", .kobo),
                      ("googleforms.csv", .googleforms), ("polinode.csv", .polinode), ("kumu.csv", .kumu)])
    func everyFormatRoundTripsThroughTheDataset(file: String, format: SurveyFormat) throws {
        let folder = try TempFolder().path
        let members = SurveyImportTests.members
        let o = try run(file, format)
        #expect(!o.rows.isEmpty)
        try SurveyImportWriter.writeLong(o, members: members, to: folder + "/survey.csv")
        try SurveyImportWriter.writeRespondents(o, members: members, to: folder + "/respondents.csv")
        let d = try DatasetLoader(unknownMembers: .reject).load(InputPaths(members: SurveyImportTests.exports + "/members.csv",
                                                                           survey: folder + "/survey.csv",
                                                                           respondents: folder + "/respondents.csv"))
        #expect(d.rowsRejected == 0)
        let log = d.survey
        let back = (0..<log.count).map { k in
            "\(d.members.ids[log.respondent[k]])>\(d.members.ids[log.alter[k]]) \(log.relations[Int32(log.relation[k])]) \(CSVTableWriter.formatReal(log.value[k])) \(log.waves[Int32(log.wave[k])])"
        }
        #expect(back.sorted() == rows(o).sorted())
        let listed = (0..<log.waves.count).flatMap { w in log.respondents(wave: UInt16(w)).map { "\($0)@\(log.waves[Int32(w)])" } }
        #expect(listed.sorted() == o.respondents.map { "\($0.member)@\($0.wave)" }.sorted())
    }

    /// Damaged exports (bytes deleted, doubled or replaced by quotes, delimiters, line ends and
    /// invalid UTF-8) never crash an adapter: each either names a file-level problem or accounts
    /// for every row.
    @Test(arguments: [("long.csv", SurveyFormat.long), ("wide.csv", .wide), ("roster-matrix.csv", .rosterMatrix),
                      ("qualtrics.csv", .qualtrics), ("surveymonkey.csv", .surveymonkey), ("kobo.csv", .kobo),
                      ("googleforms.csv", .googleforms), ("polinode.csv", .polinode), ("kumu.csv", .kumu)])
    func damagedExportsAreHandled(file: String, format: SurveyFormat) throws {
        let folder = try TempFolder()
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: SurveyImportTests.exports + "/" + file)))
        var generator = SeededGenerator(seed: 7)
        let noise: [UInt8] = [0x22, 0x2C, 0x3B, 0x0A, 0x0D, 0xFF, 0xC3, 0x20, 0x2F, 0x7C]
        var balanced = 0
        for trial in 0..<60 {
            var bytes = original
            for _ in 0..<(1 + trial % 6) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default: bytes[at] = noise.randomElement(using: &generator)!
                }
            }
            let path = folder.path + "/damaged-\(trial).csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))   // raw bytes: invalid UTF-8 stays invalid
            do {
                let o = try SurveyImport(settings: SurveyImportSettings(format: format)).run(path: path, members: SurveyImportTests.members)
                let x = o.extraction
                #expect(x.rowsRead == x.accepted + x.rejected, "trial \(trial)")
                #expect(o.rows.count <= x.nominations.count)
                balanced += 1
            } catch is SurveyError {
            } catch is InputError {
            }
        }
        #expect(balanced > 0, "some damaged files are still read")
    }

    @Test func outputsNeutraliseFormulas() throws {
        let folder = try TempFolder().path
        let input = folder + "/in.csv"
        try "respondent,alter,relation\nm01,=HYPERLINK(\"http://x\"),advice\n".write(toFile: input, atomically: true, encoding: .utf8)
        let o = try SurveyImport(settings: SurveyImportSettings(format: .long)).run(path: input, members: SurveyImportTests.members)
        try SurveyImportWriter.writeMatchReport(o, members: SurveyImportTests.members, to: folder + "/match-report.csv")
        let report = try String(contentsOfFile: folder + "/match-report.csv", encoding: .utf8)
        #expect(report.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
    }
}
