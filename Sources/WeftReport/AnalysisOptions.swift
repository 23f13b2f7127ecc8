import WeftAnalysis
import WeftGraph
import WeftIO

/// Which network the measures run on.
public enum NetworkKind: String, CaseIterable, Sendable {
    /// Interactions between members (directed unless `--undirected`).
    case interactions
    /// Members tied by the number of events they attended together.
    case coAttendance = "co-attendance"
    /// Members tied by co-attendance weighted 1/(event size − 1) (Newman).
    case coAttendanceNewman = "co-attendance-newman"
    /// Events tied by the number of members they share (the nodes are events, not members).
    case events
    /// A layer of ONA survey nominations (`--network survey:RELATION[@WAVE]`; see `survey`).
    case survey

    /// Whether the network's nodes are the members.
    public var nodesAreMembers: Bool { self != .events }
}

/// How the measures are computed. Defaults follow NetworkX, so values can be checked against it.
public struct AnalysisOptions: Sendable {
    public var network: NetworkKind = .interactions
    /// The survey layer when `network` is `.survey`, and its symmetrisation (nil: by response rate).
    public var survey: SurveySelection?
    public var surveySymmetrisation: SurveySymmetrisation?
    /// Dates of survey waves whose labels are not dates (label → UTC seconds).
    public var surveyWaveDates: [String: Int64] = [:]
    public var undirected = false
    public var symmetrisation: Symmetrisation = .sum
    /// Betweenness and closeness with distance = 1/weight instead of hop counts.
    public var weightedPaths = false
    /// Estimate betweenness and closeness from this many sampled source members (nil: exact up to
    /// `exactPathLimit` members, sampled from `automaticPathSamples` sources above it).
    public var pathSamples: Int?
    /// Largest network on which betweenness and closeness are exact by default: one search per
    /// member costs O(n·m), minutes or hours on hundreds of thousands of members.
    public var exactPathLimit = 20_000
    public static let automaticPathSamples = 500
    /// Largest network whose segments run beside the measures (`Analysis`): above it they run
    /// after them, so that their snapshots' networks and searches do not add to the measures'
    /// peak memory (500,000 members: 1,583 MB beside against 1,447 MB after).
    public static let concurrentSegmentsLimit = 100_000

    /// The number of sampled sources for a network of `n` members (nil = exact).
    public func pathSources(nodeCount n: Int) -> Int? {
        if let pathSamples { return pathSamples }
        return n > exactPathLimit ? AnalysisOptions.automaticPathSamples : nil
    }
    /// Seed for everything random (sampled betweenness, communities, permutation tests).
    public var seed: UInt64 = 42
    /// CUG draws and bootstrap samples for the survey figures' tests and intervals
    /// (`--inference-draws`; report.json `survey.inference`); 0 turns them off.
    public var inferenceDraws = 1000
    /// Personalised PageRank: teleport only to these node ids (empty = uniform teleport).
    public var pagerankSeeds: [String] = []
    /// Replace ids by pseudonyms, drop names, and keep only `keptAttributes` in the outputs.
    public var pseudonymise = false
    /// A previous run's community number per output id (`--previous`): community numbers are
    /// aligned to it (`NumberAlignment`); nil: 1 = largest.
    public var previousCommunities: [String: Int]? = nil
    /// A previous run's k-means cluster number per output id (`--previous`, segments.csv's
    /// `cluster`): cluster numbers are aligned to it; nil: cluster i is i + 1.
    public var previousClusters: [String: Int]? = nil
    /// Where the previous run's numbers came from, as report.json records it.
    public var previousSource: String? = nil
    public var keptAttributes: [String] = []
    /// The secret that keys pseudonyms (see `NodeTable.pseudonymised`); nil: pseudonyms by member order.
    public var pseudonymKey: [UInt8]? = nil
    /// Dense (BLAS/LAPACK) or sparse kernels for the spectral measures.
    public var kernel: KernelPath = .auto
    /// Community detection (nil: none), its modularity resolution γ and independent restarts
    /// (nil: `Communities.defaultRestarts(tieCount:)`).
    public var communityMethod: Communities.Method? = .leiden
    public var resolution = 1.0
    public var communityRestarts: Int?
    /// Member attributes used as groups (E-I, mixing, brokerage, modularity by attribute); the
    /// first is the primary one. nil: every categorical-looking attribute, in file order.
    public var groupAttributes: [String]?

