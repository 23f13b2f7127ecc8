import WeftAnalysis
import WeftGraph
import WeftIO

/// What report.html reads beyond `Report` and the tables of `ReportModel`, as plain values: the
/// per-member measures its maps and lists draw, the structure, time and segment figures it shows,
/// the layout's dot sizes, the brief's findings, each period's ties among the drawn members, and
/// the run's settings the Methods section states. Built by `Analysis.model(…)` (or by hand: every
/// field is public and plain); the page computes nothing from it but presentation (ranking,
/// colours, words).
public struct PageFigures: Sendable {
    /// Each member's number of neighbours (undirected degree).
    public var connections: [Int]
    /// Each member's normalised betweenness.
    public var betweenness: [Double]
    public var structure: Structure
    /// nil without dated records.
    public var time: Time?
    /// nil when segments were not computed.
    public var segments: Segments?
    /// The number each community is shown with (nil: its index + 1).
    public var communityNumbers: [Int]?
    /// Whether the page may show the primary group attribute's values.
    public var showsGroupLabels: Bool
    public var windowLabels: Report.Window
    /// The map's dot sizes, one per node (`HTMLReport.Options.sizeBy`).
    public var sizes: [Double]
    /// The figures of "In brief".
    public var findings: Findings
    /// The whole window's ties among the map's drawn members (pairs as in `periodTies`).
    public var mapTies: [Int32]
    /// periodTies[p]: period p's undirected ties among the map's drawn members, as pairs of
    /// positions in `NetworkMap.members` (flattened: i₀, j₀, i₁, j₁, …, in the order the map draws
    /// them); nil for a period no map shows (`PageFigures.periodsShown`).
    public var periodTies: [[Int32]?]
    public var settings: Settings

    /// The core–periphery split and coreness, structural holes, brokerage, the primary group
    /// attribute and the communities, per member.
    public struct Structure: Sendable {
        public var isCore: [Bool]
        public var coreness: [Double]
        /// Burt's constraint and effective size.
        public var constraint: [Double]
        public var effectiveSize: [Double]
        /// Gould–Fernandez brokerage roles per member, all five kinds summed (nil without a
        /// primary group attribute).
        public var brokerage: [Int]?
        public var primary: PrimaryGroups?
        /// The group attributes analysed (`--group-by`, or chosen), the primary one first.
        public var groupAttributes: [String]
        /// The communities (nil when none were computed).
        public var communities: NodeGroups?

        public init(isCore: [Bool], coreness: [Double], constraint: [Double], effectiveSize: [Double], brokerage: [Int]? = nil,
                    primary: PrimaryGroups? = nil, groupAttributes: [String] = [], communities: NodeGroups? = nil) {
            (self.isCore, self.coreness, self.constraint, self.effectiveSize) = (isCore, coreness, constraint, effectiveSize)
            (self.brokerage, self.primary, self.groupAttributes, self.communities) = (brokerage, primary, groupAttributes, communities)
        }
    }

    /// The attribute the page groups members by, its groups and each group's ties inside and out.
    public struct PrimaryGroups: Sendable {
        public var attribute: String
        public var groups: NodeGroups
        /// One per group, in group order.
        public var mixing: [EIIndex]

        public init(attribute: String, groups: NodeGroups, mixing: [EIIndex]) {
            (self.attribute, self.groups, self.mixing) = (attribute, groups, mixing)
        }
    }

    /// The periods, who was active in each, and the members drifting away.
    public struct Time: Sendable {
        /// The periods; nil when the window was not cut into periods.
        public var periods: Periods?
        /// active[v · periods + p]: member v had a record in period p (nil without periods).
        public var active: [Bool]?
        /// Each member's last record (nil: none in the window); empty without activity figures.
        public var lastActivity: [Int64?]
        /// The drifting-away list, strongest fall first.
        public var drifting: [Drifting]
        /// The period's unit (`month`, …); nil for periods given by their boundaries.
        public var unit: String?
        public var emptyPeriodsSkipped: Int

        public struct Drifting: Sendable, Equatable {
            public var member: Int
            public var peak: Double
            public var now: Double

            public init(member: Int, peak: Double, now: Double) { (self.member, self.peak, self.now) = (member, peak, now) }
        }

        public init(periods: Periods?, active: [Bool]?, lastActivity: [Int64?], drifting: [Drifting], unit: String?, emptyPeriodsSkipped: Int) {
            (self.periods, self.active, self.lastActivity, self.drifting) = (periods, active, lastActivity, drifting)
            (self.unit, self.emptyPeriodsSkipped) = (unit, emptyPeriodsSkipped)
        }

        /// Member v's last record (nil: none, or no activity figures).
        public func lastActivity(of v: Int) -> Int64? {
            lastActivity.indices.contains(v) ? lastActivity[v] : nil
        }

        /// Whether member v had a record in period p.
        public func isActive(_ v: Int, period p: Int) -> Bool {
            guard let active, let count = periods?.count else { return false }
            return active[v * count + p]
        }
    }

    /// The segment rules as configured and the rule each member's segment came from.
    public struct Segments: Sendable {
        public var rules: [SegmentRule]
        /// The members.csv column the governance flag is read from.
        public var governanceColumn: String
        /// Each member's rule in `rules` at the main snapshot (−1: none fired).
        public var rule: [Int32]
        /// The last transition matrix (rows: the segment before, columns: after), nil with one snapshot.
        public var lastTransitions: [[Int]]?

        public init(rules: [SegmentRule], governanceColumn: String, rule: [Int32], lastTransitions: [[Int]]?) {
            (self.rules, self.governanceColumn, self.rule, self.lastTransitions) = (rules, governanceColumn, rule, lastTransitions)
        }
    }

    /// The run's settings the page states.
    public struct Settings: Sendable {
        public let network: NetworkKind
        public let seed: UInt64
        public let pseudonymise: Bool
        /// Whether `--group-by` named the group attributes (else they were chosen automatically).
        public let groupAttributesGiven: Bool
        public let skipEmptyPeriods: Bool
        /// The time zone of times written without an offset.
        public let timeZone: String
        /// The input files' names (without folders).
        public let fileNames: [String]
        /// Whether the members file has the segment config's governance column.
        public let hasGovernanceColumn: Bool
    }

    /// Ties of `graph` among the drawn members of `map`, as pairs of positions in map order.
    static func drawnTies(_ graph: Graph, map: NetworkMap) -> [Int32] {
        var pairs: [Int32] = []
        for (i, v) in map.members.enumerated() {
            for u in graph.undirected.neighbours(of: v) where Int(u) > v && map.position[Int(u)] >= 0 {
                pairs.append(Int32(i))
                pairs.append(Int32(map.position[Int(u)]))
            }
        }
        return pairs
    }
}
