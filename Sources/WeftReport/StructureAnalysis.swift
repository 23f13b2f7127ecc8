import LinearAlgebra
import WeftAnalysis
import WeftGraph
import WeftIO

/// The structure of one network: communities, core and periphery, structural holes, and how the
/// members' own groups (country, cohort, …) partition it — mixing, E-I and brokerage across
/// groups. Part of `Analysis`.
public struct StructureAnalysis: Sendable {
    /// A categorical member attribute used as a partition.
    public struct AttributeGrouping: Sendable {
        public let attribute: String
        public let groups: NodeGroups
        /// Modularity of the partition by this attribute (members with no value stand alone).
        public let modularity: Modularity
        /// Ties within and across the groups: mixing matrix, E-I, assortativity.
        public let mixing: GroupMixing
    }

    /// Louvain or Leiden communities (nil when switched off).
    public let communities: Communities?
    /// The attributes used as groups, in the order chosen (the first is the primary one).
    public let groupings: [AttributeGrouping]
    /// Borgatti–Everett core–periphery: the discrete model (binary cells, core–periphery cells
    /// missing, as UCINET) and the continuous coreness.
    public let core: DiscreteCorePeriphery
    public let coreness: ContinuousCorePeriphery
    /// Burt's structural holes, unweighted (NetworkX's default) and weighted.
    public let holes: StructuralHoles
    public let holesWeighted: StructuralHoles
    /// Gould–Fernandez brokerage roles across the primary attribute's groups (nil without one).
    public let brokerage: BrokerageRoles?

    /// - Parameters:
    ///   - corePeriphery: collects `corePeriphery(graph, seed:)`'s models.
    ///   - communities: collects the communities found on `graph`, nil when switched off.
    ///   Both are called once the rest is done (`Analysis` searches for them on threads of their
    ///   own meanwhile).
    public init(graph: Graph, nodes: NodeTable, options: AnalysisOptions,
                corePeriphery: () -> (DiscreteCorePeriphery, ContinuousCorePeriphery), communities: () -> Communities?) throws {
        // One grouping per attribute, each a pass over the ties: the attributes side by side.
        let columns = try StructureAnalysis.groupAttributes(nodes.attributes, nodeCount: graph.nodeCount, named: options.groupAttributes)
        groupings = try Parallel.map(chunks: columns.count) { c in
            Result { () throws -> AttributeGrouping in
                let groups = NodeGroups(column: columns[c], nodeCount: graph.nodeCount)
                return AttributeGrouping(attribute: columns[c].name, groups: groups,
                                         modularity: Modularity(graph, groups: groups, resolution: options.resolution),
                                         mixing: try GroupMixing(graph, groups: groups))
            }
        }.map { try $0.get() }
        holes = StructuralHoles(graph, weighted: false)
        holesWeighted = StructuralHoles(graph, weighted: true)
        brokerage = try groupings.first.map { try BrokerageRoles(graph, groups: $0.groups) }
        (core, coreness) = corePeriphery()
        self.communities = communities()
    }

    /// Borgatti–Everett's discrete and continuous core–periphery models of `graph`. They depend on
    /// the network alone and, on a large one, do not split themselves (coordinate descent and
    /// label flips), so `Analysis` runs them on a thread of their own beside the other measures.
    public static func corePeriphery(_ graph: Graph, seed: UInt64) -> (DiscreteCorePeriphery, ContinuousCorePeriphery) {
        let models = CorePeripheryModels(graph, seed: seed)
        return (models.discrete, models.continuous)
    }

    /// Sets member v's structure columns; `communityNumbers` gives each community's number
    /// (nil: index + 1).
    func fill(_ row: inout MemberRow, member v: Int, communityNumbers: [Int]?) {
        row.community = communities.map { c in communityNumbers?[Int(c.groups.group[v])] ?? Int(c.groups.group[v]) + 1 }
        row.core = core.isCore[v]
        row.coreness = coreness.coreness[v]
        (row.constraint, row.effectiveSize, row.efficiency) = (holes.constraint[v], holes.effectiveSize[v], holes.efficiency[v])
        (row.constraintWeighted, row.effectiveSizeWeighted, row.efficiencyWeighted) =
            (holesWeighted.constraint[v], holesWeighted.effectiveSize[v], holesWeighted.efficiency[v])
        if let primary, primary.groups.group[v] >= 0 {
            row.eiIndex = StructureAnalysis.memberEIIndex(primary.mixing, groups: primary.groups, member: v)
            row.crossesGroups = primary.mixing.crossesGroups[v]
            if let brokerage {
                row.brokerage = BrokerageRoles.Role.allCases.map { brokerage.counts[$0.rawValue][v] }
                row.brokerageZ = BrokerageRoles.Role.allCases.map { brokerage.z[$0.rawValue][v] }
            }
        }
    }