    /// Periods, tie strength and tie change (the timeline and ties outputs).
    public var time = TimeSettings()

    /// Engagement segment rules and settings, and where they came from (a path, or "default").
    public var segments = SegmentConfigFile.defaultConfig
    public var segmentsSource = "default"
    /// Members the team is sure of (`--labels`): the segment thresholds are fitted to them.
    public var segmentLabels: [SegmentCalibration.Label]?
    /// Whether `Analysis` computes the segments (`weft metrics` needs none).
    public var computesSegments = true
    /// Whether `Analysis` frees the interaction records as soon as its last stage that reads
    /// them is done (`Analysis.dataset.interactions` is then empty): for a caller whose outputs
    /// read only what the analysis computed — not report.html, whose period maps are drawn from
    /// the records. On the L sample's ten million records, 188 MB less for the rest of the run.
    public var releasesRecords = false

    public init() {}

    /// The network these options ask for, built from `dataset`'s records in `window`.
    public func graph(of dataset: Dataset, in window: TimeWindow) -> Graph {
        let n = dataset.members.count
        switch network {
        case .interactions:
            return GraphBuilder(undirected: undirected, symmetrisation: symmetrisation)
                .build(dataset.interactions, nodeCount: n, window: window)
        case .coAttendance, .coAttendanceNewman:
            return TwoModeProjection.members(dataset.attendance, memberCount: n, window: window,
                                             weighting: network == .coAttendance ? .count : .newman, path: kernel)
        case .events:
            return TwoModeProjection.events(dataset.attendance, memberCount: n, window: window, path: kernel)
        case .survey:
            // Waves, not the time window, select survey data; a selection that does not resolve
            // (checked by the command before) gives an empty graph.
            guard let layer = surveyLayer(of: dataset) else { return GraphBuilder().build(InteractionLog(), nodeCount: n) }
            return layer.graph(dataset)
        }
    }

    /// The survey layer `--network survey:…` selects; nil on other networks, or when the
    /// selection does not resolve (the command checks that before).
    public func surveyLayer(of dataset: Dataset) -> SurveyNetwork? {
        guard network == .survey, let survey else { return nil }
        return try? SurveyNetwork(dataset: dataset, selection: survey, symmetrisation: surveySymmetrisation,
                                  groupAttributes: groupAttributes, waveDates: surveyWaveDates)
    }
}

/// How time is cut and ties are weighed over it (../shared/domain-brief.md §4).
public struct TimeSettings: Sendable, Equatable {
    /// Calendar periods, or custom period starts (UTC seconds) when `boundaries` is set.
    public var period: PeriodUnit = .month
    public var boundaries: [Int64]?
    public var halfLifeDays = 180.0
    /// Weight per interaction type label (unlisted types weigh 1); `co-attendance` and
    /// `co-presenting` weigh the pair records derived from attendance.
    public var typeWeights = TimeSettings.defaultTypeWeights
    public var rule = TieChangeRule()
    /// Events above `largeEventSize` attendees make weaker co-attendance records; above
    /// `maxEventSize` none (see `AttendanceTies`).
    public var largeEventSize = 10
    public var maxEventSize = 100
    /// How many members the "drifting away" list names.
    public var driftingListLength = 20
    /// Leave out periods with no record, so each period is compared with the previous one that
    /// has records (`--skip-empty-periods`).
    public var skipEmptyPeriods = false

    public static let defaultTypeWeights: [String: Double] = [
        AttendanceTies.coAttendance: 0.25, "message": 0.5, "email": 0.5, "chat": 0.5,
        "call": 1, "meeting": 1, "visit": 1, AttendanceTies.coPresenting: 2, "co-authoring": 3,
    ]

    public init() {}
}
