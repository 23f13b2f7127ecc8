import WeftAnalysis
import WeftGraph
import WeftIO

/// One member's figures: a row of members.csv and an entry of report.json's `members` object.
/// `columns` is the one list of names and values both writers use, so they cannot disagree.
/// See docs/outputs.md ("members.csv").
public struct MemberRow: Sendable, Equatable {
    public var name: String
    public var active: Bool
    public var inDegree: Int
    public var outDegree: Int
    public var degree: Int
    public var neighbours: Int
    public var inStrength: Double
    public var outStrength: Double
    public var strength: Double
    public var betweenness: Double
    public var betweennessNormalized: Double
    public var closeness: Double
    public var closenessOut: Double
    public var harmonic: Double
    public var eigenvector: Double
    public var pagerank: Double
    public var katz: Double
    public var hub: Double
    public var authority: Double
    public var clustering: Double
    public var clusteringWeighted: Double
    public var coreNumber: Int
    public var reach2: Int
    public var isolate: Bool
    public var weakComponent: Int
    public var strongComponent: Int
    /// Structure (see `StructureAnalysis`); nil when not computed or not applicable.
    public var community: Int? = nil
    public var core: Bool? = nil
    public var coreness: Double? = nil
    public var constraint: Double? = nil
    public var effectiveSize: Double? = nil
    public var efficiency: Double? = nil
    public var constraintWeighted: Double? = nil
    public var effectiveSizeWeighted: Double? = nil
    public var efficiencyWeighted: Double? = nil
    /// The primary group attribute: the member's E-I index, whether they have a tie outside
    /// their group, and their Gould–Fernandez brokerage counts and z-scores (in
    /// `BrokerageRoles.Role` order).
    public var eiIndex: Double? = nil
    public var crossesGroups: Bool? = nil
    public var brokerage: [Int]? = nil
    public var brokerageZ: [Double]? = nil
    /// Time (see `TimeAnalysis`): first and last record, tenure in days, active periods, total
    /// decayed tie strength at the last period end and at its peak.
    public var firstActivity: Int64? = nil
    public var lastActivity: Int64? = nil
    public var tenureDays: Double? = nil
    public var activePeriods: Int? = nil
    public var tieStrength: Double? = nil
    public var tieStrengthPeak: Double? = nil

    /// members.csv's measure columns, in order, with how each is written. `id` comes first and the
    /// member attributes last; JSON uses the same names.
    public static let columns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = measureColumns + structureColumns + brokerageColumns + timeColumns

    static let measureColumns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = [
        ("name", { .text($0.name) }),
        ("active", { .flag($0.active) }),
        ("in_degree", { .integer($0.inDegree) }),
        ("out_degree", { .integer($0.outDegree) }),
        ("degree", { .integer($0.degree) }),
        ("neighbours", { .integer($0.neighbours) }),
        ("in_strength", { .real($0.inStrength) }),
        ("out_strength", { .real($0.outStrength) }),
        ("strength", { .real($0.strength) }),
        ("betweenness", { .real($0.betweenness) }),
        ("betweenness_normalized", { .real($0.betweennessNormalized) }),
        ("closeness", { .real($0.closeness) }),
        ("closeness_out", { .real($0.closenessOut) }),
        ("harmonic", { .real($0.harmonic) }),
        ("eigenvector", { .real($0.eigenvector) }),
        ("pagerank", { .real($0.pagerank) }),
        ("katz", { .real($0.katz) }),
        ("hub", { .real($0.hub) }),
        ("authority", { .real($0.authority) }),
        ("clustering", { .real($0.clustering) }),
        ("clustering_weighted", { .real($0.clusteringWeighted) }),
        ("core_number", { .integer($0.coreNumber) }),
        ("reach_2", { .integer($0.reach2) }),
        ("isolate", { .flag($0.isolate) }),
        ("weak_component", { .integer($0.weakComponent) }),
        ("strong_component", { .integer($0.strongComponent) }),
    ]

    static let structureColumns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = [
        ("community", { $0.community.map { .integer($0) } ?? .empty }),
        ("core", { $0.core.map { .flag($0) } ?? .empty }),
        ("coreness", { real($0.coreness) }),
        ("constraint", { real($0.constraint) }),
        ("effective_size", { real($0.effectiveSize) }),
        ("efficiency", { real($0.efficiency) }),
        ("constraint_weighted", { real($0.constraintWeighted) }),
        ("effective_size_weighted", { real($0.effectiveSizeWeighted) }),
        ("efficiency_weighted", { real($0.efficiencyWeighted) }),
        ("ei_index", { real($0.eiIndex) }),
        ("crosses_groups", { $0.crossesGroups.map { .flag($0) } ?? .empty }),
    ]

    static let timeColumns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = [
        ("first_activity", { $0.firstActivity.map { .dateTime($0) } ?? .empty }),
        ("last_activity", { $0.lastActivity.map { .dateTime($0) } ?? .empty }),
        ("active_span_days", { real($0.tenureDays) }),
        ("active_periods", { $0.activePeriods.map { .integer($0) } ?? .empty }),
        ("decayed_strength", { real($0.tieStrength) }),
        ("decayed_strength_peak", { real($0.tieStrengthPeak) }),
    ]

    /// brokerage_<role> and brokerage_<role>_z for each Gould–Fernandez role.
    static let brokerageColumns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = BrokerageRoles.Role.allCases.flatMap { role in
        [("brokerage_\(role.label)", brokerageCount(role.rawValue)), ("brokerage_\(role.label)_z", brokerageZ(role.rawValue))]
    }

    private static func brokerageCount(_ r: Int) -> @Sendable (MemberRow) -> CSVCell {
        { row in row.brokerage.map { .integer($0[r]) } ?? .empty }
    }

    private static func brokerageZ(_ r: Int) -> @Sendable (MemberRow) -> CSVCell {
        { row in real(row.brokerageZ?[r]) }
    }
}

/// A measure that may be missing: empty when nil, `NaN` when undefined.
private func real(_ value: Double?) -> CSVCell { value.map { .real($0) } ?? .empty }
