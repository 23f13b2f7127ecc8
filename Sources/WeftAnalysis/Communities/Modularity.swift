import WeftGraph

/// Newman–Girvan modularity of a partition of a graph's nodes, with a resolution parameter.
///
/// On the undirected view (a directed graph's ties symmetrised by its rule), with tie weights
/// w_ij, strengths k_i = Σ_j w_ij and total weight m = Σ_{i<j} w_ij:
///
///     Q = Σ_c [ L_c / m − γ · (K_c / 2m)² ]
///
/// where L_c is the weight of the ties inside community c and K_c the strength of its members.
/// γ = 1 is the classic definition; γ > 1 favours smaller communities, γ < 1 larger ones. Nodes
/// without a group (code −1) count as communities of their own. Q is 0 on a graph without ties.
/// This is NetworkX's `modularity(G, communities, weight="weight", resolution=γ)` and igraph's
/// `modularity` on undirected graphs. Reference: Newman & Girvan, Phys. Rev. E 69, 026113
/// (2004); Reichardt & Bornholdt, Phys. Rev. E 74, 016110 (2006) for γ.
public struct Modularity: Sendable {
    /// Q of the whole partition.
    public let value: Double
    public let resolution: Double
    /// Per group (in `NodeGroups` order): the weight of its internal ties (L_c), the strength of
    /// its members (K_c), and its term L_c/m − γ(K_c/2m)² of Q.
    public let internalWeight: [Double]
    public let totalStrength: [Double]
    public let contribution: [Double]

    public init(_ graph: Graph, groups: NodeGroups, resolution: Double = 1) {
        self.init(WeightedNetwork(graph), community: groups.group, communityCount: groups.count, resolution: resolution)
    }

    init(_ network: WeightedNetwork, community: [Int32], communityCount: Int, resolution: Double) {
        self.resolution = resolution
        var inside = [Double](repeating: 0, count: communityCount)
        var strength = [Double](repeating: 0, count: communityCount)
        var singletons = 0.0
        let m = network.totalWeight
        for v in 0..<network.nodeCount {
            let c = Int(community[v])
            guard c >= 0 else {
                // An ungrouped node is a community of its own: only its self-loop is inside.
                if m > 0 { singletons += network.loop[v] / m - resolution * (network.strength[v] / (2 * m)) * (network.strength[v] / (2 * m)) }
                continue
            }
            inside[c] += network.loop[v]
            strength[c] += network.strength[v]
            for p in network.offsets[v]..<network.offsets[v + 1] where community[Int(network.neighbours[p])] == Int32(c) {
                inside[c] += network.weights[p] / 2
            }
        }
        internalWeight = inside
        totalStrength = strength
        contribution = (0..<communityCount).map { c in
            m > 0 ? inside[c] / m - resolution * (strength[c] / (2 * m)) * (strength[c] / (2 * m)) : 0
        }
        value = contribution.reduce(0, +) + singletons
    }
}
