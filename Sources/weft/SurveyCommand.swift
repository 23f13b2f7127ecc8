import ArgumentParser
import Foundation
import WeftIO
import WeftReport

extension SurveyFormat: ExpressibleByArgument {}

/// `weft survey`: ONA survey data.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "ONA survey data: convert exports of survey tools to Weft's long form.",
        subcommands: [SurveyImportCommand.self]
    )
}

/// `weft survey import`: any supported export → DIR/survey.csv (respondent, alter, relation,
/// value, wave, with member ids), DIR/respondents.csv, DIR/match-report.csv, DIR/match-review.csv
/// and DIR/rejects.csv.
struct SurveyImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a survey export to the long form (survey.csv) with names matched to member ids.",
        discussion: """
        Names resolve by exact id or email, then normalised name (case, accents, spaces, honorifics, word order), \
        then Jaro–Winkler similarity: at or above --match-auto matched (and listed in match-report.csv), from \
        --match-review-threshold up to it listed in match-review.csv for a person to decide, below unmatched. Fill the \
        review file's decision column (a member id, accept, or none) and run the import again: the decisions apply.
        """
    )

    @Argument(help: "The survey export (CSV, text or .xlsx); several exports of one survey (a wave each) are converted together.")
    var inputs: [String]

    @Option(help: "The roster: a members file (id, name, email, …) that names are matched against.")
    var members: String

    @Option(help: "The export's layout: long, wide, roster-matrix, qualtrics, surveymonkey, kobo, googleforms, polinode or kumu.")
    var format: SurveyFormat

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "The column holding the respondent (a header, or HEADER+HEADER to join two, e.g. 'First Name+Last Name'). Guessed when absent.")
    var respondentColumn: String?

    @Option(help: "The nomination columns: a header or a glob such as Q2_* or advice_? (comma-separated for several). Guessed when absent.")
    var alterColumns: String?

    @Option(help: "KoboToolbox's choices sheet as CSV or a workbook's sheet (form.xlsx#choices) (list_name, name, label): choice names become labels before matching. Default: the export workbook's own choices sheet, if it has one.")
    var choices: String?

    @Option(help: "The relation of every nomination (default: from the headers; 'tie' where they say nothing).")
    var relation: String?

    @Option(help: "The wave of the rows without a wave column (default: 1). With several exports, give it once per export, in order (or let each have a wave column).")
    var wave: [String] = []

    @Option(help: "Scale labels, e.g. 'Never=0,Monthly=1,Weekly=2,Daily=3', or a CSV file with label and value columns (added to, and overriding, the built-in labels).")
    var scale: String?

    @OptionGroup var similarity: MatchThresholdFlags

    @OptionGroup var review: MatchReviewFlag

    @Flag(help: "Fail (exit code 1) if any row is rejected or any name is left unresolved.")
    var strict = false

    @OptionGroup var reading: ReadingFlags

    func validate() throws {
        if let scale, !FileManager.default.fileExists(atPath: InputSource.location(of: scale).file) {
            _ = try MeasureOptions.uniqueList(scale, option: "--scale") { MeasureOptions.namePart($0).lowercased() }
            do { _ = try LikertScale.parsing(scale) } catch let e as SurveyError { throw ValidationError(e.description) }
        }
        _ = try MeasureOptions.uniqueList(alterColumns ?? "", option: "--alter-columns")
        if inputs.isEmpty { throw ValidationError("name the survey export to convert") }
        if !wave.isEmpty && wave.count != inputs.count {
            throw ValidationError("--wave is given \(wave.count) time(s) for \(inputs.count) export(s): give it once per export, in order, or not at all")
        }
    }

    func settings() throws -> SurveyImportSettings {
        var s = SurveyImportSettings(format: format)
        s.respondentColumn = respondentColumn
        s.alterColumns = alterColumns
        s.relation = relation
        s.reading = try reading.options()
        if let choices { s.choices = try KoboChoices.read(path: choices, reading: s.reading) }
        if let scale {
            s.scale = FileManager.default.fileExists(atPath: InputSource.location(of: scale).file)
                ? try LikertScale.read(path: scale, reading: s.reading) : try LikertScale.parsing(scale)
        }
        s.thresholds = similarity.thresholds
        return s
    }

    func run() throws {
        do {
            try convert()
        } catch let e as SurveyError {
            throw CommandFailure(message: "error: \(e.description)", exitCode: 1)
        }
    }

    private func convert() throws {
        let roster = try DatasetLoader(reading: try reading.options()).load(InputPaths(members: members))
        if roster.rowsRejected > 0 {
            throw CommandFailure(message: "error: \(roster.rowsRejected) row(s) of the roster \(members) rejected; first: \(roster.rejects[0].message)", exitCode: 1)
        }
        let table = roster.members
        let decisionsPath = review.file(orExistingIn: out)
        let decisions = try decisionsPath.map { try ReviewFile.read(path: $0, members: table, reading: reading.options()) } ?? []
        // match-review.csv is read back on purpose (the decisions filled in); the other inputs are protected.
        let folder = try OutputFolder(out, names: ["rejects.csv", "survey.csv", "respondents.csv", "match-report.csv", "match-review.csv"],
                                      inputs: InputFiles(inputs + [members] + [choices].compactMap { $0 }))
        let exports = inputs.enumerated().map { SurveyImport.Input(path: $0.element, wave: wave.isEmpty ? nil : wave[$0.offset]) }
        let outcome = try SurveyImport(settings: settings()).run(inputs: exports, members: table, decisions: decisions)
        let x = outcome.extraction
        try folder.write("rejects.csv") { try ReportWriters.writeRejects(x.rejects, to: $0) }
        try folder.write("survey.csv") { try SurveyImportWriter.writeLong(outcome, members: table, to: $0) }
        try folder.write("respondents.csv") { try SurveyImportWriter.writeRespondents(outcome, members: table, to: $0) }
        try folder.write("match-report.csv") { try SurveyImportWriter.writeMatchReport(outcome, members: table, to: $0) }
        try folder.write("match-review.csv") { try SurveyImportWriter.writeReview(outcome, members: table, to: $0) }
        try folder.publish()

        print("\(format.rawValue) export\(inputs.count > 1 ? "s" : "") \(inputs.joined(separator: ", ")): " + x.layout.joined(separator: "; "))
        print("rows read \(x.rowsRead) = accepted \(x.accepted) + rejected \(x.rejected)")
        if let path = decisionsPath { print("applied \(decisions.count) review decision(s) from \(path)") }
        var counts: [MatchMethod: Int] = [:]
        for e in outcome.matches { counts[e.match.method, default: 0] += 1 }
        let listed = MatchMethod.allCases.compactMap { m in counts[m].map { "\(m.rawValue) \($0)" } }
        print("names not matched exactly by id or email: \(outcome.matches.count)" + (listed.isEmpty ? "" : " (" + listed.joined(separator: ", ") + ")"))
        print("nominations \(x.nominations.count): written \(outcome.rows.count), merged duplicates \(outcome.mergedDuplicates), self-nominations dropped \(outcome.selfNominations), left out until resolved \(outcome.unresolvedNominations); zero or empty answers \(x.zeroAnswers)")
        print("respondents \(outcome.respondents.count)" + (outcome.unresolvedRespondents > 0 ? ", unresolved \(outcome.unresolvedRespondents) (see match-review.csv)" : ""))
        for r in x.rejects.prefix(10) { print("  " + TerminalText.printable(r.message)) }
        print("wrote \(["survey.csv", "respondents.csv", "match-report.csv", "match-review.csv", "rejects.csv"].map { out + "/" + $0 }.joined(separator: ", "))")
        let pending = (counts[.review] ?? 0) + (counts[.ambiguous] ?? 0) + (counts[.unmatched] ?? 0)
        if strict && (x.rejected > 0 || pending > 0) {
            throw CommandFailure(message: "error: \(x.rejected) row(s) rejected, \(pending) name(s) unresolved (--strict)", exitCode: 1)
        }
    }
}

/// The survey layer's summary for report.json (nil unless the network is a survey layer), and a
/// line stating the response rate beside the figures printed.
enum SurveyReporting {
    static func summary(_ analysis: Analysis, withSurveyData: Bool = true) throws -> Report.SurveySummary? {
        try analysis.surveySummary(withSurveyData: withSurveyData)
    }

    static func line(_ s: Report.SurveySummary) -> String { TerminalSummary.surveyLine(s) }
}
