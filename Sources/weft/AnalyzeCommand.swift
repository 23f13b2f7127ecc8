import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// `weft analyze`: builds the network for a window and writes report.json, report.html, the CSV
/// tables (members, communities, timeline, ties, segments, transitions, rejects) and the network
/// files (GraphML, GEXF) into the output folder; `--format` limits the set.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse the network and write report.json, report.html, the CSV tables (with engagement segments) and the GraphML and GEXF network files.",
        aliases: ["analyse"]
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: "Output folder (created if missing).")
    var out: String

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Which outputs to write: a comma-separated list of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), or all. (default: all)",
        valueName: "LIST"), transform: OutputFormats.init(parsing:))
    var formats = OutputFormats.all

    @OptionGroup var measures: MeasureOptions
    @OptionGroup(title: "Time") var time: TimeOptions
    @OptionGroup(title: "Segments") var segmentOptions: SegmentOptions

    @Option(name: .long, help: "What sizes the dots on report.html's maps: connections, strength, betweenness, pagerank or coreness.")
    var mapSize: MapSizeMeasure = .connections

    @Option(name: .long, help: ArgumentHelp("report.html's title (default: Network report, in the report's language).", valueName: "TEXT"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("A PNG or SVG logo (at most 512 KB) shown beside report.html's title, embedded in the page.", valueName: "FILE"))
    var logo: String?

    @Option(name: .long, help: "The language of report.html: en, fr, es or pt (headings, labels, definitions, number and date formats).")
    var lang: ReportLanguage = .en

    @Option(name: .long, help: ArgumentHelp(
        "A previous run's output folder (or its report.json): community and k-means cluster numbers follow that run's where members overlap, so a monthly refresh keeps numbers and colours.",
        valueName: "PATH"))
    var previous: String?

    @OptionGroup var timing: TimingsOption

    func validate() throws {
        if measures.network.kind == .events {
            throw ValidationError("--network events is for `weft metrics` (its rows are events, not members)")
        }
        try window.check(network: measures.network.kind)
    }

    func run() throws {
        let progress = Progress()
        let logoImage = try logo.map { try ReportLogo(path: $0) }   // a bad logo fails before the analysis
        let span = try window.window()
        let segmentConfig = try segmentOptions.load()
        let folder = try OutputFolder(out, names: AnalyzeCommand.outputs.filter { formats.contains($0.format) }.map(\.name) + segmentOptions.fittedOutputs,
                                      inputs: input.inputFiles())
        let clock = timing.clock()
        let timings = timing.timings
        let dataset = try clock.measure("read") { try input.load(progress: progress, defaultReview: out + "/match-review.csv") }
        try input.failIfAFileWasLost(dataset)
        try measures.checkNames(dataset)
        if measures.network.kind.nodesAreMembers && measures.network.kind != .survey { try time.checkPeriodCount(dataset, window: span) }
        if measures.network.kind.nodesAreMembers { try time.periodLimit.checkSegmentSnapshots(dataset, window: span, rules: segmentConfig.rules) }
        progress.stage("computing measures")
        var options = measures.options(undirected: input.undirected)
        options.time = try time.settings()
        options.segments = segmentConfig.rules
        options.segmentsSource = segmentOptions.source(segmentConfig, dataFolder: input.dataFolder)
        options.segmentLabels = try segmentOptions.loadLabels(dataset, rules: segmentConfig.rules)
        if let previous {
            let prior = try ReportFile.numbers(at: previous)
            (options.previousCommunities, options.previousClusters) = (prior.communities, prior.clusters)
            options.previousSource = RelativePath.of(prior.file, from: input.dataFolder)
        }
        // The analysis holds the only copy of the dataset from here, so that it can free the
        // records once its last stage that reads them is done: the outputs read only what it
        // computed from them — but for report.html, whose period maps are drawn from them.
        options.releasesRecords = !formats.contains(.html)
        let analysis = try Analysis(dataset: consume dataset, window: span, windowLabels: .init(from: window.from, to: window.to),
                                    options: options, clock: clock)
        progress.stage("writing outputs")
        let report = try clock.measure("report model") { analysis.report(version: Weft.version, survey: try SurveyReporting.summary(analysis),
                                     arguments: RelativePath.arguments(Array(CommandLine.arguments.dropFirst()), from: input.dataFolder,
                                                                       pathOptions: Self.pathOptions, positional: input.data,
                                                                       omitted: Self.omittedArguments(pseudonymised: measures.pseudonymise)),
                                     dataFolder: input.dataFolder, unknownMembers: input.unknownMembers) }
        var html = HTMLReport.Options()
        html.sizeBy = mapSize
        html.title = title
        html.language = lang
        html.logo = logoImage
        // The report model: every figure of every output, computed once; report.html's layout is
        // shared by the network files.
        let drawn = !formats.isDisjoint(with: [.html, .network, .graphml, .gexf])
        var model = clock.measure("layout") {
            analysis.model(report: report, layout: drawn ? html : nil, page: formats.contains(.html))
        }
        // Each output: its file name, its --format, and its writer (which reads only the model).
        let outputs: [(name: String, format: OutputFormat, write: (String) throws -> Void)] = [
            ("summary.json", .summary, { try ReportWriters.writeJSON(Report.SummaryDocument(model.report), to: $0) }),
            ("network.json", .network, { try NodeLinkWriter.write(model, to: $0) }),
            ("report.html", .html, { try HTMLReport(model: model, options: html, extras: HTMLReport.Extras(model: model)).write(to: $0) }),
            ("members.csv", .csv, { try ReportWriters.writeMembers(model, to: $0) }),
            ("communities.csv", .csv, { try ReportWriters.writeCommunities(model, to: $0) }),
            ("timeline.csv", .csv, { try ReportWriters.writeTimeline(model, to: $0) }),
            ("ties.csv", .csv, { try ReportWriters.writeTies(model, to: $0) }),
            ("segments.csv", .csv, { try ReportWriters.writeSegments(model.segmentRows, to: $0) }),
            ("transitions.csv", .csv, { try ReportWriters.writeTransitions(model.transitions, to: $0) }),
            ("rejects.csv", .csv, { try ReportWriters.writeRejects(model, to: $0) }),
            ("network.graphml", .graphml, { try GraphMLWriter.write(model, to: $0) }),
            ("network.gexf", .gexf, { try GEXFWriter.write(model, to: $0) }),
        ].filter { formats.contains($0.format) }
        func emit(_ name: String, _ write: (String) throws -> Void) throws {
            try clock.measure("write " + name) { try folder.write(name, write) }
        }
        func emitOthers() throws {
            for output in outputs { try emit(output.name, output.write) }
        }
        let json = formats.contains(.json)
        if timings {
            // One writer at a time, so that each stage has its own time and peak memory; report.json
            // last, so that it records every other stage.
            try emitOthers()
            if json {
                model = model.recording(timings: clock.record)
                try emit("report.json") { try ReportWriters.writeReport(model, to: $0) }
            }
        } else if json {
            // report.json is the largest output: it is written on a second core beside the others.
            let finished = model
            _ = try Parallel.both({ try emit("report.json") { try ReportWriters.writeReport(finished, to: $0) } }, emitOthers)
        } else {
            try emitOthers()
        }
        var written = ((json && !timings) ? ["report.json"] : []) + outputs.map(\.name)
        if try segmentOptions.writeFitted(analysis.segments, into: folder) { written.append(SegmentOptions.fittedName) }
        if json && timings { written.append("report.json") }
        written = written.map { out + "/" + $0 }
        // Typed names and emails are personal data: not written beside pseudonymised outputs.
        let matchesWithheld = MatchFiles.needed(analysis.dataset) && measures.pseudonymise
        if MatchFiles.needed(analysis.dataset) && !measures.pseudonymise {
            for name in MatchFiles.names { try folder.add(name) }
            try MatchFiles.write(analysis.dataset, into: folder)
            written += MatchFiles.names.map { out + "/" + $0 }
        }
        try folder.publish()
        progress.done()
        let summary = TerminalSummary(model)
        for line in summary.inputLines { print(line) }
        input.printMatching(analysis.dataset)
        if matchesWithheld { print("match-report.csv and match-review.csv are not written with --pseudonymise (they hold the names as typed); run weft validate --match-report DIR to review them") }
        for line in summary.figureLines { print(line) }
        for line in TerminalSummary.outputLines(written: written, timings: timings ? clock.table : nil,
                                               reportHTML: formats.contains(.html) ? out + "/report.html" : nil) { print(line) }
        input.printWarnings(model.report.summary.warnings)   // the ingest warnings and the analysis's
        try input.enforceStrict(analysis.dataset, rejectsFile: formats.contains(.csv) ? out + "/rejects.csv" : nil)
    }

    /// The options report.json's `run.arguments` leaves out with their values: the output folder
    /// (where the outputs go must not change their bytes) and, in pseudonymised outputs, the
    /// member ids of `--pagerank-seeds` (`measures.pagerank_seeds` gives their pseudonyms).
    static func omittedArguments(pseudonymised: Bool) -> Set<String> {
        pseudonymised ? ["--out", "--pagerank-seeds"] : ["--out"]
    }

    /// The options whose values are paths (report.json's `run.arguments` records them relative
    /// to the data folder; `--out` is left out there).
    static let pathOptions: Set<String> = ["--members", "--interactions", "--attendance", "--survey", "--respondents",
                                           "--segments-config", "--pseudonym-key-file", "--previous"]

    /// Every file `analyze` can write into --out, with the --format family it belongs to.
    static let outputs: [(name: String, format: OutputFormat)] = [
        ("report.json", .json), ("summary.json", .summary), ("network.json", .network), ("report.html", .html),
        ("members.csv", .csv), ("communities.csv", .csv),
        ("timeline.csv", .csv), ("ties.csv", .csv), ("segments.csv", .csv), ("transitions.csv", .csv),
        ("rejects.csv", .csv), ("network.graphml", .graphml), ("network.gexf", .gexf),
    ]
}

