import Foundation
import WeftAnalysis
import WeftGraph
import WeftIO

/// One run of the analysis over a dataset: the window, the graph built for it, and the measures
/// computed on it. Produces the report model and the per-member table.
public struct Analysis: Sendable {
    public let dataset: Dataset
    public let window: TimeWindow
    public let windowLabels: Report.Window
    public let graph: Graph
    public let summary: NetworkSummary
    public let degrees: DegreeCentrality
    public let active: [Bool]

    public init(dataset: Dataset, window: TimeWindow, windowLabels: Report.Window, builder: GraphBuilder) {
        self.dataset = dataset
        self.window = window
        self.windowLabels = windowLabels
        graph = builder.build(dataset.interactions, nodeCount: dataset.members.count, window: window)
        summary = NetworkSummary(graph)
        degrees = DegreeCentrality(graph)
        active = dataset.activeMembers(in: window)
    }

    public func report(version: String) -> Report {
        let interactions = dataset.interactions.range(in: window)
        let attendance = dataset.attendance.range(in: window)
        var typeCounts: [String: Int] = [:]
        for k in interactions {
            typeCounts[dataset.interactions.types[Int32(dataset.interactions.type[k])], default: 0] += 1
        }
        var events = Set<Int32>()
        for k in attendance { events.insert(dataset.attendance.event[k]) }
        let times = [interactions.first.map { dataset.interactions.time[$0] },
                     interactions.last.map { dataset.interactions.time[$0] },
                     attendance.first.map { dataset.attendance.date[$0] },
                     attendance.last.map { dataset.attendance.date[$0] }].compactMap { $0 }
        return Report(
            generator: .init(version: version),
            window: windowLabels,
            graph: .init(directed: graph.isDirected, symmetrisation: graph.symmetrisation.rawValue),
            inputs: dataset.files.map {
                .init(kind: $0.kind.rawValue, path: $0.path, delimiter: $0.delimiter == "\t" ? "tab" : $0.delimiter,
                      rowsRead: $0.rowsRead, accepted: $0.accepted, rejected: $0.rejected, extraColumns: $0.extraColumns)
            },
            rows: .init(read: dataset.rowsRead, accepted: dataset.rowsAccepted, rejected: dataset.rowsRejected),
            members: .init(total: dataset.members.count, declared: dataset.members.declaredCount,
                           addedFromRecords: dataset.members.addedFromRecords,
                           active: active.reduce(0) { $0 + ($1 ? 1 : 0) }),
            records: .init(interactions: interactions.count, attendance: attendance.count, events: events.count,
                           firstRecord: times.min().map(Timestamp.formatDateTime),
                           lastRecord: times.max().map(Timestamp.formatDateTime),
                           interactionTypes: typeCounts),
            network: .init(members: summary.members, ties: summary.ties, density: summary.density,
                           averageDegree: summary.averageDegree, averageNeighbours: summary.averageNeighbours,
                           reciprocity: summary.reciprocity, reciprocatedTies: summary.reciprocatedTies,
                           isolates: summary.isolates,
                           weakComponents: .init(summary.weakComponents),
                           strongComponents: .init(summary.strongComponents)))
    }
}