    /// Each member's E-I index (`GroupMixing.perMember`), nil for a member without a group: the
    /// one expression members.csv's `ei_index` and the engagement features' `ei_index` share.
    static func memberEIIndex(_ mixing: GroupMixing, groups: NodeGroups) -> [Double?] {
        mixing.perMember.indices.map { memberEIIndex(mixing, groups: groups, member: $0) }
    }

    /// Member v's E-I index, nil without a group.
    static func memberEIIndex(_ mixing: GroupMixing, groups: NodeGroups, member v: Int) -> Double? {
        groups.group[v] >= 0 ? mixing.perMember[v].index : nil
    }

    /// The primary grouping alone (the first of `groupAttributes`), for analyses that need no
    /// other structure (`weft timeline`).
    public static func primaryGroups(_ attributes: AttributeColumns, nodeCount: Int, named names: [String]?) -> NodeGroups? {
        groupAttributes(attributes, nodeCount: nodeCount, named: names).first.map { NodeGroups(column: $0, nodeCount: nodeCount) }
    }

    /// The attribute of the cross-group measures (E-I, mixing, brokerage): the first grouping.
    public var primary: AttributeGrouping? { groupings.first }

    /// The most distinct values an attribute may have to be taken as groups by default.
    public static let defaultGroupLimit = 100

    /// The most distinct values a default group attribute may have among n members:
    /// min(max(n/10, min(10, n/2)), `defaultGroupLimit`). Large networks allow one value per ten
    /// members; small ones up to 10 values, but never more than one per two members (20 members:
    /// 10 countries; 300 members: 30).
    public static func defaultGroupValueLimit(nodeCount n: Int) -> Int {
        min(max(n / 10, min(10, n / 2)), defaultGroupLimit)
    }

    /// The columns named in `names` (case-insensitive; unknown names are skipped), or by default
    /// every column that looks categorical: at least 2 distinct values and at most
    /// `defaultGroupValueLimit(nodeCount:)`, fewer distinct values than members with a value (not
    /// one value per member), not all of them dates or numbers (names, emails, join dates are left
    /// out). The limit keeps attributes with thousands of values (organisations on a national
    /// network) out unless asked for: their mixing tables would dwarf the report.
    static func groupAttributes(_ attributes: AttributeColumns, nodeCount: Int, named names: [String]?) -> [AttributeColumns.Column] {
        if let names {   // a name given twice is used once
            var seen = Set<String>()
            return names.compactMap { attributes.column(named: $0) }.filter { seen.insert($0.name).inserted }
        }
        return attributes.columns.filter { column in
            let values = (1..<column.values.count).map { column.values[Int32($0)] }   // code 0 is the empty value
            guard values.count >= 2, values.count <= defaultGroupValueLimit(nodeCount: nodeCount) else { return false }
            let withValue = (0..<nodeCount).reduce(0) { $0 + (column.value(at: $1).isEmpty ? 0 : 1) }
            guard values.count < withValue else { return false }   // one value per member: an identifier, not a group
            return !values.allSatisfy { value in
                if case .success = ISO8601.parse(value) { return true }
                return Double(value) != nil
            }
        }
    }
}

extension StructureAnalysis {
    /// One community's figures: a row of communities.csv.
    public struct CommunityRow: Sendable, Equatable {
        public var community: Int
        public var size: Int
        /// Ties with both ends inside, and their weight (L_c).
        public var tiesInside: Int
        public var weightInside: Double
        /// Ties with one end inside.
        public var tiesOutside: Int
        /// Sum of the members' strengths (K_c) and the community's term of the modularity.
        public var strength: Double
        public var modularityContribution: Double
        /// The most common value of the primary group attribute among the members, and its share
        /// of the members (ties: the value listed first in the data).
        public var topGroup: String?
        public var topGroupShare: Double?

        public static let columns: [(name: String, cell: @Sendable (CommunityRow) -> CSVCell)] = [
            ("community", { .integer($0.community) }),
            ("size", { .integer($0.size) }),
            ("ties_inside", { .integer($0.tiesInside) }),
            ("weight_inside", { .real($0.weightInside) }),
            ("ties_outside", { .integer($0.tiesOutside) }),
            ("strength", { .real($0.strength) }),
            ("modularity_contribution", { .real($0.modularityContribution) }),
            ("top_group", { $0.topGroup.map { .text($0) } ?? .empty }),
            ("top_group_share", { $0.topGroupShare.map { .real($0) } ?? .empty }),
        ]
    }

