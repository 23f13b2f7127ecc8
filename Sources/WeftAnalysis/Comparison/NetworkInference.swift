import WeftGraph

// Inference for network-level figures: a conditional uniform graph (CUG) test that conditions on
// the number of members and of ties, and a node bootstrap giving percentile intervals and
// standard errors.
//
// The figures (`NetworkFigure`), on a binary network of n members and m ties (weights ignored):
// - density: m / (n(n − 1)) on a directed network, m / (n(n − 1)/2) on an undirected one.
// - reciprocity (directed only): share of ties whose reverse tie also exists, 2M / m with M the
//   mutual dyads (sna `grecip(measure = "edgewise")`, NetworkX `overall_reciprocity`); 0 when m = 0.
// - transitivity: 3 × triangles / connected triples of the undirected view (a tie either way);
//   0 when there is no connected triple (NetworkX `transitivity`; sna `gtrans` of the symmetrised
//   graph in mode "graph").
// - ei_index, assortativity, modularity use the members' groups and read only ties between two
//   members who both have a group (a member with no group has none of these ties):
//   - ei_index: (E − I) / (E + I), E the ties between groups, I the ties within; each directed
//     tie counts once (Krackhardt & Stern 1988).
//   - assortativity: Newman's coefficient for a categorical attribute on the undirected view,
//     r = (Σ e_aa − Σ a_a²) / (1 − Σ a_a²), e the symmetric mixing matrix of the edges (each edge
//     adds 1/(2m′) to e[a, b] and to e[b, a]) and a its row sums (Newman, "Mixing patterns in
//     networks", Phys. Rev. E 67, 2003).
//   - modularity: of the partition into the groups, on the undirected view of the same edges,
//     Q = Σ_c (L_c / m′ − (D_c / 2m′)²), L_c the edges within c and D_c its members' degrees
//     (Newman & Girvan 2004). With these edges r = Q / (1 − Σ a_a²).
//   A figure is NaN where it is undefined (no such ties; one group only), and then is left out
//   of the draws' summaries; reported as null.
//
// CUG test (cmode "edges" of sna's `cug.test`): K graphs drawn uniformly from all graphs with the
// same n members, the same direction and the same number of ties m (the groups stay on the
// members); each figure is computed on every draw. Reported: the observed value, the mean and
// standard deviation of the draws (divisor K − 1), and the one-sided shares Pr(X ≥ obs) and
// Pr(X ≤ obs) over the draws where the figure is defined, without the +1 correction, as sna
// reports them. A draw within 1e-10 · max(1, |obs|) of the observed value counts as equal.
// Density is the same on every draw, so both shares are 1 and its null mean equals the observed
// value exactly. Reference: B. S. Anderson, C. Butts & K. Carley, "The interaction of size and
// density with graph-level indices", Social Networks 21 (1999) 239–267; C. T. Butts, sna `cug.test`.
//
// Node bootstrap (T. A. B. Snijders & S. P. Borgatti, "Non-parametric standard errors and tests
// for network statistics", Connections 22(2) (1999) 161–170): B samples of n members drawn with
// replacement; sample k is member s_k, and positions k ≠ l are tied when s_k is tied to s_l, so
// a member drawn twice brings its ties twice. Two positions holding the same member (s_k = s_l)
// get a tie with probability equal to the observed density (a random draw from the observed
// off-diagonal cells, as Snijders & Borgatti do). Reported: the standard error (standard
// deviation of the B values, divisor B − 1) and the percentile interval, the 2.5% and 97.5%
// quantiles of the B values (R's default quantile, type 7).
//
// Seeds: draw d of the CUG test uses `SeededGenerator(seed: drawSeed(seed, d))`, bootstrap
// sample b uses `drawSeed(seed, K + b)`; the draws are split across the cores by `Parallel.map`
// and gathered in draw order, so the results are identical for any number of threads.

/// A network-level figure with a test and an interval in `NetworkInference`.
public enum NetworkFigure: String, CaseIterable, Sendable {
    case density, reciprocity, transitivity
    case eiIndex = "ei_index"
    case assortativity, modularity

    /// Whether the figure reads the members' groups.
    public var needsGroups: Bool { self == .eiIndex || self == .assortativity || self == .modularity }
}

