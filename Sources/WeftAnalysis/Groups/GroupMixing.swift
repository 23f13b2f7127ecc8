import LinearAlgebra
import WeftGraph

/// External and internal ties of a network, a group or a member, and Krackhardt & Stern's E-I
/// index of them: (E − I) / (E + I), from −1 (every tie stays inside the group) to +1 (every tie
/// crosses to another group).
public struct EIIndex: Sendable, Equatable {
    /// Ties to a member of another group (E).
    public let externalTies: Int
    /// Ties to a member of the same group (I).
    public let internalTies: Int
    /// Sum of the weights of the external ties.
    public let externalWeight: Double
    /// Sum of the weights of the internal ties.
    public let internalWeight: Double

    public init(externalTies: Int, internalTies: Int, externalWeight: Double, internalWeight: Double) {
        self.externalTies = externalTies
        self.internalTies = internalTies
        self.externalWeight = externalWeight
        self.internalWeight = internalWeight
    }

    /// (E − I) / (E + I) by tie count; nil when there are no ties (E + I = 0).
    public var index: Double? {
        EIIndex.ratio(Double(externalTies), Double(internalTies))
    }

    /// (E − I) / (E + I) with E and I the sums of tie weights; nil when both are 0.
    public var weightedIndex: Double? {
        EIIndex.ratio(externalWeight, internalWeight)
    }

    static func ratio(_ external: Double, _ inside: Double) -> Double? {
        external + inside > 0 ? (external - inside) / (external + inside) : nil
    }
}

/// How the groups of a categorical attribute (country, organisation, cohort) or of a partition mix
/// in a network: the mixing matrix, attribute assortativity, Krackhardt & Stern's E-I index at
/// network, group and member level, and who has a tie that crosses to another group.
///
/// Members with no group (code −1 in `NodeGroups`) are left out: their ties are excluded from
/// every figure here, at both ends, and their own `perMember` entry is all zeros (index nil).
///
/// Ties and direction:
/// - **Mixing matrix.** `tieCounts[a, b]` counts ties from a member of group a to a member of
///   group b, and `tieWeights[a, b]` sums their weights. On a directed graph each tie i → j adds
///   once to cell (group(i), group(j)), so rows are senders and columns receivers. On an
///   undirected graph each tie {i, j} adds once to (group(i), group(j)) and once to
///   (group(j), group(i)), so the matrix is symmetric and a tie inside group a adds 2 to (a, a) —
///   NetworkX's `attribute_mixing_matrix(G, attr, normalised=False)` (with the groups in
///   `NodeGroups.labels` order, including groups that have no ties).
/// - **Network E-I.** Every tie counts once: on a directed graph I = trace, E = the off-diagonal
///   sum of the mixing matrix; on an undirected graph half of each.
/// - **Group E-I.** The ties with at least one end in the group: I_g = ties with both ends in g
///   (each once), E_g = ties between g and another group, in either direction.
/// - **Member E-I.** The member's ties to grouped members: on a directed graph its out-ties and
///   its in-ties, so a reciprocated pair counts twice; on an undirected graph each tie once. The
///   index is nil when the member has no such tie (an isolate, or all its partners ungrouped).
/// Weighted figures use the tie weights (strengths) in place of counts.
///
/// - `assortativity`: Newman's attribute assortativity r = (Σ_a e_aa − Σ_a a_a b_a) /
///   (1 − Σ_a a_a b_a), e = the count mixing matrix scaled to sum 1, a and b its row and column
///   sums (NetworkX `attribute_assortativity_coefficient`, unweighted; directed graphs by
///   direction). Computed from the integer counts, so exact. NaN when there are no ties or every
///   tie lies inside one group (0/0).
/// - `expectedNetworkIndex`: the E-I index if ties fell on pairs of grouped members regardless
///   of group — the E-I of the complete graph on them, Σ_{a<b} n_a·n_b external against
///   Σ_a n_a(n_a − 1)/2 internal pairs — the baseline Krackhardt & Stern compare with, since large
///   or many groups push the index up by themselves. nil when fewer than two members are grouped.
/// - `crossesGroups[v]`: whether grouped member v has at least one tie (in either direction) to
///   a member of another group. Shares are over the grouped members (`crossingShareOfGrouped`)
///   and over the grouped members with at least one tie to a grouped member, that is whose
///   member E-I is defined (`crossingShareOfConnected`).
///
/// O(n + m). References: D. Krackhardt & R. N. Stern, "Informal networks and organizational
/// crises: an experimental simulation", Social Psychology Quarterly 51 (1988) 123–140;
/// M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67, 026126 (2003).
public struct GroupMixing: Sendable {
    public let isDirected: Bool
    /// Number of groups (the mixing matrices are groupCount × groupCount).
    public let groupCount: Int
    /// Ties from group a (row) to group b (column); see the type's notes for undirected graphs.
    public let tieCounts: Matrix
    /// Sum of the tie weights from group a (row) to group b (column).
    public let tieWeights: Matrix
    /// Newman's attribute assortativity of the groups; NaN when undefined.
    public let assortativity: Double
    /// The E-I index of the whole network (ties between grouped members).
    public let network: EIIndex
    /// The E-I index of each group, in `NodeGroups.labels` order.
    public let perGroup: [EIIndex]
    /// The E-I index of each member (all zeros, index nil, for ungrouped members).
    public let perMember: [EIIndex]
    /// The E-I index of the complete graph on the grouped members; nil below two of them.
    public let expectedNetworkIndex: Double?
    /// Whether each member has a tie to a member of another group (false for ungrouped members).
    public let crossesGroups: [Bool]
    /// Members with a group.
    public let groupedMemberCount: Int
    /// Grouped members with at least one tie to a grouped member.
    public let connectedMemberCount: Int
    /// Grouped members with at least one tie to another group.
    public let crossingMemberCount: Int

