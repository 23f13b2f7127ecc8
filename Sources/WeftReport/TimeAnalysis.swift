import WeftAnalysis
import WeftGraph
import WeftIO

/// The network over time: periods over the window, decayed tie strength and tie change at each
/// period end, member activity and retention, and the per-period network figures (the timeline).
/// Part of `Analysis`, and on its own behind `weft ties` and `weft timeline`.
public struct TimeAnalysis: Sendable {
    /// The periods (nil when the window holds no record).
    public let periods: Periods?
    public let settings: TimeSettings
    public let strength: TieStrengthSeries?
    public let activity: MemberActivity?
    public let timeline: [TimelineRow]
    /// Total tie strength per member at each period end (n × periods).
    public let memberStrength: [Double]

    /// - Parameters:
    ///   - graph: the network of the whole window (for reciprocity and overlap per tie).
    ///   - groups: the primary group attribute, for the timeline's E-I.
    public init(dataset: Dataset, window: TimeWindow, options: AnalysisOptions, graph: Graph, groups: NodeGroups?) {
        settings = options.time
        let n = dataset.members.count
        guard let periods = TimeAnalysis.periods(dataset, window: window, settings: options.time) else {
            (self.periods, strength, activity, timeline, memberStrength) = (nil, nil, nil, [], [])
            return
        }
        self.periods = periods
        let derived = AttendanceTies.records(dataset.attendance, nodeCount: n, window: TimeWindow(end: periods.ends.last),
                                             largeEventSize: settings.largeEventSize, maxEventSize: settings.maxEventSize)
        let series = TieStrengthSeries([dataset.interactions, derived], nodeCount: n, periods: periods,
                                       halfLifeDays: settings.halfLifeDays, typeWeights: settings.typeWeights,
                                       rule: settings.rule)
        strength = series
        let activity = MemberActivity(interactions: dataset.interactions, attendance: dataset.attendance, nodeCount: n, periods: periods)
        self.activity = activity
        memberStrength = series.memberStrength(nodeCount: n)
        let changes = series.changeCounts()
        var rows: [TimelineRow] = []
        var previous: Graph?
        for p in 0..<periods.count {
            let g = options.graph(of: dataset, in: TimeWindow(start: periods.starts[p], end: periods.ends[p]))
            rows.append(TimelineRow(period: p, periods: periods, graph: g, previous: previous, activity: activity,
                                    changes: changes[p], groups: groups))
            previous = g
        }
        timeline = rows
    }

    /// Calendar periods (or the custom boundaries) over the window's records: from the first
    /// record (or `--from`) to the last record (or `--to`); the last period is cut at the window's
    /// end. nil when the window holds no record.
    static func periods(_ dataset: Dataset, window: TimeWindow, settings: TimeSettings) -> Periods? {
        let interactions = dataset.interactions.range(in: window), attendance = dataset.attendance.range(in: window)
        let firsts = [interactions.first.map { dataset.interactions.time[$0] }, attendance.first.map { dataset.attendance.date[$0] }]
        let lasts = [interactions.last.map { dataset.interactions.time[$0] }, attendance.last.map { dataset.attendance.date[$0] }]
        guard let first = firsts.compactMap({ $0 }).min(), let last = lasts.compactMap({ $0 }).max() else { return nil }
        let dataEnd = min(last + 1, window.end ?? Int64.max)
        if let boundaries = settings.boundaries {
            let inside = boundaries.filter { $0 < dataEnd }
            guard !inside.isEmpty else { return nil }
            return Periods.boundaries(inside, dataEnd: dataEnd)
        }
        let calendar = Periods.calendar(settings.period, covering: window.start.map { max($0, first) } ?? first, last)
        guard let end = window.end, end < calendar.ends[calendar.count - 1] else { return calendar }
        var ends = calendar.ends
        ends[ends.count - 1] = max(end, calendar.starts[calendar.count - 1] + 1)
        return Periods(starts: calendar.starts, ends: ends)
    }

    /// Members whose total tie strength fell the most from its peak (over the period ends) to
    /// the last period end, largest fall first (ties: member order); at most `limit`.
    public func driftingAway(limit: Int) -> [(member: Int, peak: Double, now: Double)] {
        guard let periods else { return [] }
        let count = periods.count, n = memberStrength.count / max(1, count)
        var falls: [(member: Int, peak: Double, now: Double)] = []
        for v in 0..<n {
            let row = memberStrength[(v * count)..<((v + 1) * count)]
            let peak = row.max() ?? 0, now = row.last ?? 0
            if peak - now > 0 { falls.append((v, peak, now)) }
        }
        falls.sort { ($0.peak - $0.now, $1.member) > ($1.peak - $1.now, $0.member) }
        return Array(falls.prefix(limit))
    }
}

