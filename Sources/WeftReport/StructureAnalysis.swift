import WeftAnalysis
import WeftGraph
import WeftIO

/// The structure of one network: its communities and how the members' own groups (country,
/// cohort, …) partition it. Part of `Analysis`.
public struct StructureAnalysis: Sendable {
    /// A categorical member attribute used as a partition.
    public struct AttributeGrouping: Sendable {
        public let attribute: String
        public let groups: NodeGroups
        /// Modularity of the partition by this attribute (members with no value stand alone).
        public let modularity: Modularity
    }

    /// Louvain or Leiden communities (nil when switched off).
    public let communities: Communities?
    /// The attributes used as groups, in the order chosen (the first is the primary one).
    public let groupings: [AttributeGrouping]

    public init(graph: Graph, nodes: NodeTable, options: AnalysisOptions) {
        communities = options.communityMethod.map {
            Communities(graph, method: $0, resolution: options.resolution, seed: options.seed, restarts: options.communityRestarts)
        }
        groupings = StructureAnalysis.groupAttributes(nodes.attributes, nodeCount: graph.nodeCount, named: options.groupAttributes)
            .map { column in
                let groups = NodeGroups(column: column, nodeCount: graph.nodeCount)
                return AttributeGrouping(attribute: column.name, groups: groups,
                                         modularity: Modularity(graph, groups: groups, resolution: options.resolution))
            }
    }

    /// The attribute of the cross-group measures (E-I, mixing, brokerage): the first grouping.
    public var primary: AttributeGrouping? { groupings.first }

    /// The columns named in `names` (case-insensitive; unknown names are skipped), or by default
    /// every column that looks categorical: between 2 and max(2, n/10) distinct values for n
    /// members, not all of them dates or numbers (names, emails, join dates are left out).
    static func groupAttributes(_ attributes: AttributeColumns, nodeCount: Int, named names: [String]?) -> [AttributeColumns.Column] {
        if let names { return names.compactMap { attributes.column(named: $0) } }
        return attributes.columns.filter { column in
            let values = (1..<column.values.count).map { column.values[Int32($0)] }   // code 0 is the empty value
            guard values.count >= 2, values.count <= max(2, nodeCount / 10) else { return false }
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

    /// communities.csv's rows, community 1 first; empty when communities are off. `showGroups`
    /// false leaves the primary attribute's values out (pseudonymised outputs that drop it).
    public func communityRows(_ graph: Graph, showGroups: Bool) -> [CommunityRow] {
        guard let communities else { return [] }
        let k = communities.count
        let group = communities.groups.group
        var inside = [Int](repeating: 0, count: k), outside = [Int](repeating: 0, count: k)
        let a = graph.undirected
        for v in 0..<graph.nodeCount {
            let c = Int(group[v])
            for u in a.neighbors(of: v) where Int(u) > v {
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
            CommunityRow(community: c + 1, size: sizes[c], tiesInside: inside[c], weightInside: m.internalWeight[c],
                         tiesOutside: outside[c], strength: m.totalStrength[c], modularityContribution: m.contribution[c],
                         topGroup: top[c]?.0, topGroupShare: top[c]?.1)
        }
    }
}