/// A binary network of n members (ties i → j, i ≠ j; undirected ties stored once with i < j)
/// with an optional group per member (−1 for none), as `NetworkInference` reads it.
public struct BinaryNetwork: Sendable, Equatable {
    public let nodeCount: Int
    public let isDirected: Bool
    public let sources: [Int32]
    public let targets: [Int32]
    public let group: [Int32]?

    public init(nodeCount: Int, isDirected: Bool, sources: [Int32], targets: [Int32], group: [Int32]? = nil) throws {
        try ArgumentError.require(sources.count == targets.count, "BinaryNetwork", "sources, targets",
                                  "must be of one length (got \(sources.count) and \(targets.count))")
        try ArgumentError.require(group.map { $0.count == nodeCount } ?? true, "BinaryNetwork", "group",
                                  "must hold one code per node (got \(group?.count ?? 0) for \(nodeCount))")
        self.init(checkedNodeCount: nodeCount, isDirected: isDirected, sources: sources, targets: targets, group: group)
    }

    /// A network whose arrays its builder made consistent (one target per source, one group per node).
    init(checkedNodeCount nodeCount: Int, isDirected: Bool, sources: [Int32], targets: [Int32], group: [Int32]?) {
        self.nodeCount = nodeCount
        self.isDirected = isDirected
        self.sources = sources
        self.targets = targets
        self.group = group
    }

    /// The ties of `graph`, weights and self-loops dropped; `groups` must cover its nodes.
    public init(_ graph: Graph, groups: NodeGroups? = nil) throws {
        try ArgumentError.require(groups.map { $0.group.count == graph.nodeCount } ?? true, "BinaryNetwork", "groups",
                                  "must hold one code per node (got \(groups?.group.count ?? 0) for \(graph.nodeCount))")
        var s: [Int32] = [], t: [Int32] = []
        for i in 0..<graph.nodeCount {
            for j in graph.out.neighbours(of: i) where Int(j) != i && (graph.isDirected || Int(j) > i) {
                s.append(Int32(i)); t.append(j)
            }
        }
        self.init(checkedNodeCount: graph.nodeCount, isDirected: graph.isDirected, sources: s, targets: t, group: groups?.group)
    }

    public var tieCount: Int { sources.count }

    /// Dyads that can hold a tie: n(n − 1), halved when undirected.
    public var dyadCount: Int { isDirected ? nodeCount * (nodeCount - 1) : nodeCount * (nodeCount - 1) / 2 }

    /// The figure's value (see the notes in NetworkInference.swift); NaN where undefined.
    public func value(_ figure: NetworkFigure) -> Double {
        switch figure {
        case .density: return dyadCount == 0 ? .nan : Double(tieCount) / Double(dyadCount)
        case .reciprocity: return isDirected ? reciprocity : .nan
        case .transitivity: return transitivity
        case .eiIndex, .assortativity, .modularity: return groupFigure(figure)
        }
    }

    var reciprocity: Double {
        guard tieCount > 0 else { return 0 }
        let keys = Set(sources.indices.map { Int(sources[$0]) * nodeCount + Int(targets[$0]) })
        let reciprocated = sources.indices.filter { keys.contains(Int(targets[$0]) * nodeCount + Int(sources[$0])) }.count
        return Double(reciprocated) / Double(tieCount)
    }

    /// Sorted, unique neighbour lists of the undirected view.
    func undirectedNeighbours() -> [[Int32]] {
        var neighbours = [[Int32]](repeating: [], count: nodeCount)
        for k in sources.indices {
            neighbours[Int(sources[k])].append(targets[k])
            neighbours[Int(targets[k])].append(sources[k])
        }
        return neighbours.map { Array(Set($0)).sorted() }
    }

    var transitivity: Double {
        let neighbours = undirectedNeighbours()
        var closed = 0, triples = 0
        for v in 0..<nodeCount {
            let d = neighbours[v].count
            triples += d * (d - 1) / 2
            for u in neighbours[v] where Int(u) > v {   // each edge once: common neighbours = triangles through it
                var a = 0, b = 0
                let x = neighbours[v], y = neighbours[Int(u)]
                while a < x.count && b < y.count {
                    if x[a] == y[b] { closed += 1; a += 1; b += 1 } else if x[a] < y[b] { a += 1 } else { b += 1 }
                }
            }
        }
        return triples == 0 ? 0 : Double(closed) / Double(triples)   // closed = 3 × triangles
    }

