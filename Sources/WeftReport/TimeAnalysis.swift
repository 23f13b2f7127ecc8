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
    /// Periods without records left out by `--skip-empty-periods` (0 without it).
    public let emptyPeriodsSkipped: Int
    public let strength: TieStrengthSeries?
    public let activity: MemberActivity?
    public let timeline: [TimelineRow]
    /// Total tie strength per member at the last period end, and its highest at any period end.
    public let memberFinalStrength: [Double]
    public let memberPeakStrength: [Double]
    /// The periods in which each tie of the window's graph had a record (GEXF's edge spells).
    public let presence: TiePresence?
    /// Set when the data stop before the last calendar period's end (`partialLastPeriod(…)`).
    public let partialLastPeriod: PartialPeriod?
    /// The members drifting away (`driftingAway(limit: settings.driftingListLength)`), computed
    /// once for report.json, the page and the brief.
    public private(set) var drifting: [(member: Int, peak: Double, now: Double)] = []

    /// A last period the data do not cover: its start, the end it would have as a full calendar
    /// period, and the end of the data in it (the end of the last record's UTC day, or the
    /// window's end), all in seconds.
    public struct PartialPeriod: Sendable, Equatable {
        public let start: Int64
        public let nominalEnd: Int64
        public let dataEnd: Int64
    }
    /// Whether ties.csv shows record types pseudonymised (see `RecordTypeNames`).
    let pseudonymisesTypes: Bool

    /// - Parameters:
    ///   - graph: the network of the whole window (for reciprocity and overlap per tie).
    ///   - groups: the primary group attribute, for the timeline's E-I.
    public init(dataset: Dataset, window: TimeWindow, options: AnalysisOptions, graph: Graph, groups: NodeGroups?) throws {
        settings = options.time
        pseudonymisesTypes = options.pseudonymise
        let n = dataset.members.count
        guard let periods = try TimeAnalysis.periods(dataset, window: window, settings: options.time) else {
            (self.periods, strength, activity, timeline, presence, partialLastPeriod) = (nil, nil, nil, [], nil, nil)
            (memberFinalStrength, memberPeakStrength) = ([], [])
            emptyPeriodsSkipped = 0
            return
        }
        self.periods = periods
        emptyPeriodsSkipped = try TimeAnalysis.emptyPeriodsSkipped(dataset, window: window, settings: options.time, periods: periods)
        partialLastPeriod = try TimeAnalysis.partialLastPeriod(dataset, window: window, periods: periods, settings: options.time)
        let derived = try AttendanceTies.records(dataset.attendance, nodeCount: n, window: TimeWindow(end: periods.ends.last),
                                             largeEventSize: settings.largeEventSize, maxEventSize: settings.maxEventSize)
        let series = try TieStrengthSeries([dataset.interactions, derived], nodeCount: n, periods: periods,
                                       halfLifeDays: settings.halfLifeDays, typeWeights: settings.typeWeights,
                                       rule: settings.rule, keepsSeries: false)
        strength = series
        let activity = MemberActivity(interactions: dataset.interactions, attendance: dataset.attendance, nodeCount: n, periods: periods)
        self.activity = activity
        (memberFinalStrength, memberPeakStrength) = (series.memberFinalStrength, series.memberPeakStrength)
        let changes = series.changeCounts
        var rows: [TimelineRow] = []
        var previous: Graph?
        var presence = TiePresence(ties: graph.ties, periodCount: periods.count)
        for p in 0..<periods.count {
            let g = options.graph(of: dataset, in: TimeWindow(start: periods.starts[p], end: periods.ends[p]))
            try rows.append(TimelineRow(period: p, periods: periods, graph: g, previous: previous, activity: activity,
                                    changes: changes[p], groups: groups))
            presence.add(period: p, periodTies: g.ties, of: graph.ties)
            previous = g
        }
        timeline = rows
        self.presence = presence
        drifting = driftingAway(limit: settings.driftingListLength)
    }

    /// How many periods the time analysis of `dataset` over `window` would cut (0 when the window
    /// holds no record), and the first and last period starts: for refusing, before any work,
    /// a timeline that an outlying date or a short period would make enormous.
    public static func periodSpan(_ dataset: Dataset, window: TimeWindow, settings: TimeSettings) throws -> (count: Int, first: Int64, last: Int64)? {
        guard let periods = try periods(dataset, window: window, settings: settings) else { return nil }
        return (periods.count, periods.starts[0], periods.starts[periods.count - 1])
    }

    /// Calendar periods (or the custom boundaries) over the window's records: from the first
    /// record (or `--from`) to the last record (or `--to`); the last period is cut at the window's
    /// end. nil when the window holds no record.
    /// With `settings.skipEmptyPeriods`, periods with no interaction or attendance record are
    /// left out, so that each period is compared with the previous period that has records (daily
    /// data: Monday with Friday, not with an empty Sunday); the first and last periods always
    /// have records.
    static func periods(_ dataset: Dataset, window: TimeWindow, settings: TimeSettings) throws -> Periods? {
        guard let all = try calendarPeriods(dataset, window: window, settings: settings) else { return nil }
        guard settings.skipEmptyPeriods else { return all }
        var used = [Bool](repeating: false, count: all.count)
        for k in dataset.interactions.range(in: window) { if let p = all.index(containing: dataset.interactions.time[k]) { used[p] = true } }
        for k in dataset.attendance.range(in: window) { if let p = all.index(containing: dataset.attendance.date[k]) { used[p] = true } }
        let kept = all.starts.indices.filter { used[$0] }
        guard !kept.isEmpty else { return all }
        return try Periods(starts: kept.map { all.starts[$0] }, ends: kept.map { all.ends[$0] })
    }

    /// Periods with no record that `--skip-empty-periods` left out (0 without it).
    static func emptyPeriodsSkipped(_ dataset: Dataset, window: TimeWindow, settings: TimeSettings, periods: Periods) throws -> Int {
        guard settings.skipEmptyPeriods, let all = try calendarPeriods(dataset, window: window, settings: settings) else { return 0 }
        return all.count - periods.count
    }

    static func calendarPeriods(_ dataset: Dataset, window: TimeWindow, settings: TimeSettings) throws -> Periods? {
        let interactions = dataset.interactions.range(in: window), attendance = dataset.attendance.range(in: window)
        let firsts = [interactions.first.map { dataset.interactions.time[$0] }, attendance.first.map { dataset.attendance.date[$0] }]
        let lasts = [interactions.last.map { dataset.interactions.time[$0] }, attendance.last.map { dataset.attendance.date[$0] }]
        guard let first = firsts.compactMap({ $0 }).min(), let last = lasts.compactMap({ $0 }).max() else { return nil }
        let dataEnd = min(last + 1, window.end ?? Int64.max)
        if let boundaries = settings.boundaries {
            let inside = boundaries.filter { $0 < dataEnd }
            guard !inside.isEmpty else { return nil }
            return try Periods.boundaries(inside, dataEnd: dataEnd)
        }
        let calendar = try Periods.calendar(settings.period, covering: window.start.map { max($0, first) } ?? first, last)
        guard let end = window.end, end < calendar.ends[calendar.count - 1] else { return calendar }
        var ends = calendar.ends
        ends[ends.count - 1] = max(end, calendar.starts[calendar.count - 1] + 1)
        return try Periods(starts: calendar.starts, ends: ends)
    }

    /// The last calendar period when the data stop more than a day before its end: the end of
    /// the last record's UTC day (or the window's end, if earlier) lies before the period's
    /// calendar end. nil for custom boundaries (whose last period runs to the data's end by
    /// definition) and for a last period the data cover.
    static func partialLastPeriod(_ dataset: Dataset, window: TimeWindow, periods: Periods, settings: TimeSettings) throws -> PartialPeriod? {
        guard settings.boundaries == nil, let start = periods.starts.last else { return nil }
        let lasts = [dataset.interactions.range(in: window).last.map { dataset.interactions.time[$0] },
                     dataset.attendance.range(in: window).last.map { dataset.attendance.date[$0] }]
        guard let last = lasts.compactMap({ $0 }).max() else { return nil }
        let day = Timestamp.secondsPerDay
        let dataEnd = min((Timestamp.floorDiv(last, day) + 1) * day, window.end ?? Int64.max)
        let nominalEnd = try Periods.calendar(settings.period, covering: start, start).ends[0]
        return dataEnd < nominalEnd ? PartialPeriod(start: start, nominalEnd: nominalEnd, dataEnd: dataEnd) : nil
    }

    /// Sets member v's time columns.
    func fill(_ row: inout MemberRow, member v: Int) {
        guard periods != nil, let activity else { return }
        row.firstActivity = activity.first[v]
        row.lastActivity = activity.last[v]
        row.tenureDays = activity.tenureDays(v)
        row.activePeriods = activity.activePeriods[v]
        row.tieStrength = memberFinalStrength[v]
        row.tieStrengthPeak = memberPeakStrength[v]
    }

    /// Members drifting away: those whose total tie strength at the last period end fell furthest
    /// below their own peak, as a share of the peak ((peak − now) / peak, largest first; ties:
    /// larger absolute fall, then member order). Only members whose peak reached at least the
    /// median peak of members with ties count, so that a member who never had much to lose does
    /// not top the list. At most `limit`.
    public func driftingAway(limit: Int) -> [(member: Int, peak: Double, now: Double)] {
        guard periods != nil else { return [] }
        var candidates: [(member: Int, peak: Double, now: Double)] = []
        for v in memberPeakStrength.indices where memberPeakStrength[v] > 0 {
            candidates.append((v, memberPeakStrength[v], memberFinalStrength[v]))
        }
        guard !candidates.isEmpty else { return [] }
        let peaks = candidates.map(\.peak).sorted()
        let median = peaks[(peaks.count - 1) / 2]
        var falls = candidates.filter { $0.peak >= median && $0.now < $0.peak }
        falls.sort { a, b in
            let x = (a.peak - a.now) / a.peak, y = (b.peak - b.now) / b.peak
            if x != y { return x > y }
            if a.peak - a.now != b.peak - b.now { return a.peak - a.now > b.peak - b.now }
            return a.member < b.member
        }
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
}

