import ArgumentParser
import Foundation
import WeftIO
import WeftReport

/// `weft validate`: reads the inputs, prints a summary and the first problems, writes rejects.csv.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files; print a summary and the first problems; write rejects.csv.",
        discussion: "Every row is accepted or rejected with file:line:column and a reason; rows read = accepted + rejected."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Where to write the table of rejected rows (- for standard output; the summary then goes to standard error).")
    var rejects = "rejects.csv"

    @Option(parsing: .unconditional, help: "How many problems to print.")
    var show = 20

    func run() throws {
        try input.inputFiles().check(output: rejects)
        let dataset = try input.load(progress: Progress())
        // With the table on standard output, the account goes to standard error.
        let toStandardError = rejects == "-"
        func say(_ text: String) { if toStandardError { printError(text) } else { print(text) } }
        say(ValidateCommand.summary(of: dataset))
        if !dataset.rejects.isEmpty {
            say("\nFirst problems:")
            for r in dataset.rejects.prefix(max(0, show)) { say("  " + TerminalText.printable(r.message)) }
            if dataset.rejects.count > show { say("  … and \(dataset.rejects.count - show) more in \(rejects)") }
        }
        if rejects != "-" { try OutputFolder.create(URL(fileURLWithPath: rejects).deletingLastPathComponent().path) }
        try ReportWriters.writeRejects(dataset.rejects, to: rejects)
        if rejects != "-" { say("\nRejected rows written to \(rejects).") }
        input.printWarnings(dataset.warnings, say: say)
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