    /// Share of the grouped members with a tie to another group; nil when no member is grouped.
    public var crossingShareOfGrouped: Double? {
        groupedMemberCount > 0 ? Double(crossingMemberCount) / Double(groupedMemberCount) : nil
    }

    /// Share of the connected grouped members with a tie to another group; nil when none is connected.
    public var crossingShareOfConnected: Double? {
        connectedMemberCount > 0 ? Double(crossingMemberCount) / Double(connectedMemberCount) : nil
    }

    /// Computes the mixing of `groups` (one code per node, −1 for none) in phases: `tally` (the
    /// mixing matrix and each member's internal and external ties, one pass over the ties),
    /// `groupIndices` (each group's and the network's E-I from the matrix), then the per-member
    /// E-I and crossing counts from the tally. O(n + m + k²).
    /// - Throws: `ArgumentError` when `groups` does not have one code per node of `graph`.
    public init(_ graph: Graph, groups: NodeGroups) throws {
        try ArgumentError.require(groups.nodeCount == graph.nodeCount, "GroupMixing", "groups",
                                  "must hold one code per node (got \(groups.nodeCount) for \(graph.nodeCount))")
        let n = graph.nodeCount, k = groups.count
        isDirected = graph.isDirected
        groupCount = k

        let tally = GroupMixing.tally(graph, group: groups.group, groupCount: k)
        tieCounts = Matrix(rows: k, columns: k, columnMajor: tally.counts.map(Double.init))
        tieWeights = tally.weights
        (perGroup, network) = GroupMixing.groupIndices(tally, groupCount: k, isDirected: graph.isDirected)
        assortativity = GroupMixing.assortativity(counts: tally.counts, groups: k)

        perMember = (0..<n).map {
            EIIndex(externalTies: tally.memberExternal[$0], internalTies: tally.memberInternal[$0],
                    externalWeight: tally.memberExternalWeight[$0], internalWeight: tally.memberInternalWeight[$0])
        }
        crossesGroups = tally.memberExternal.map { $0 > 0 }
        groupedMemberCount = groups.group.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        connectedMemberCount = (0..<n).reduce(0) { $0 + (tally.memberExternal[$1] + tally.memberInternal[$1] > 0 ? 1 : 0) }
        crossingMemberCount = crossesGroups.reduce(0) { $0 + ($1 ? 1 : 0) }

        let sizes = groups.sizes
        let internalPairs = sizes.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        let grouped = Double(groupedMemberCount)
        let allPairs = grouped * (grouped - 1) / 2
        expectedNetworkIndex = EIIndex.ratio(allPairs - internalPairs, internalPairs)
    }