/// The output families of `weft analyze --format`.
enum OutputFormat: String, CaseIterable {
    /// report.json
    case json
    /// summary.json: report.json's headline figures and warnings alone
    case summary
    /// network.json: the node-link network with report.html's layout
    case network
    /// report.html
    case html
    /// members.csv, communities.csv, timeline.csv, ties.csv, segments.csv, transitions.csv, rejects.csv
    case csv
    /// network.graphml
    case graphml
    /// network.gexf
    case gexf

}

/// `--format`: the output families to write, parsed once from a comma-separated list or `all`.
struct OutputFormats: Sendable {
    private let members: Set<OutputFormat>

    static let all = OutputFormats(members: Set(OutputFormat.allCases))

    private init(members: Set<OutputFormat>) { self.members = members }

    /// A comma-separated list of formats, or `all`; an unknown, repeated or missing name is a usage error.
    init(parsing list: String) throws {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names == ["all"] { self = .all; return }
        var formats = Set<OutputFormat>()
        for name in names {
            guard let format = OutputFormat(rawValue: name) else {
                throw ValidationError("no output format '\(name)' (known: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), all)")
            }
            guard formats.insert(format).inserted else { throw ValidationError("'\(name)' is given twice; name each once") }
        }
        if formats.isEmpty { throw ValidationError("name at least one output format") }
        members = formats
    }

    func contains(_ format: OutputFormat) -> Bool { members.contains(format) }

    /// Whether none of `formats` is to be written.
    func isDisjoint(with formats: Set<OutputFormat>) -> Bool { members.isDisjoint(with: formats) }
}

extension MapSizeMeasure: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
