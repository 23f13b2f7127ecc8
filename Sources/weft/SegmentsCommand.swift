import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// `--segments-config`: the engagement segment rules (shared by `analyze` and `segments`).
struct SegmentOptions: ParsableArguments {
    @Option(name: .long, help: "Engagement segment rules and settings (a TOML file like config/segments.toml; default: the built-in rules).")
    var segmentsConfig: String?

    @Option(name: .long, help: ArgumentHelp(
        "A CSV of members the team is sure of (columns member, segment): the segment thresholds are fitted to them, and the fitted rules are written to segments-fitted.toml.",
        valueName: "FILE"))
    var labels: String?

    /// The labelled members, resolved against the dataset's members and the config's segments;
    /// nil without --labels. A missing or malformed file is a usage error (exit 2) with its place.
    func loadLabels(_ dataset: Dataset, rules: SegmentConfig) throws -> [SegmentCalibration.Label]? {
        guard let path = labels else { return nil }
        do {
            return try SegmentLabelsFile.read(path: path, members: dataset.members.ids, segments: rules.segments)
        } catch let error as InputError {
            throw CommandFailure(message: "error: \(error)", exitCode: 2)
        }
    }

    /// Where the rules came from (`default`, or the file), naming the labels when they were
    /// fitted; paths relative to the data folder, as report.json records every path, so that its
    /// bytes do not depend on how the paths were typed.
    func source(_ config: (rules: SegmentConfig, source: String), dataFolder: String) -> String {
        let file = segmentsConfig == nil ? config.source : RelativePath.of(config.source, from: dataFolder)
        return labels.map { "\(file), thresholds fitted to \(RelativePath.of($0, from: dataFolder))" } ?? file
    }

    /// The fitted rules' file in the output folder.
    static let fittedName = "segments-fitted.toml"

    /// The outputs --labels adds to the output folder.
    var fittedOutputs: [String] { labels == nil ? [] : [SegmentOptions.fittedName] }

    /// Writes `segments-fitted.toml` into `folder` when the thresholds were fitted; whether it did.
    func writeFitted(_ analysis: SegmentAnalysis?, into folder: OutputFolder) throws -> Bool {
        guard labels != nil, let text = analysis?.fittedConfigText else { return false }
        try folder.write(SegmentOptions.fittedName) { try AtomicFileWriter.write(text, to: $0) }
        return true
    }

    /// The rules and where they came from. A missing or malformed file is a usage error (exit 2),
    /// reported as file:line:column.
    func load() throws -> (rules: SegmentConfig, source: String) {
        guard let path = segmentsConfig else { return (SegmentConfigFile.defaultConfig, "default") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "error: \(path): cannot read the segments config", exitCode: 2)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(message: "error: \(path): the segments config is not UTF-8 text", exitCode: 2)
        }
        do {
            return (try SegmentConfigFile.parse(text, file: path), path)
        } catch let error as InputError {
            throw CommandFailure(message: "error: \(error)", exitCode: 2)
        }
    }
}

/// `weft segments`: engagement segments (crew, deep divers, passengers, inactive) with the rule
/// that fired, the features behind it and the next step; the k-means check; transitions; sensitivity.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Classify members into engagement segments (crew, deep divers, passengers, inactive) by configurable rules.",
        discussion: "With --out, writes segments.csv, transitions.csv and segments.json (report.json's `segments` section) into the folder; without it, segments.csv goes to standard output."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var measures: MeasureOptions
    @OptionGroup(title: "Segments") var segmentOptions: SegmentOptions
    @OptionGroup var periodLimit: PeriodLimitOptions

    @Option(help: "Output folder (created if missing).")
    var out: String?

    @OptionGroup var timing: TimingsOption

    func validate() throws {
        if measures.network.kind == .events { throw ValidationError("--network events has no members to segment") }
        try window.check(network: measures.network.kind)
        if segmentOptions.labels != nil && out == nil { throw ValidationError("--labels writes the fitted rules into a folder: give --out") }
    }

    func run() throws {
        let span = try window.window()
        let config = try segmentOptions.load()
        let folder = try out.map { try OutputFolder($0, names: ["segments.csv", "transitions.csv", "segments.json"] + segmentOptions.fittedOutputs,
                                                      inputs: input.inputFiles()) }
        let clock = timing.clock()
        let dataset = try clock.measure("read") { try input.load(progress: Progress()) }
        try measures.checkNames(dataset)
        try periodLimit.checkSegmentSnapshots(dataset, window: span, rules: config.rules)
        let options = measures.options(undirected: input.undirected)
        let nodes = NodeTable(members: dataset.members)
        let shown = nodes.shown(under: options)
        let groups = StructureAnalysis.primaryGroups(nodes.attributes, nodeCount: dataset.members.count, named: options.groupAttributes)
        let labels = try segmentOptions.loadLabels(dataset, rules: config.rules)
        let analysis = try clock.measure("segments") {
            try SegmentAnalysis(dataset: dataset, window: span, options: options, config: config.rules,
                                configSource: segmentOptions.source(config, dataFolder: input.dataFolder), groups: groups, labels: labels,
                                clock: clock)
        }
        defer { timing.report(clock) }
        guard let out else {
            try clock.measure("write segments.csv") {
                let writer = CSVTableWriter(standardOutputHeader: SegmentRow.columns.map(\.name))
                if let analysis {
                    for v in 0..<dataset.members.count { try writer.writeRow(analysis.row(v, ids: shown.ids), columns: SegmentRow.columns) }
                }
                try writer.commit()
            }
            try input.enforceStrict(dataset, rejectsFile: nil)
            return
        }
        guard let folder else { return }
        try clock.measure("write segments.csv") {
            try folder.write("segments.csv") { try ReportWriters.writeSegments(analysis?.rows(ids: shown.ids) ?? RowList([]), to: $0) }
        }
        try clock.measure("write transitions.csv") {
            try folder.write("transitions.csv") { try ReportWriters.writeTransitions(analysis?.transitionRows ?? [], to: $0) }
        }
        var written = ["segments.csv", "transitions.csv"].map { out + "/" + $0 }
        let summary = analysis?.summary(ids: shown.ids)
        if let summary {
            try clock.measure("write segments.json") { try folder.write("segments.json") { try ReportWriters.writeJSON(summary, to: $0) } }
            written.append(out + "/segments.json")
        }
        if try segmentOptions.writeFitted(analysis, into: folder) { written.append(out + "/" + SegmentOptions.fittedName) }
        try folder.publish()
        if let summary { print(SegmentsCommand.describe(summary)) } else { print("no record in the window: no segments") }
        print("wrote \(written.joined(separator: ", "))")
        try input.enforceStrict(dataset, rejectsFile: nil)
    }

    /// One line of counts, the movements since the previous snapshot, and the k-means agreement.
    static func describe(_ s: Report.SegmentsSummary) -> String { TerminalSummary.segmentLines(s) }
}