    /// The mixing matrix (column-major k × k: entry a + b·k counts ties from group a to group b)
    /// and each member's ties inside and outside its group, counted and weighted.
    struct Tally {
        var counts: [Int]
        var weights: Matrix
        var memberExternal: [Int], memberInternal: [Int]
        var memberExternalWeight: [Double], memberInternalWeight: [Double]
    }

    /// One pass over the out-lists (and, directed, the in-lists for the members' tallies): the
    /// matrix holds each directed tie once and each undirected tie from both ends. The sums are
    /// kept in `Scratch` buffers while the pass runs (an array in a struct checks that it is
    /// uniquely held on every write).
    static func tally(_ graph: Graph, group: [Int32], groupCount k: Int) -> Tally {
        let n = graph.nodeCount
        let counts = Scratch<Int>(repeating: 0, count: k * k), weights = Scratch<Double>(repeating: 0, count: k * k)
        let external = Scratch<Int>(repeating: 0, count: n), inside = Scratch<Int>(repeating: 0, count: n)
        let externalWeight = Scratch<Double>(repeating: 0, count: n), insideWeight = Scratch<Double>(repeating: 0, count: n)
        let groups = Scratch(group)
        let views = graph.isDirected ? [graph.out, graph.in] : [graph.out]
        for (viewIndex, adjacency) in views.enumerated() {
            adjacency.withView { g in
                for v in 0..<n where groups[v] >= 0 {
                    let a = Int(groups[v])
                    for p in g.entries(v) {
                        let b = Int(groups[Int(g.target(p))])
                        guard b >= 0 else { continue }
                        let w = g.weight(p)
                        if viewIndex == 0 {
                            counts[a + b * k] += 1
                            weights[a + b * k] += w
                        }
                        if a == b {
                            inside[v] += 1; insideWeight[v] += w
                        } else {
                            external[v] += 1; externalWeight[v] += w
                        }
                    }
                }
            }
        }
        return Tally(counts: counts.array, weights: Matrix(rows: k, columns: k, columnMajor: weights.array),
                     memberExternal: external.array, memberInternal: inside.array,
                     memberExternalWeight: externalWeight.array, memberInternalWeight: insideWeight.array)
    }

    /// Each group's E-I (its ties to other groups, both directions when directed, against its
    /// internal ties) and the network's, from the mixing matrix, in which an undirected tie
    /// appears twice.
    static func groupIndices(_ tally: Tally, groupCount k: Int, isDirected: Bool) -> (perGroup: [EIIndex], network: EIIndex) {
        let counts = tally.counts, weights = tally.weights
        let halve = isDirected ? 1 : 2
        var groupsEI: [EIIndex] = []
        var totalInternal = 0, totalExternal = 0, weightInternal = 0.0, weightExternal = 0.0
        for a in 0..<k {
            var external = 0, externalWeight = 0.0
            for b in 0..<k where b != a {
                external += counts[a + b * k]
                externalWeight += weights[a, b]
                if isDirected {
                    external += counts[b + a * k]
                    externalWeight += weights[b, a]
                }
            }
            groupsEI.append(EIIndex(externalTies: external, internalTies: counts[a + a * k] / halve,
                                    externalWeight: externalWeight, internalWeight: weights[a, a] / Double(halve)))
            totalInternal += counts[a + a * k]
            weightInternal += weights[a, a]
            for b in 0..<k where b != a {
                totalExternal += counts[a + b * k]
                weightExternal += weights[a, b]
            }
        }
        let network = EIIndex(externalTies: totalExternal / halve, internalTies: totalInternal / halve,
                              externalWeight: weightExternal / Double(halve), internalWeight: weightInternal / Double(halve))
        return (groupsEI, network)
    }

    /// (T·tr − Σ A_a B_a) / (T² − Σ A_a B_a) on the integer mixing counts (column-major k × k),
    /// which is Newman's r with e = counts / T.
    static func assortativity(counts: [Int], groups k: Int) -> Double {
        var total = 0.0, trace = 0.0, marginProduct = 0.0
        for a in 0..<k {
            var rowSum = 0.0, columnSum = 0.0
            for b in 0..<k {
                rowSum += Double(counts[a + b * k])
                columnSum += Double(counts[b + a * k])
            }
            total += rowSum
            trace += Double(counts[a + a * k])
            marginProduct += rowSum * columnSum
        }
        let denominator = total * total - marginProduct
        guard total > 0, denominator > 0 else { return .nan }
        return (total * trace - marginProduct) / denominator
    }
}
