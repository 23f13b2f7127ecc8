import WeftGraph

/// A community partition found by Louvain or Leiden, with the modularity it reaches.
///
/// Both methods maximise modularity (see `Modularity`) on the graph's undirected, weighted view,
/// with resolution γ, and are deterministic for a seed: node orders and Leiden's random
/// refinement draw from a `SeededGenerator`, and independent restarts keep the best partition. Communities are numbered 1, 2, … by decreasing size
/// (ties: the community holding the lower node index first); every isolate is a community of
/// its own.
public struct Communities: Sendable {
    public enum Method: String, Codable, CaseIterable, Sendable {
        /// Blondel et al.'s multilevel method: local moving, then aggregation, level after level.
        case louvain
        /// Traag et al.'s refinement of Louvain that guarantees connected communities, iterated
        /// until the partition no longer improves.
        case leiden
    }

    public let method: Method
    /// The partition; labels are "1", "2", … (community 1 is the largest).
    public let groups: NodeGroups
    /// Modularity of the partition at `resolution`, computed exactly from it.
    public let modularity: Modularity
    public let resolution: Double
    public let seed: UInt64
    /// Independent runs whose best partition was kept.
    public let restarts: Int
    /// Aggregation levels (Louvain) or iterations (Leiden) performed.
    public let passes: Int

    public static let defaultSeed: UInt64 = 42
    /// Restarts when none are given: 10 on networks up to `restartTieLimit` ties (a few
    /// milliseconds each on a learning network), 1 above (a Leiden run on 137,000 ties takes
    /// about a second).
    public static func defaultRestarts(tieCount: Int) -> Int { tieCount <= restartTieLimit ? 10 : 1 }
    public static let restartTieLimit = 50_000

    /// Finds communities of `graph`. The search runs `restarts` times (nil: `defaultRestarts`), from seeds drawn from
    /// `seed`, on all cores, and keeps the partition of highest modularity (the earliest run on a
    /// tie), so the result does not depend on the number of threads. `randomness` is Leiden's θ:
    /// its refinement picks a sub-community with probability ∝ exp(gain / θ), gains in tie-weight
    /// units (igraph's `beta`).
    public init(_ graph: Graph, method: Method = .leiden, resolution: Double = 1, seed: UInt64 = defaultSeed,
                restarts: Int? = nil, randomness: Double = 0.01) {
        let network = WeightedNetwork(graph)
        var seeds = SeededGenerator(seed: seed)
        let restarts = restarts ?? Communities.defaultRestarts(tieCount: network.neighbours.count / 2)
        let runSeeds = (0..<max(1, restarts)).map { $0 == 0 ? seed : seeds.next() }
        let runs = Parallel.map(chunks: runSeeds.count) { run -> (groups: NodeGroups, quality: Modularity, passes: Int) in
            var generator = SeededGenerator(seed: runSeeds[run])
            let found: (membership: [Int32], passes: Int)
            switch method {
            case .louvain: found = Louvain.run(network, resolution: resolution, generator: &generator)
            case .leiden: found = Leiden.run(network, resolution: resolution, randomness: randomness, generator: &generator)
            }
            let groups = Communities.numberedBySize(found.membership)
            let quality = Modularity(network, community: groups.group, communityCount: groups.count, resolution: resolution)
            return (groups, quality, found.passes)
        }
        var best = 0
        for r in runs.indices where runs[r].quality.value > runs[best].quality.value { best = r }
        self.method = method
        self.resolution = resolution
        self.seed = seed
        self.restarts = runSeeds.count
        passes = runs[best].passes
        groups = runs[best].groups
        modularity = runs[best].quality
    }

    public var count: Int { groups.count }
    public var sizes: [Int] { groups.sizes }

    /// Renumbers a membership so that community 0 is the largest (ties: lowest first member).
    static func numberedBySize(_ membership: [Int32]) -> NodeGroups {
        var compact = membership
        let k = compact.isEmpty ? 0 : LocalMoving.renumber(&compact)   // first-appearance order
        var size = [Int](repeating: 0, count: k)
        for c in compact { size[Int(c)] += 1 }
        let order = (0..<k).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }
        var rank = [Int32](repeating: 0, count: k)
        for (r, c) in order.enumerated() { rank[c] = Int32(r) }
        return NodeGroups(checked: compact.map { rank[Int($0)] }, labels: (0..<k).map { String($0 + 1) })
    }
}

/// Louvain: repeated local moving and aggregation until a level moves no node. Reference:
/// Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of communities in large networks",
/// J. Stat. Mech. (2008) P10008.
enum Louvain {
    static func run(_ base: WeightedNetwork, resolution: Double, generator: inout SeededGenerator)
        -> (membership: [Int32], passes: Int) {
        var network = base
        var membership = (0..<Int32(base.nodeCount)).map { $0 }   // original node → current node
        var levels = 0
        while true {
            var community = (0..<Int32(network.nodeCount)).map { $0 }
            let moved = LocalMoving.run(network, community: &community, resolution: resolution, generator: &generator)
            guard moved else { break }
            let k = LocalMoving.renumber(&community)
            for v in membership.indices { membership[v] = community[Int(membership[v])] }
            levels += 1
            guard k < network.nodeCount else { break }
            network = network.aggregated(by: community, communityCount: k)
        }
        return (membership, levels)
    }
}
