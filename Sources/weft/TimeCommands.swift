import ArgumentParser
import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO
import WeftReport

/// The inputs, window, network and time options of `weft timeline` and `weft ties`, and the time
/// analysis they run (the same as `weft analyze`'s, without the other measures).
struct TimeInputs: ParsableArguments {
    @OptionGroup var input: InputOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var measures: MeasureOptions
    @OptionGroup(title: "Time") var time: TimeOptions

    @Option(name: .long, help: "Write the table to this file instead of standard output.")
    var out: String?

    @OptionGroup var timing: TimingsOption

    func run(_ body: (TimeAnalysis, Graph, NodeTable) throws -> (header: [String], write: (CSVTableWriter) throws -> Void)) throws {
        let span = try window.window()
        if let out { try input.inputFiles().check(output: out) }
        let clock = timing.clock()
        let dataset = try clock.measure("read") { try input.load(progress: Progress()) }
        try measures.checkNames(dataset)
        try time.checkPeriodCount(dataset, window: span)
        var options = measures.options(undirected: input.undirected)
        options.time = try time.settings()
        let graph = clock.measure("build network") { options.graph(of: dataset, in: span) }
        let nodes = NodeTable(members: dataset.members)
        let shown = nodes.shown(under: options)
        let groups = StructureAnalysis.primaryGroups(nodes.attributes, nodeCount: graph.nodeCount, named: options.groupAttributes)
        let analysis = try clock.measure("time") { try TimeAnalysis(dataset: dataset, window: span, options: options, graph: graph, groups: groups) }
        try clock.measure("write the table") {
            let table = try body(analysis, graph, shown)
            let writer = try out.map { try CSVTableWriter(path: $0, header: table.header) } ?? CSVTableWriter(standardOutputHeader: table.header)
            try table.write(writer)
            try writer.commit()
        }
        timing.report(clock)
        try input.enforceStrict(dataset, rejectsFile: nil)
    }
}

extension TimeInputs {
    static let surveyHasWaves = "survey layers are cut by waves, not calendar periods: analyse each wave (--network survey:RELATION@WAVE) or compare waves with weft qap"
}

/// `weft timeline`: the network's figures per period (timeline.csv).
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Write the network's figures per period as a CSV table (timeline.csv's columns).",
        discussion: "Without --out the table goes to standard output."
    )

    @OptionGroup var inputs: TimeInputs

    func validate() throws {
        if inputs.measures.network.kind == .events { throw ValidationError("--network events has no members over time") }
        if inputs.measures.network.kind == .survey { throw ValidationError(TimeInputs.surveyHasWaves) }
    }

    func run() throws {
        try inputs.run { time, _, _ in
            (TimelineRow.columns.map(\.name), { writer in
                for row in time.timeline { try writer.writeRow(row, columns: TimelineRow.columns) }
            })
        }
    }
}

/// `weft ties`: every tie with its strength over time and change class (ties.csv).
struct TiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ties",
        abstract: "Write every tie with its decayed strength, peak, change class, overlap and reciprocity as a CSV table (ties.csv's columns).",
        discussion: "Without --out the table goes to standard output."
    )

    @OptionGroup var inputs: TimeInputs

    func validate() throws {
        if inputs.measures.network.kind == .events { throw ValidationError("--network events has no members over time") }
        if inputs.measures.network.kind == .survey { throw ValidationError(TimeInputs.surveyHasWaves) }
    }

    func run() throws {
        try inputs.run { time, graph, nodes in
            (TieRow.columns.map(\.name), { writer in
                try time.forEachTie(graph: graph, ids: nodes.ids) { tie in try writer.writeRow(tie, columns: TieRow.columns) }
            })
        }
    }
}