/// One period of the timeline: timeline.csv's row and report.json's `timeline` entry.
public struct TimelineRow: Sendable, Equatable {
    public var periodStart: Int64
    public var periodEnd: Int64
    /// Members with a record in the period.
    public var activeMembers: Int
    /// Distinct ties with a record in the period (ordered pairs when directed).
    public var ties: Int
    public var density: Double
    public var averageDegree: Double
    public var reciprocity: Double?
    public var transitivity: Double
    public var components: Int
    public var largestComponentShare: Double
    /// Presence of ties in this period against the previous one (the first period keeps none).
    public var tiesNew: Int
    public var tiesKept: Int
    public var tiesDropped: Int
    /// Jaccard similarity of this period's and the previous period's tie sets (nil first).
    public var turnover: Double?
    /// Tie change classes at the period's end (decayed strength; see `TieChangeRule`).
    public var changes: [Int]
    public var membersNew: Int
    public var membersReturning: Int
    public var retention: Double?
    /// E-I index of the period's ties for the primary group attribute (nil without groups or ties).
    public var eiIndex: Double?

    init(period p: Int, periods: Periods, graph: Graph, previous: Graph?, activity: MemberActivity,
         changes: [Int], groups: NodeGroups?) {
        let summary = NetworkSummary(graph)
        periodStart = periods.starts[p]
        periodEnd = periods.ends[p]
        activeMembers = activity.activeCount[p]
        ties = summary.ties
        density = summary.density
        averageDegree = summary.averageDegree
        reciprocity = summary.reciprocity
        transitivity = Clustering(graph).transitivity
        components = summary.weakComponents.count
        largestComponentShare = graph.nodeCount == 0 ? 0 : Double(summary.weakComponents.largestSize) / Double(graph.nodeCount)
        if let previous {
            let t = TieTurnover(from: previous, to: graph)
            (tiesNew, tiesKept, tiesDropped, turnover) = (t.gained, t.kept, t.lost, t.jaccard)
        } else {
            (tiesNew, tiesKept, tiesDropped, turnover) = (summary.ties, 0, 0, nil)
        }
        self.changes = TieChange.counted.map { changes[Int($0.rawValue)] }
        membersNew = activity.newCount[p]
        membersReturning = activity.returningCount[p]
        retention = activity.retention(period: p)
        eiIndex = groups.flatMap { GroupMixing(graph, groups: $0).network.index }
    }

    public typealias Column = (name: String, cell: @Sendable (TimelineRow) -> CSVCell)

    private static func changeCount(_ index: Int) -> @Sendable (TimelineRow) -> CSVCell {
        { row in .integer(row.changes[index]) }
    }

    /// timeline.csv's columns, in order; report.json's `timeline` entries use the same names.
    public static let columns: [Column] = {
        var columns: [Column] = [
            ("period_start", { .plain(Timestamp.formatDateTime($0.periodStart)) }),
            ("period_end", { .plain(Timestamp.formatDateTime($0.periodEnd)) }),
            ("active_members", { .integer($0.activeMembers) }),
            ("ties", { .integer($0.ties) }),
            ("density", { .real($0.density) }),
            ("average_degree", { .real($0.averageDegree) }),
            ("reciprocity", { $0.reciprocity.map { .real($0) } ?? .empty }),
            ("transitivity", { .real($0.transitivity) }),
            ("components", { .integer($0.components) }),
            ("largest_component_share", { .real($0.largestComponentShare) }),
            ("ties_new", { .integer($0.tiesNew) }),
            ("ties_kept", { .integer($0.tiesKept) }),
            ("ties_dropped", { .integer($0.tiesDropped) }),
            ("turnover", { $0.turnover.map { .real($0) } ?? .empty }),
        ]
        for (index, change) in TieChange.counted.enumerated() {
            columns.append(("strength_" + change.label, changeCount(index)))
        }
        let activity: [Column] = [
            ("members_new", { .integer($0.membersNew) }),
            ("members_returning", { .integer($0.membersReturning) }),
            ("retention", { $0.retention.map { .real($0) } ?? .empty }),
            ("ei_index", { $0.eiIndex.map { .real($0) } ?? .empty }),
        ]
        return columns + activity
    }()
}
