import ArgumentParser
import Foundation
import WeftIO
import WeftReport

extension SurveyModelExport.Tool: ExpressibleByArgument {}

/// `weft export siena|statnet DATA --relation R --out DIR`: a survey layer's waves as RSiena and
/// statnet read them (see docs/survey.md, "Export for RSiena and statnet").
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a survey layer's waves for RSiena or statnet, with an R script that loads them.",
        discussion: """
        siena: actors.csv, network-wK.txt per wave (0/1, NA where the sender did not answer, 10 where either \
        member was not in the network), composition.txt, constant-covariates.csv with covariate-codes.csv, \
        tenure.txt, waves.csv, edges.csv and load.R. statnet: network-wK.txt and vertices-wK.csv per wave over \
        that wave's members (NA = missing edge), waves.csv, edges.csv and load.R.
        """
    )

    @Argument(help: "siena or statnet.")
    var tool: SurveyModelExport.Tool

    @OptionGroup var input: InputOptions

    @Option(help: "The survey relation(s) to export, e.g. advice or advice+collaboration (default: every relation).")
    var relation: String?

    @Option(help: "Dates of survey waves, e.g. 'baseline=2022-06-13,follow-up=2024-06-10' (as in analyze).")
    var waveDates: String?

    @Option(help: "Output folder (created if missing).")
    var out: String

    func validate() throws {
        _ = try MeasureOptions.waveDates(waveDates ?? "")
    }

    func run() throws {
        let dataset = try input.load(progress: Progress())
        try input.enforceStrict(dataset, rejectsFile: nil)
        let log = dataset.survey
        guard log.waves.count > 0 else {
            throw CommandFailure(message: "error: no survey data (give --survey FILE or put survey.csv in the data folder)", exitCode: 1)
        }
        let relations = relation.map { $0.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) } } ?? log.relations.identifiers
        let dates = try MeasureOptions.waveDates(waveDates ?? "")
        let panel: SurveyPanel
        do {
            panel = try SurveyPanel(dataset: dataset, relations: relations, waveDates: dates)
        } catch let e as Relation.ParseError {
            throw ValidationError(e.description)
        }
        let folder = try OutputFolder(out, names: [], inputs: try input.inputFiles())
        let written = try SurveyModelExport.write(tool, panel: panel, dataset: dataset, into: folder)
        try folder.publish()
        print("\(tool.rawValue) export of survey:\(relations.joined(separator: "+")): \(panel.actors.count) actors (members at one wave at least), \(panel.waves.count) wave(s)")
        for w in panel.waves {
            print("  wave \(w.label): members \(w.presentCount), respondents \(w.respondentCount)" + (w.date == nil ? " (no date: every member counted)" : ""))
        }
        print("wrote " + written.map { out + "/" + $0 }.joined(separator: ", "))
    }
}