extension TimelineRow {
    /// Period p's row, measured on its network (`graph`) against the previous period's.
    init(period p: Int, periods: Periods, graph: Graph, previous: Graph?, activity: MemberActivity,
         changes: [Int], groups: NodeGroups?) throws {
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
            let t = try TieTurnover(from: previous, to: graph)
            (tiesNew, tiesKept, tiesDropped, turnover) = (t.gained, t.kept, t.lost, t.jaccard)
        } else {
            (tiesNew, tiesKept, tiesDropped, turnover) = (summary.ties, 0, 0, nil)
        }
        self.changes = TieChange.counted.map { changes[Int($0.rawValue)] }
        membersNew = activity.newCount[p]
        membersReturning = activity.returningCount[p]
        retention = activity.retention(period: p)
        eiIndex = try groups.flatMap { try GroupMixing(graph, groups: $0).network.index }
    }

    public typealias Column = TableColumn<TimelineRow>

    private static func changeCount(_ index: Int) -> @Sendable (TimelineRow) -> CSVCell {
        { row in .integer(row.changes[index]) }
    }

    /// timeline.csv's columns, in order; report.json's `timeline` entries use the same names.
    public static let columns: [Column] = {
        var columns: [Column] = [
            ("period_start", { .dateTime($0.periodStart) }),
            ("period_end", { .dateTime($0.periodEnd) }),
            ("active_members", { .integer($0.activeMembers) }),
            ("tie_count", { .integer($0.ties) }),
            ("density", { .real($0.density) }),
            ("average_degree", { .real($0.averageDegree) }),
            ("reciprocity", { $0.reciprocity.map { .real($0) } ?? .empty }),
            ("transitivity", { .real($0.transitivity) }),
            ("components", { .integer($0.components) }),
            ("largest_component_share", { .real($0.largestComponentShare) }),
            ("new_tie_count", { .integer($0.tiesNew) }),
            ("kept_tie_count", { .integer($0.tiesKept) }),
            ("dropped_tie_count", { .integer($0.tiesDropped) }),
            ("turnover", { $0.turnover.map { .real($0) } ?? .empty }),
        ]
        for (index, change) in TieChange.counted.enumerated() {
            columns.append(("strength_class_" + change.label + "_count", changeCount(index)))
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

/// One tie (an unordered pair of members whose decayed strength reached θ at some period end):
/// a row of ties.csv and an entry of report.json's `ties`.
public struct TieRow: Sendable, Equatable {
    public var source: String
    public var target: String
    public var records: Int
    public var firstRecord: Int64
    public var lastRecord: Int64
    /// Interaction types among the records, `;`-separated in label order.
    public var types: String
    /// Records of two or more types.
    public var multiplex: Bool
    /// Both directions have a tie in the window's directed network (nil when undirected).
    public var reciprocated: Bool?
    /// Decayed strength at the last period end, its peak over the period ends and that period's
    /// start, and the change class at the last period end.
    public var strength: Double
    public var peakStrength: Double
    public var peakPeriod: Int64
    public var change: String
    /// Onnela's neighbourhood overlap in the window's undirected network and the neighbours the
    /// two share (nil when the pair has no tie in the window); bridging: no shared neighbour
    /// while one end has other contacts (a local bridge).
    public var overlap: Double?
    public var sharedNeighbours: Int?
    public var bridging: Bool?

    public typealias Column = TableColumn<TieRow>

    /// ties.csv's columns, in order; report.json's `ties` entries use the same names.
    public static let columns: [Column] = [
        ("source", { .text($0.source) }),
        ("target", { .text($0.target) }),
        ("records", { .integer($0.records) }),
        ("first_record", { .dateTime($0.firstRecord) }),
        ("last_record", { .dateTime($0.lastRecord) }),
        ("types", { .text($0.types) }),
        ("multiplex", { .flag($0.multiplex) }),
        ("reciprocated", { $0.reciprocated.map { .flag($0) } ?? .empty }),
        ("decayed_strength", { .real($0.strength) }),
        ("decayed_strength_peak", { .real($0.peakStrength) }),
        ("peak_period", { .dateTime($0.peakPeriod) }),
        ("change", { .plain($0.change) }),
        ("overlap", { $0.overlap.map { .real($0) } ?? .empty }),
        ("shared_neighbours", { $0.sharedNeighbours.map { .integer($0) } ?? .empty }),
        ("bridging", { $0.bridging.map { .flag($0) } ?? .empty }),
    ]
}

extension TimeAnalysis {
    /// The pairs of members the tie-strength series holds (`forEachTie`'s positions).
    public var tiePositions: Int { strength?.tieCount ?? 0 }

    /// Calls `body` with each tie's row, in (source, target) order, without holding them all:
    /// the pairs whose strength reached the tie threshold θ at some period end (pairs that never
    /// did, such as two members who once sat in the same large event, are not ties).
    /// `ids` names the members (pseudonyms in pseudonymised outputs). `positions` limits the
    /// visit to those of the `tiePositions` pairs the series holds (ranges may be visited side by side).
    public func forEachTie(in positions: Range<Int>? = nil, graph: Graph, ids: IdentifierRegistry,
                           _ body: (TieRow) throws -> Void) rethrows {
        guard let series = strength, let periods else { return }
        let undirected = graph.undirected
        let typeNames = RecordTypeNames(series.types, pseudonymise: pseudonymisesTypes)
        // A tie's record types as shown (sorted, `;`-joined) and how many, once per distinct set:
        // ties share a few dozen sets at most.
        var shownTypes: [UInt64: (text: String, count: Int)] = [:]
        func types(_ mask: UInt64) -> (text: String, count: Int) {
            if let known = shownTypes[mask] { return known }
            var names: [String] = []
            for c in series.types.indices where c < 64 && mask & TieTable.typeBit(UInt16(c)) != 0 && !series.types[c].isEmpty {
                names.append(typeNames.shown(series.types[c]))
            }
            names.sort()
            let shown = (names.joined(separator: ";"), names.count)
            shownTypes[mask] = shown
            return shown
        }
        try Adjacency.withViews(undirected, graph.out) { undirected, out in
            for i in positions ?? 0..<series.tieCount where series.peak[i] >= settings.rule.threshold {
                let a = series.source[i], b = series.target[i]
                let overlap = undirected.contains(Int(a), b) ? NeighbourhoodOverlap.of(undirected, Int(a), Int(b)) : nil
                let tieTypes = types(series.typeMask[i])
                let shared = overlap?.shared
                try body(TieRow(
                    source: ids[a], target: ids[b], records: Int(series.records[i]),
                    firstRecord: series.firstTime[i], lastRecord: series.lastTime[i],
                    types: tieTypes.text, multiplex: tieTypes.count >= 2,
                    reciprocated: graph.isDirected ? out.contains(Int(a), b) && out.contains(Int(b), a) : nil,
                    strength: series.finalStrength[i], peakStrength: series.peak[i],
                    peakPeriod: periods.starts[Int(series.peakPeriod[i])], change: TieChange(rawValue: series.finalChange[i])!.label,
                    overlap: overlap?.overlap, sharedNeighbours: shared,
                    bridging: shared.map { $0 == 0 && (undirected.degree(Int(a)) > 1 || undirected.degree(Int(b)) > 1) }))
            }
        }
    }
}

extension TimeAnalysis {
    /// report.json's `time`, naming members by `ids` (pseudonyms in pseudonymised outputs).
    func summary(ids: IdentifierRegistry) -> Report.TimeSummary? {
        guard let periods, let strength, let activity else { return nil }
        let last = strength.changeCounts.last ?? []
        var changes: [String: Int] = [:]
        for change in TieChange.counted { changes[change.label] = last.isEmpty ? 0 : last[Int(change.rawValue)] }
        let drifting = self.drifting.map { d in
            Report.DriftingMember(id: ids[Int32(d.member)], decayedStrengthPeak: d.peak, decayedStrength: d.now,
                                  lastActivity: activity.last[d.member].map(Timestamp.formatDateTime))
        }
        let rule = settings.rule
        return .init(period: settings.boundaries == nil ? settings.period.rawValue : "custom", periods: periods.count,
                     halfLifeDays: settings.halfLifeDays, typeWeights: settings.typeWeights,
                     tieThreshold: rule.threshold, relativeChange: rule.relativeChange,
                     dormancyMultiple: rule.dormancyMultiple, dormancyMinimumDays: rule.dormancyMinimumDays,
                     largeEventSize: settings.largeEventSize, maxEventSize: settings.maxEventSize,
                     tieCount: (0..<strength.tieCount).filter { strength.peak[$0] >= rule.threshold }.count,
                     tieChanges: changes, driftingAway: drifting, emptyPeriodsSkipped: emptyPeriodsSkipped,
                     comparedWith: settings.skipEmptyPeriods ? "previous period with records" : "previous period")
    }
}
