import ArgumentParser
import Foundation
import WeftIO
import WeftReport

/// `weft validate`: reads the inputs, prints a summary and the first problems; writes the rejects
/// table and the name-matching files only when asked.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files; print a summary and the first problems.",
        discussion: "Every row is accepted or rejected with file:line:column and a reason; rows read = accepted + rejected. Nothing is written unless --rejects or --match-report says where. Exit code 1 when every row of a file is rejected, or under --strict when any row is."
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Where to write the table of rejected rows (- for standard output; the summary then goes to standard error). Default: not written.", valueName: "FILE"))
    var rejects: String?

    @Option(help: ArgumentHelp("A folder to write match-report.csv and match-review.csv in, when records name members by email or name.", valueName: "DIR"))
    var matchReport: String?

    @Option(parsing: .unconditional, help: "How many problems to print.")
    var show = 20

    func run() throws {
        let inputs = try input.inputFiles()
        if let rejects { try inputs.check(output: rejects) }
        let matchFolder = try matchReport.map { try OutputFolder($0, names: MatchFiles.names, inputs: inputs) }
        let dataset = try input.load(progress: Progress())
        // With the table on standard output, the account goes to standard error.
        let toStandardError = rejects == "-"
        func say(_ text: String) { if toStandardError { printError(text) } else { print(text) } }
        say(ValidateCommand.summary(of: dataset))
        input.printMatching(dataset, say: say)
        if !dataset.rejects.isEmpty {
            say("\nFirst problems:")
            for r in dataset.rejects.prefix(max(0, show)) { say("  " + TerminalText.printable(r.message)) }
            if dataset.rejects.count > show {
                say("  … and \(dataset.rejects.count - show) more" + (rejects.map { $0 == "-" ? " in the table" : " in \($0)" } ?? " (--rejects FILE lists them all)"))
            }
        }
        if let rejects {
            if rejects != "-" { try OutputFolder.create(URL(fileURLWithPath: rejects).deletingLastPathComponent().path) }
            try ReportWriters.writeRejects(dataset.rejects, to: rejects)
            if rejects != "-" && !dataset.rejects.isEmpty { say("\nRejected rows written to \(rejects).") }
        }
        if let matchFolder, let matchReport {
            if try MatchFiles.write(dataset, into: matchFolder) {
                say("\nName matches written to \(matchReport)/match-report.csv and \(matchReport)/match-review.csv.")
            } else {
                say("\nNo name matching ran (no members file with names or emails, or --no-match-names): nothing written to \(matchReport).")
            }
            try matchFolder.publish()
        }
        input.printWarnings(dataset.warnings, say: say)
        try input.failIfAFileWasLost(dataset)
        try input.enforceStrict(dataset, rejectsFile: rejects)
    }

    /// A plain-text account of every input file and of the members.
    static func summary(of dataset: Dataset) -> String {
        var lines: [String] = []
        for f in dataset.files {
            let delimiter = f.delimiter == "\t" ? "tab" : "'\(f.delimiter)'"
            let encoding = f.layout.encoding.rawValue + (f.layout.encodingDetected ? ", detected" : ", as given by --encoding")
                + (f.layout.encodingNote.map { ": \($0)" } ?? "")
            lines.append("\(f.kind.rawValue): \(f.path) (" + (f.layout.sheet.map { "sheet '\($0)'" } ?? "delimiter \(delimiter), encoding \(encoding)") + ")")
            lines.append("  rows read \(f.rowsRead) = accepted \(f.accepted) + rejected \(f.rejected)")
            for d in f.dateColumns { lines.append("  dates in \(d.column): \(d.format) (\(d.origin))") }
            if !f.extraColumns.isEmpty { lines.append("  extra columns kept as attributes: \(f.extraColumns.joined(separator: ", "))") }
        }
        for (from, to) in AttributeColumnNames.renamed(dataset.members.attributes.names) {
            lines.append("  attribute '\(from)' is written as '\(to)' in members.csv, network.graphml and network.gexf (Weft computes a column '\(from)')")
        }
        if dataset.timeZone != "UTC" { lines.append("times without a UTC offset read in \(dataset.timeZone)") }
        let m = dataset.members
        lines.append("members: \(m.count) (\(m.declaredCount) from the members file, \(m.addedFromRecords) added from records)")
        lines.append("interactions: \(dataset.interactions.count), attendance rows: \(dataset.attendance.count), events: \(dataset.attendance.events.count)")
        if dataset.survey.waves.count > 0 {
            let s = dataset.survey
            lines.append("survey nominations: \(s.count) (relations: \(s.relations.identifiers.joined(separator: ", ")); waves: \(s.waves.identifiers.joined(separator: ", ")))")
        }
        lines.append("total: rows read \(dataset.rowsRead) = accepted \(dataset.rowsAccepted) + rejected \(dataset.rowsRejected)")
        return lines.joined(separator: "\n")
    }
}
