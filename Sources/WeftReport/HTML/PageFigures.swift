import WeftAnalysis
import WeftGraph
import WeftIO

/// What report.html reads beyond `Report` and the tables of `ReportModel`: the measures its maps
/// and lists draw (held as the measures' own results, computed once by the analysis), the layout's
/// dot sizes, the brief's findings, each period's ties among the drawn members, and the run's
/// settings the Methods section states. Built by `Analysis.model(…)`; the page computes nothing
/// from it but presentation (ranking, colours, words).
public struct PageFigures: Sendable {
    public let structure: StructureAnalysis
    public let time: TimeAnalysis?
    public let segments: SegmentAnalysis?
    public let degrees: DegreeCentrality
    public let betweenness: Betweenness
    /// The number each community is shown with (nil: its index + 1).
    public let communityNumbers: [Int]?
    /// Whether the page may show the primary group attribute's values.
    public let showsGroupLabels: Bool
    public let windowLabels: Report.Window
    /// The map's dot sizes, one per node (`HTMLReport.Options.sizeBy`).
    public let sizes: [Double]
    /// The figures of "In brief".
    public let findings: Findings
    /// The whole window's ties among the map's drawn members (pairs as in `periodTies`).
    public let mapTies: [Int32]
    /// periodTies[p]: period p's undirected ties among the map's drawn members, as pairs of
    /// positions in `NetworkMap.members` (flattened: i₀, j₀, i₁, j₁, …, in the order the map draws
    /// them); nil for a period no map shows (`PageFigures.periodsShown`).
    public let periodTies: [[Int32]?]
    public let settings: Settings

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