    /// communities.csv's rows in community-number order; empty when communities are off.
    /// `numbers` gives each community's number (nil: index + 1, so community 1, the largest,
    /// first). `showGroups` false leaves the primary attribute's values out (pseudonymised
    /// outputs that drop it).
    public func communityRows(_ graph: Graph, showGroups: Bool, numbers: [Int]? = nil) -> [CommunityRow] {
        guard let communities else { return [] }
        let k = communities.count
        let group = communities.groups.group
        var inside = [Int](repeating: 0, count: k), outside = [Int](repeating: 0, count: k)
        let a = graph.undirected
        for v in 0..<graph.nodeCount {
            let c = Int(group[v])
            for u in a.neighbours(of: v) where Int(u) > v {
                if group[Int(u)] == Int32(c) { inside[c] += 1 } else { outside[c] += 1; outside[Int(group[Int(u)])] += 1 }
            }
        }
        var top: [(String, Double)?] = Array(repeating: nil, count: k)
        if showGroups, let primary {
            var counts = [[Int]](repeating: [Int](repeating: 0, count: primary.groups.count), count: k)
            for v in 0..<graph.nodeCount where primary.groups.group[v] >= 0 { counts[Int(group[v])][Int(primary.groups.group[v])] += 1 }
            let sizes = communities.sizes
            for c in 0..<k {
                if let best = counts[c].indices.max(by: { counts[c][$0] < counts[c][$1] || (counts[c][$0] == counts[c][$1] && $0 > $1) }),
                   counts[c][best] > 0 {
                    top[c] = (primary.groups.labels[best], Double(counts[c][best]) / Double(sizes[c]))
                }
            }
        }
        let sizes = communities.sizes
        let m = communities.modularity
        return (0..<k).map { c in
            CommunityRow(community: numbers?[c] ?? c + 1, size: sizes[c], tiesInside: inside[c], weightInside: m.internalWeight[c],
                         tiesOutside: outside[c], strength: m.totalStrength[c], modularityContribution: m.contribution[c],
                         topGroup: top[c]?.0, topGroupShare: top[c]?.1)
        }.sorted { $0.community < $1.community }
    }
}

/// A finite value, or nil (JSON has no NaN).
func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

extension StructureAnalysis {
    /// report.json's `groups`: one summary per attribute. `showLabels` false replaces the group
    /// values by "group 1", "group 2", … (pseudonymised outputs that drop the attribute).
    func groupSummaries(showLabels: (String) -> Bool) -> [String: Report.GroupSummary] {
        Dictionary(uniqueKeysWithValues: groupings.map { g in
            let shown = showLabels(g.attribute)
            let labels = g.groups.labels.indices.map { shown ? g.groups.labels[$0] : "group \($0 + 1)" }
            let sizes = g.groups.sizes
            let m = g.mixing
            let perGroup = labels.enumerated().map { c, label in
                let ei = m.perGroup[c]
                return Report.GroupTies(group: label, members: sizes[c], internalTieCount: ei.internalTies, externalTieCount: ei.externalTies, eiIndex: ei.index)
            }
            let k = g.groups.count
            var cells: [[Int]] = []
            for a in 0..<k {
                for b in 0..<k where m.tieCounts[a, b] != 0 { cells.append([a, b, Int(m.tieCounts[a, b])]) }
            }
            return (g.attribute, Report.GroupSummary(
                groups: k, ungrouped: g.groups.group.filter { $0 < 0 }.count, modularity: g.modularity.value,
                eiIndex: m.network.index, eiIndexWeighted: m.network.weightedIndex, expectedEiIndex: m.expectedNetworkIndex,
                assortativity: finite(m.assortativity), crossingShareOfGrouped: m.crossingShareOfGrouped,
                crossingShareOfConnected: m.crossingShareOfConnected, perGroup: perGroup,
                mixing: .init(labels: labels, cells: cells)))
        })
    }

    var corePeripherySummary: Report.CorePeripherySummary {
        .init(correlation: finite(core.correlation), coreSize: core.coreSize, coreDensity: finite(core.coreDensity),
              crossDensity: finite(core.crossDensity), peripheryDensity: finite(core.peripheryDensity),
              corenessCorrelation: finite(coreness.correlation), corenessConverged: coreness.converged)
    }

    var brokerageSummary: Report.BrokerageSummary? {
        guard let brokerage, let primary else { return nil }
        var roles: [String: Report.RoleScore] = [:]
        for role in BrokerageRoles.Role.allCases {
            let score = brokerage.network[role.rawValue]
            roles[role.label] = .init(observed: score.observed, expected: finite(score.expected),
                                      sd: finite(score.standardDeviation), z: finite(score.z))
        }
        return .init(attribute: primary.attribute, members: brokerage.memberCount, tiedPairs: brokerage.tiedPairs,
                     density: finite(brokerage.density) ?? 0, roles: roles)
    }
}