    func groupFigure(_ figure: NetworkFigure) -> Double {
        guard let group else { return .nan }
        var internalTies = 0, externalTies = 0
        var edgeKeys = Set<Int>()   // undirected view, each edge once
        for k in sources.indices {
            let a = group[Int(sources[k])], b = group[Int(targets[k])]
            guard a >= 0, b >= 0 else { continue }
            if a == b { internalTies += 1 } else { externalTies += 1 }
            let i = Int(min(sources[k], targets[k])), j = Int(max(sources[k], targets[k]))
            edgeKeys.insert(i * nodeCount + j)
        }
        if figure == .eiIndex {
            let total = internalTies + externalTies
            return total == 0 ? .nan : Double(externalTies - internalTies) / Double(total)
        }
        let groupCount = Int(group.max() ?? -1) + 1
        var within = [Double](repeating: 0, count: groupCount), ends = [Double](repeating: 0, count: groupCount)
        for key in edgeKeys {
            let a = Int(group[key / nodeCount]), b = Int(group[key % nodeCount])
            if a == b { within[a] += 1 }
            ends[a] += 1; ends[b] += 1
        }
        let m = Double(edgeKeys.count)
        guard m > 0 else { return .nan }
        let q = (0..<groupCount).reduce(0.0) { $0 + within[$1] / m - (ends[$1] / (2 * m)) * (ends[$1] / (2 * m)) }
        if figure == .modularity { return q }
        let expected = ends.reduce(0.0) { $0 + ($1 / (2 * m)) * ($1 / (2 * m)) }
        return expected == 1 ? .nan : q / (1 - expected)
    }
}

/// CUG tests (size and ties fixed) and node-bootstrap intervals for network-level figures; see
/// the notes at the top of NetworkInference.swift for the figures, the draws and the references.
public struct NetworkInference: Sendable {
    public struct Result: Sendable, Equatable {
        public let figure: NetworkFigure
        public let observed: Double
        /// Mean and standard deviation of the figure over the CUG draws where it is defined.
        public let nullMean: Double
        public let nullStandardDeviation: Double
        /// Share of CUG draws with a value ≥ (≤) the observed one: sna's Pr(X>=Obs), Pr(X<=Obs).
        public let pGreaterOrEqual: Double
        public let pLessOrEqual: Double
        /// Standard deviation of the bootstrap values (divisor B − 1).
        public let bootstrapStandardError: Double
        /// 2.5% and 97.5% quantiles of the bootstrap values (type 7).
        public let intervalLow: Double
        public let intervalHigh: Double
    }

    public let draws: Int
    public let seed: UInt64
    public let results: [Result]

    /// Tests and intervals for `figures` (those that need groups are skipped when `network` has
    /// none, reciprocity when it is undirected) with `draws` CUG draws and `draws` bootstrap samples.
    public init(_ network: BinaryNetwork, figures: [NetworkFigure] = NetworkFigure.allCases, draws: Int, seed: UInt64,
                threads: Int = Parallel.threadCount) throws {
        try ArgumentError.require(draws > 0, "NetworkInference", "draws", "must be at least 1 (got \(draws))")
        self.draws = draws
        self.seed = seed
        let figures = figures.filter { (!$0.needsGroups || network.group != nil) && ($0 != .reciprocity || network.isDirected) }
        func values(_ g: BinaryNetwork) -> [Double] { figures.map { g.value($0) } }
        let chunks = min(draws, 64)
        func run(_ offset: Int, _ draw: (inout SeededGenerator) -> BinaryNetwork) -> [[Double]] {
            Parallel.map(chunks: chunks, threads: threads) { c in
                (c * draws / chunks ..< (c + 1) * draws / chunks).map { d in
                    var generator = SeededGenerator(seed: NetworkInference.drawSeed(seed, offset + d))
                    return values(draw(&generator))
                }
            }.flatMap { $0 }
        }
        let null = run(0) { NetworkInference.uniformGraph(like: network, &$0) }
        let boot = run(draws) { NetworkInference.bootstrapSample(of: network, &$0) }
        let observed = values(network)
        results = figures.indices.map { f in
            let obs = observed[f]
            let x = null.map { $0[f] }.filter { $0.isFinite }, b = boot.map { $0[f] }.filter { $0.isFinite }
            let tolerance = 1e-10 * max(1, abs(obs))
            let share = { (count: Int) in x.isEmpty || !obs.isFinite ? Double.nan : Double(count) / Double(x.count) }
            return Result(figure: figures[f], observed: obs, nullMean: Summary.mean(x), nullStandardDeviation: Summary.sd(x),
                          pGreaterOrEqual: share(x.filter { $0 >= obs - tolerance }.count),
                          pLessOrEqual: share(x.filter { $0 <= obs + tolerance }.count),
                          bootstrapStandardError: Summary.sd(b),
                          intervalLow: Summary.quantile(b, 0.025), intervalHigh: Summary.quantile(b, 0.975))
        }
    }

