import WeftAnalysis
import WeftGraph
import WeftIO

/// The report model: every figure an output of `weft analyze` shows, computed once by
/// `Analysis.model(…)` and never changed afterwards. The writers — report.json and summary.json,
/// the CSV tables, network.json, GraphML, GEXF, report.html and the terminal summary — take this
/// and nothing else: none of them holds the dataset or the analysis options, so none can build a
/// graph, count records or do calendar arithmetic, and two outputs showing the same figure read
/// it from the same place.
///
/// Per-member and per-tie figures are held as the measures' own arrays (no copy) and gathered
/// into rows on demand (`members`, `segmentRows`, `ties`), so that a network of hundreds of
/// thousands of members never sits in memory twice. A test can build a model by hand from rows
/// (`RowList(_:)`) without running an analysis.
public struct ReportModel: Sendable {
    /// report.json's model: every network-level figure, the summary and the run's metadata.
    public let report: Report
    /// The nodes as the outputs show them: ids (pseudonyms when pseudonymised), display names and
    /// the attribute columns the outputs keep.
    public let nodes: NodeTable
    /// The measured network; its ties are the network files' edges.
    public let graph: Graph
    /// members.csv's rows, one per node in node order (also report.json's `members` and the
    /// network files' node data).
    public let members: RowList<MemberRow>
    /// timeline.csv's rows, one per period (empty without periods).
    public let timeline: [TimelineRow]
    /// ties.csv's rows in (source, target) order (report.json's `ties`).
    public let ties: RowStream<TieRow>
    /// segments.csv's rows, one per member (empty without segments).
    public let segmentRows: RowList<SegmentRow>
    /// transitions.csv's rows.
    public let transitions: [TransitionRow]
    /// communities.csv's rows, numbered as the outputs show them.
    public let communities: [StructureAnalysis.CommunityRow]
    /// Each node's engagement segment at the main snapshot (the network files' `segment`); nil
    /// without segments.
    public let memberSegments: MemberSegments?
    /// What a survey layer says about each tie (the network files' edge data on a survey layer).
    public let surveyEdges: SurveyEdges?
    /// When each tie was present, for GEXF's spells; nil without periods.
    public let tieSpells: TieSpells?
    /// The rejected input rows (rejects.csv) and whether their values are withheld.
    public let rejects: [Reject]
    public let pseudonymised: Bool
    /// report.html's layout, shared by network.json, GraphML and GEXF; nil when no output draws.
    public let map: NetworkMap?
    /// What report.html reads beyond the tables (nil: a model without a page).
    public let page: PageFigures?

    public init(report: Report, nodes: NodeTable, graph: Graph, members: RowList<MemberRow>, timeline: [TimelineRow] = [],
                ties: RowStream<TieRow> = RowStream([]), segmentRows: RowList<SegmentRow> = RowList([]),
                transitions: [TransitionRow] = [], communities: [StructureAnalysis.CommunityRow] = [],
                memberSegments: MemberSegments? = nil, surveyEdges: SurveyEdges? = nil, tieSpells: TieSpells? = nil,
                rejects: [Reject] = [], pseudonymised: Bool = false, map: NetworkMap? = nil, page: PageFigures? = nil) {
        self.report = report
        self.nodes = nodes
        self.graph = graph
        self.members = members
        self.timeline = timeline
        self.ties = ties
        self.segmentRows = segmentRows
        self.transitions = transitions
        self.communities = communities
        self.memberSegments = memberSegments
        self.surveyEdges = surveyEdges
        self.tieSpells = tieSpells
        self.rejects = rejects
        self.pseudonymised = pseudonymised
        self.map = map
        self.page = page
    }

    /// The same model with report.json's `measures.timings` set (`--timings` records the writers'
    /// own stages, so the report is completed after them).
    public func recording(timings: StageClock.Record?) -> ReportModel {
        var report = self.report
        report.measures.timings = timings
        return ReportModel(report: report, nodes: nodes, graph: graph, members: members, timeline: timeline, ties: ties,
                           segmentRows: segmentRows, transitions: transitions, communities: communities,
                           memberSegments: memberSegments, surveyEdges: surveyEdges, tieSpells: tieSpells, rejects: rejects,
                           pseudonymised: pseudonymised, map: map, page: page)
    }

    /// Each node's segment: `names[segment[v]]`.
    public struct MemberSegments: Sendable {
        public let names: [String]
        public let segment: [Int32]

        public init(names: [String], segment: [Int32]) {
            self.names = names
            self.segment = segment
        }

        public func name(of v: Int) -> String { names[Int(segment[v])] }
    }

    /// When each tie of `graph` was present: `runs(i)` gives tie i's runs of consecutive periods,
    /// `start[p]` the first day and `lastDay[p]` the last day (UTC dates) of period p.
    public struct TieSpells: Sendable {
        public let runs: @Sendable (Int) -> [ClosedRange<Int>]
        public let start: [String]
        public let lastDay: [String]

        public init(runs: @escaping @Sendable (Int) -> [ClosedRange<Int>], start: [String], lastDay: [String]) {
            self.runs = runs
            self.start = start
            self.lastDay = lastDay
        }
    }
}

/// Rows of a table, gathered on demand from arrays computed once: `count` rows, row i by subscript.
public struct RowList<Row>: Sendable {
    public let count: Int
    private let make: @Sendable (Int) -> Row

    /// Rows gathered by `row` (a pure read of computed arrays; called once per row per writer).
    public init(count: Int, _ row: @escaping @Sendable (Int) -> Row) {
        self.count = count
        make = row
    }

    /// Rows held as they are (a hand-built model).
    public init(_ rows: [Row]) where Row: Sendable {
        self.init(count: rows.count) { rows[$0] }
    }

    public subscript(i: Int) -> Row { make(i) }
}

/// Rows of a table visited in order without holding them all (ties.csv: one row per tie):
/// `positions` slots, each giving at most one row, visited a range at a time, so that a writer
/// can format ranges side by side and write them in order.
public struct RowStream<Row>: Sendable {
    public let positions: Int
    private let visit: @Sendable (Range<Int>, (Row) -> Void) -> Void

    /// Rows that `visit(range, body)` gives, in order, for the positions in `range` (a pure read
    /// of computed arrays: ranges may be visited side by side).
    public init(positions: Int, _ visit: @escaping @Sendable (Range<Int>, (Row) -> Void) -> Void) {
        self.positions = positions
        self.visit = visit
    }

    /// Rows held as they are (a hand-built model).
    public init(_ rows: [Row]) where Row: Sendable {
        self.init(positions: rows.count) { range, body in for row in rows[range] { body(row) } }
    }

    /// A list's rows, one per position.
    public init(_ list: RowList<Row>) {
        self.init(positions: list.count) { range, body in for i in range { body(list[i]) } }
    }

    /// Visits the rows of the positions in `range`, in order.
    public func forEach(in range: Range<Int>, _ body: (Row) -> Void) {
        withoutActuallyEscaping(body) { visit(range, $0) }
    }
}
