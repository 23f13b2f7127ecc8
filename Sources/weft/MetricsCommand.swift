import ArgumentParser
import Foundation
import WeftIO
import WeftReport

/// `weft metrics`: the member measures alone, as a CSV table (stdout or a file), and optionally the
/// network figures as JSON.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute the centrality and cohesion measures and write them as a CSV table (members.csv's columns).",
        discussion: "Without --out the table goes to standard output, so it can be piped into other tools."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var measures: MeasureOptions

    @Option(name: .long, help: "Write the member table to this file instead of standard output (- for standard output).")
    var out: String?

    @Option(help: "Also write the network figures (report.json's `network` object) to this file (- for standard output).")
    var networkJson: String?

    @OptionGroup var timing: TimingsOption

    func validate() throws {
        try window.check(network: measures.network.kind)
    }

    func run() throws {
        let progress = Progress()
        let span = try window.window()
        let inputs = try input.inputFiles()
        for path in [out, networkJson].compactMap({ $0 }) { try inputs.check(output: path) }
        let clock = timing.clock()
        let dataset = try clock.measure("read") { try input.load(progress: progress) }
        try measures.checkNames(dataset)
        progress.stage("computing measures")
        var options = measures.options(undirected: input.undirected)
        options.computesSegments = false   // the member table has no segment columns
        let analysis = try Analysis(dataset: dataset, window: span, windowLabels: .init(from: window.from, to: window.to),
                                options: options, clock: clock)
        progress.done()
        if let survey = try SurveyReporting.summary(analysis, withSurveyData: false) { printError(SurveyReporting.line(survey)) }
        try clock.measure("write the member table") {
            if let out {
                try ReportWriters.writeMembers(analysis.memberRows, nodes: analysis.outputNodes, to: out)
            } else {
                let table = ReportWriters.memberTable(analysis.memberRows, nodes: analysis.outputNodes)
                FileHandle.standardOutput.write(Data(CSVTableWriter.render(header: table.header, rows: table.rows).utf8))
            }
        }
        if let networkJson {
            try clock.measure("write the network figures") {
                try ReportWriters.writeJSON(analysis.report(version: Weft.version).network, to: networkJson)
            }
        }
        timing.report(clock)
        try input.enforceStrict(dataset, rejectsFile: nil)
    }
}
