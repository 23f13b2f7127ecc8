import WeftAnalysis
import WeftGraph
import WeftIO

/// The figures behind report.html's "In brief" section, the plain-language answers to the
/// questions a network's team asks first: how many members are active and connected, who holds
/// the network together, who is drifting away. Each is computed here, once, from the analysis;
/// the writer only puts them into sentences. The rest of the brief (cross-group share, segment
/// shares and movement, the change since the last survey wave) restates `Report.summary` and
/// `Report.survey`, which already hold it.
///
/// Not part of report.json: every figure is either already there (`summary`, `network`,
/// `members[].betweenness_normalized`, `time.drifting_away`) or a count of it.
public struct Findings: Sendable {
    /// All members, and those with at least one interaction or attendance record in the window.
    public let members: Int
    public let activeMembers: Int
    /// Members with at least one tie in the window (all members minus the isolates).
    public let connectedMembers: Int
    /// Members of the largest weakly connected component: those who can reach each other
    /// through chains of ties.
    public let largestComponent: Int
    /// Values of the primary group attribute (e.g. countries) held by at least one member; nil
    /// without a group attribute.
    public let groupValues: Int?
    /// The members who most often lie on the shortest paths between others (normalised
    /// betweenness, Brandes 2001), at most `Findings.namedMembers`, highest first (ties: member
    /// order); members with betweenness 0 are never listed.
    public let brokers: [Int]
    /// The brokers' share of the network's summed normalised betweenness (0 without brokers):
    /// how far the go-between role is concentrated in them.
    public let brokerShare: Double
    /// Members drifting away (`TimeAnalysis.driftingAway`: total tie strength at the window's end
    /// furthest below their own peak, among members whose peak reached the median), the first
    /// `Findings.namedMembers`, and the full list (at most `TimeSettings.driftingListLength`).
    public let drifting: [Int]
    public let driftingMembers: [Int]
    public var driftingCount: Int { driftingMembers.count }
    /// The last days (UTC dates) of the two segment snapshots that `Report.Summary.movement`
    /// compares, and the snapshots' length in months (0: from the window's start); nil with fewer
    /// than two snapshots.
    public let movementSpan: (from: String, to: String, months: Int)?

    /// How many members the brief names per question.
    public static let namedMembers = 3
}

extension Findings {
    /// The brief's figures of an analysis; `drifting` is the drifting-away list, strongest fall first.
    init(analysis a: Analysis, report: Report, drifting list: [PageFigures.Time.Drifting]) {
        members = report.summary.members
        activeMembers = report.summary.activeMembers
        connectedMembers = report.network.members - report.network.isolates
        largestComponent = report.network.weakComponents.largest
        groupValues = a.structure.primary.map { p in p.groups.sizes.filter { $0 > 0 }.count }
        let b = a.betweenness.normalised
        let ranked = b.indices.filter { b[$0] > 0 }.sorted { b[$0] != b[$1] ? b[$0] > b[$1] : $0 < $1 }
        brokers = Array(ranked.prefix(Findings.namedMembers))
        let total = b.reduce(0, +)
        brokerShare = total > 0 ? brokers.reduce(0) { $0 + b[$1] } / total : 0
        driftingMembers = list.map(\.member)
        drifting = Array(driftingMembers.prefix(Findings.namedMembers))
        movementSpan = a.segments.flatMap { s in
            guard s.snapshots.count >= 2 else { return nil }
            let last = { (w: TimeWindow) in Timestamp.formatDate((w.end ?? 1) - 1) }
            return (last(s.snapshots[s.snapshots.count - 2].window), last(s.main.window), s.config.windowMonths)
        }
    }
}