    /// The seed of draw `d`: `seed` and `d` mixed (SplitMix64's increment), then spread by
    /// `SeededGenerator`'s own SplitMix64 seeding.
    static func drawSeed(_ seed: UInt64, _ d: Int) -> UInt64 { seed &+ UInt64(d + 1) &* 0x9E37_79B9_7F4A_7C15 }

    /// A graph drawn uniformly from those with `network`'s members, direction and tie count:
    /// distinct dyads drawn at random until there are m (the dyads left empty instead when m is
    /// more than half of them). Groups stay on the members.
    static func uniformGraph(like network: BinaryNetwork, _ generator: inout SeededGenerator) -> BinaryNetwork {
        let n = network.nodeCount, dyads = network.dyadCount, m = network.tieCount
        let pick = min(m, dyads - m)
        var chosen = Set<Int>(minimumCapacity: pick)
        while chosen.count < pick {
            let i = generator.int(below: n)
            var j = generator.int(below: n - 1)
            if j >= i { j += 1 }
            chosen.insert(network.isDirected ? i * n + j : min(i, j) * n + max(i, j))
        }
        var s: [Int32] = [], t: [Int32] = []
        func add(_ key: Int) { s.append(Int32(key / n)); t.append(Int32(key % n)) }
        if pick == m {
            for key in chosen.sorted() { add(key) }
        } else {
            for i in 0..<n { for j in (network.isDirected ? 0 : i + 1)..<n where i != j && !chosen.contains(i * n + j) { add(i * n + j) } }
        }
        return BinaryNetwork(checkedNodeCount: n, isDirected: network.isDirected, sources: s, targets: t, group: network.group)
    }

    /// A node-bootstrap sample of `network` (Snijders & Borgatti 1999; see the notes above).
    static func bootstrapSample(of network: BinaryNetwork, _ generator: inout SeededGenerator) -> BinaryNetwork {
        let n = network.nodeCount
        let member = (0..<n).map { _ in generator.int(below: n) }
        var out = [[Int32]](repeating: [], count: n)   // original ties, both ways when undirected
        for k in network.sources.indices {
            out[Int(network.sources[k])].append(network.targets[k])
            if !network.isDirected { out[Int(network.targets[k])].append(network.sources[k]) }
        }
        var positions = [[Int32]](repeating: [], count: n)   // positions holding each member
        for (k, v) in member.enumerated() { positions[v].append(Int32(k)) }
        let density = network.value(.density)
        var s: [Int32] = [], t: [Int32] = []
        for k in 0..<n {
            for u in out[member[k]] {
                for l in positions[Int(u)] where network.isDirected || Int(l) > k { s.append(Int32(k)); t.append(l) }
            }
            for l in positions[member[k]] where Int(l) != k && (network.isDirected || Int(l) > k) && generator.nextUnit() < density {
                s.append(Int32(k)); t.append(l)
            }
        }
        return BinaryNetwork(checkedNodeCount: n, isDirected: network.isDirected, sources: s, targets: t,
                             group: network.group.map { g in member.map { g[$0] } })
    }

    /// Summaries of a sample of finite values; NaN when too short.
    enum Summary {
        /// The mean; exactly the value when all are equal (density under the CUG draws).
        static func mean(_ x: [Double]) -> Double {
            guard let first = x.first else { return .nan }
            return x.allSatisfy { $0 == first } ? first : x.reduce(0, +) / Double(x.count)
        }
        static func sd(_ x: [Double]) -> Double {
            guard x.count > 1 else { return .nan }
            let m = mean(x)
            if x.allSatisfy({ $0 == m }) { return 0 }
            return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
        }
        /// R's type-7 quantile: x_(h) interpolated at h = (N − 1)p on the sorted values.
        static func quantile(_ x: [Double], _ p: Double) -> Double {
            guard !x.isEmpty else { return .nan }
            let s = x.sorted(), h = Double(s.count - 1) * p
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
    }
}
