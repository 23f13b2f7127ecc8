import WeftAnalysis
import WeftGraph
import WeftIO

/// One member's figures: a row of members.csv and an entry of report.json's `members` object.
/// `columns` is the one list of names and values both writers use, so they cannot disagree.
/// See README ("members.csv").
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
    /// Structure (see `StructureAnalysis`); nil when not computed.
    public var community: Int? = nil

    /// members.csv's measure columns, in order, with how each is written. `id` comes first and the
    /// member attributes last; JSON uses the same names.
    public static let columns: [(name: String, cell: @Sendable (MemberRow) -> CSVCell)] = [
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
        ("community", { $0.community.map { .integer($0) } ?? .empty }),
    ]
}
