#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WeftGraph

/// Betweenness centrality of every member: how often a member lies on the shortest paths between
/// two others.
///
/// b(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st, where σ_st is the number of shortest s–t paths and
/// σ_st(v) the number passing through v. Paths follow ties i → j on a directed graph; on an
/// undirected graph each unordered pair {s, t} counts once.
///
/// - `raw`: NetworkX `betweenness_centrality(G, normalised=False)` (undirected values halved, as
///   NetworkX does).
/// - `normalised`: NetworkX `betweenness_centrality(G)`: raw / ((n−1)(n−2)) on a directed graph,
///   2·raw / ((n−1)(n−2)) on an undirected one, so a star's centre scores 1; 0 when n ≤ 2.
/// - `weighted`: path length = Σ 1 / weight over the path's ties (a strong tie is a short one),
///   found with Dijkstra; lengths equal within a relative 1e-10 are ties (as igraph;
///   NetworkX with `weight=` set to 1/weight compares sums exactly).
/// - `sampleSources: k`: approximate betweenness from k sources drawn uniformly without
///   replacement (deterministic for a `seed`), each source's dependencies scaled by n/k — an
///   unbiased estimate of the exact value (Brandes & Pich 2007). `errorBound` bounds the error
///   of each member's normalised value with probability 1 − δ, δ = 0.05 (Hoeffding 1963).
///
/// Algorithm: Brandes' dependency accumulation, one BFS (or Dijkstra) per source, O(nm)
/// unweighted and O(nm + n² log n) weighted, sources split over the cores in a fixed number of
/// chunks summed in order, so the values do not depend on the number of threads.
///
/// References: U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25
/// (2001) 163–177; U. Brandes & C. Pich, "Centrality estimation in large networks", Int. J.
/// Bifurcation and Chaos 17 (2007) 2303–2318; W. Hoeffding, "Probability inequalities for sums
/// of bounded random variables", JASA 58 (1963) 13–30 (§6 covers sampling without replacement);
/// L. C. Freeman, "A set of measures of centrality based on betweenness", Sociometry 40 (1977).
public struct Betweenness: Sendable {
    /// Unnormalised betweenness (NetworkX `normalised=False`).
    public let raw: [Double]
    /// Betweenness scaled to [0, 1] (NetworkX's default normalisation).
    public let normalised: [Double]
    public let isDirected: Bool
    public let isWeighted: Bool
    /// Whether the values are estimated from fewer sources than members.
    public let isSampled: Bool
    /// Number of source members whose shortest paths were followed (n when exact).
    public let sourceCount: Int
    /// Confidence used by `errorBound`: the bound holds for each member with probability 1 − δ.
    public static let errorBoundDelta = 0.05

    /// Seed used when `sampleSources` is set and no seed is given.
    public static let defaultSeed: UInt64 = 42

    /// Computes betweenness over `graph.out` (directed paths) or the undirected ties.
    /// - Parameters:
    ///   - weighted: use tie lengths 1 / weight instead of hop counts.
    ///   - sampleSources: estimate from this many sources (≥ 1; values ≥ n give the exact result).
    ///   - seed: seed of the source sample.
    ///   - threads: threads to use; the result is the same for every value.
    /// - Throws: `ArgumentError` when `sampleSources` is below 1.
    public init(_ graph: Graph, weighted: Bool = false, sampleSources: Int? = nil,
                seed: UInt64 = Betweenness.defaultSeed, threads: Int = Parallel.threadCount) throws {
        var sources: [Int32]? = nil
        if let k = sampleSources {
            try Betweenness.requireSample(k, "Betweenness")
            sources = Betweenness.sampleSources(k, of: graph.nodeCount, seed: seed)
        }
        let searched = SourceSearches(graph, weighted: weighted, sources: sources, dependencies: true, distances: false,
                                      threads: threads)
        self.init(graph, weighted: weighted, sourceCount: sources?.count ?? graph.nodeCount,
                  dependencies: searched.dependencies!)
    }

    /// Sampled betweenness and sampled closeness from one set of searches: equal to
    /// `Betweenness(graph, weighted:, sampleSources: k, seed:)` and
    /// `Closeness(graph, weighted:, sampleSources: k, seed:)` (the same sources, the same sums in
    /// the same order), for one search along the ties and, on a directed graph, one against them
    /// per source instead of three (two undirected). See `SourceSearches`.
    public static func sampledWithCloseness(_ graph: Graph, weighted: Bool = false, sampleSources k: Int,
                                            seed: UInt64 = Betweenness.defaultSeed,
                                            threads: Int = Parallel.threadCount) throws -> (betweenness: Betweenness, closeness: Closeness) {
        try requireSample(k, "Betweenness.sampledWithCloseness")
        let sources = Betweenness.sampleSources(k, of: graph.nodeCount, seed: seed)
        let searched = SourceSearches(graph, weighted: weighted, sources: sources, dependencies: true, distances: true,
                                      threads: threads)
        return (Betweenness(graph, weighted: weighted, sourceCount: sources.count, dependencies: searched.dependencies!),
                Closeness(graph, weighted: weighted, sources: sources, searched))
    }

    /// Betweenness from the dependencies Σ_s δ_s(v) summed over `sourceCount` sources.
    private init(_ graph: Graph, weighted: Bool, sourceCount k: Int, dependencies total: [Double]) {
        let n = graph.nodeCount
        isDirected = graph.isDirected
        isWeighted = weighted
        sourceCount = k
        isSampled = k < n
        let scale = (graph.isDirected ? 1.0 : 0.5) * (k > 0 ? Double(n) / Double(k) : 1)
        raw = total.map { $0 * scale }
        normalised = Betweenness.normalise(raw, nodeCount: n, directed: graph.isDirected)
    }

    /// NetworkX's normalisation of raw betweenness: 1/((n−1)(n−2)) directed, 2/((n−1)(n−2))
    /// undirected; all 0 when n ≤ 2.
    public static func normalise(_ raw: [Double], nodeCount n: Int, directed: Bool) -> [Double] {
        guard n > 2 else { return [Double](repeating: 0, count: raw.count) }
        let factor = (directed ? 1.0 : 2.0) / (Double(n - 1) * Double(n - 2))
        return raw.map { $0 * factor }
    }

    /// Freeman's betweenness centralisation of normalised values: Σ_i (max − b_i) / (n − 1),
    /// 0 for a network where every member scores the same and 1 for a star (undirected).
    /// 0 when n ≤ 1. Reference: Freeman (1977, 1979).
    public static func centralization(normalised values: [Double]) -> Double {
        let n = values.count
        guard n > 1, let top = values.max() else { return 0 }
        var sum = 0.0
        for b in values { sum += top - b }
        return sum / Double(n - 1)
    }

    /// Freeman's betweenness centralisation of `normalised`.
    public var centralization: Double { Betweenness.centralization(normalised: normalised) }

    /// With probability at least 1 − δ (δ = `errorBoundDelta`), each member's `normalised` value
    /// differs from the exact one by at most this much; 0 when the values are exact.
    public var errorBound: Double { errorBound(delta: Betweenness.errorBoundDelta) }

    /// The error bound for a chosen δ (per member), or for all members at once when
    /// `simultaneous` (a union bound: δ / n per member).
    ///
    /// Source s contributes X_s = δ_s(v) / (n − 2) ∈ [0, 1] (a source's dependency on v counts at
    /// most the n − 2 other targets), and normalised b(v) = n/(n−1) · mean of X_s over all n
    /// sources. The estimate is n/(n−1) times the mean over k sources drawn without replacement,
    /// so by Hoeffding's inequality (which holds without replacement, Hoeffding 1963 §6)
    /// P(|estimate − b(v)| ≥ n/(n−1) · t) ≤ 2 exp(−2kt²), giving
    /// ε = n/(n−1) · √(ln(2/δ) / (2k)).
    public func errorBound(delta: Double, simultaneous: Bool = false) -> Double {
        let n = raw.count
        guard isSampled, n > 2, sourceCount > 0, delta > 0, delta < 1 else { return 0 }
        let perMember = simultaneous ? delta / Double(n) : delta
        let t = (log(2 / perMember) / (2 * Double(sourceCount))).squareRoot()
        return Double(n) / Double(n - 1) * t
    }

    /// Throws `ArgumentError` naming `function` unless a sample of `k` sources can be drawn.
    static func requireSample(_ k: Int, _ function: String) throws {
        try ArgumentError.require(k >= 1, function, "sampleSources", "must be at least 1 (got \(k))")
    }

    /// `k` distinct members drawn uniformly from `0..<n` (partial Fisher–Yates with a
    /// `SeededGenerator`), in ascending order; all members when k ≥ n.
    static func sampleSources(_ k: Int, of n: Int, seed: UInt64) -> [Int32] {
        if k >= n { return (0..<n).map { Int32($0) } }
        var generator = SeededGenerator(seed: seed)
        var members = (0..<n).map { Int32($0) }
        for i in 0..<k {
            let j = i + generator.int(below: n - i)
            members.swapAt(i, j)
        }
        return members[0..<k].sorted()
    }
}

/// The per-source searches behind betweenness and sampled closeness, run once for both when both
/// are wanted. From each source s (every member when `sources` is nil): one search along the ties
/// — counting shortest paths when `dependencies` are wanted, then Brandes' accumulation of δ_s —
/// whose distances d(s, u) are also the incoming distances closeness sums; and, when `distances`
/// are wanted on a directed graph, the searches against the ties for the outgoing distances
/// d(u, s): for hop counts bit-parallel, from up to 64 sources of a chunk at once
/// (`MultiSourceBFS`, keeping each member's distance from each source so that the sums are added
/// in source order, as one search per source would), weighted one Dijkstra per source.
///
/// The searches run over the members renumbered in a `SearchOrder` (breadth-first, so that a
/// search's loads stay near each other in memory: about a fifth less time on a network of
/// 500,000 members), which changes no result, not even in the last bit.
///
/// Cost: O(m) per search unweighted, O(m + n log n) weighted; memory O(n) per chunk in flight,
/// plus n·(sources per chunk, at most 64) bytes per thread for the bit-parallel searches (four
/// times that while a search runs deeper than 255 levels).
/// The sources are cut into `SourceChunks.count` chunks whatever the number of threads; each chunk
/// sums its sources in order from zero, and the chunks' sums are added in chunk order, so every
/// value is the same for any number of threads — and the same as when betweenness and closeness
/// ran their searches separately. Chunks run in waves of one per thread (at most `wave`), each
/// wave's sums added before the next starts, which bounds the memory of the chunk sums (7 arrays
/// of n doubles each) at any size.
struct SourceSearches {
    /// Σ_s δ_s(v) per member (nil unless asked for).
    private(set) var dependencies: [Double]?
    /// Over the sources other than u: members u reached from them, Σ d(s, u), Σ 1 / d(s, u).
    private(set) var inward: DistanceSums?
    /// The same for the outgoing distances d(u, s) (equal to `inward` on an undirected graph).
    private(set) var outward: DistanceSums?

    /// The most chunks whose sums are held at once (one per thread, up to this many threads).
    static let wave = 4

    /// - Parameters:
    ///   - bitParallel: run the outgoing hop-count searches in bit-parallel batches (false: one
    ///     search per source, the reference the batches are tested against).
    ///   - order: the members' numbering for the searches (nil: `SearchOrder(graph.undirected)`);
    ///     the results are the same for any order, bit for bit.
    init(_ graph: Graph, weighted: Bool, sources: [Int32]?, dependencies wantsDependencies: Bool, distances: Bool,
         threads: Int, bitParallel batched: Bool = true, order: SearchOrder? = nil) {
        let n = graph.nodeCount
        let k = sources?.count ?? n
        // The searches run over the members renumbered for locality; sources keep their order.
        let order = order ?? SearchOrder(graph.undirected)
        let sources = (sources ?? (0..<n).map { Int32(truncatingIfNeeded: $0) }).map { order.number[Int($0)] }
        let along = PathNetwork(graph.out, weighted: weighted, order: order)
        let against = distances && graph.isDirected ? PathNetwork(graph.in, weighted: weighted, order: order) : nil
        var dependencies = wantsDependencies ? [Double](repeating: 0, count: n) : nil
        var inward = distances ? DistanceSums(nodeCount: n) : nil
        var outward = against != nil ? DistanceSums(nodeCount: n) : nil
        // Outgoing hop distances: bit-parallel searches from up to 64 sources at once.
        let bitParallel = batched && against != nil && !weighted
        // One search workspace per thread for every wave (allocated per wave, their buffers would
        // be freed and taken again around the wave's sums, scattering the heap on large networks).
        let workspaces = (0..<max(1, min(threads, SourceSearches.wave))).map { _ in
            (ShortestPathSearch(nodeCount: n), bitParallel ? MultiSourceBFS(nodeCount: n) : nil)
        }
        // A wave is as many chunks as there are workspaces: its sums are held until added, so a
        // wave larger than the threads that run it would only hold more of them.
        var first = 0
        while first < SourceChunks.count {
            let chunks = first..<min(first + workspaces.count, SourceChunks.count)
            let sums = Parallel.map(chunks: chunks.count, workspaces: workspaces) {
                workspace, i -> (dependencies: [Double]?, inward: DistanceSums?, outward: DistanceSums?) in
                let (search, bitParallelSearch) = workspace
                var chunkDependencies = wantsDependencies ? [Double](repeating: 0, count: n) : nil
                var chunkInward = distances ? DistanceSums(nodeCount: n) : nil
                var chunkOutward = against != nil ? DistanceSums(nodeCount: n) : nil
                let range = SourceChunks.range(chunks.lowerBound + i, of: k)
                if range.isEmpty { return (chunkDependencies, chunkInward, chunkOutward) }
                along.withView { forward in
                    for j in range {
                        let s = Int(sources[j])
                        search.run(from: s, forward, countingPaths: wantsDependencies)
                        if wantsDependencies {
                            chunkDependencies!.withUnsafeMutableBufferPointer { search.accumulateDependencies(into: $0.baseAddress!) }
                        }
                        if distances { chunkInward!.add(search) }
                        if let against, !bitParallel {
                            against.withView { backward in search.run(from: s, backward, countingPaths: false) }
                            chunkOutward!.add(search)
                        }
                    }
                }
                if let against, let bitParallelSearch {
                    against.withView { backward in
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let end = min(start + MultiSourceBFS.width, range.upperBound)
                            let batch = sources[start..<end]
                            bitParallelSearch.run(batch, backward, recordingLevels: true)
                            chunkOutward!.add(bitParallelSearch)
                            start = end
                        }
                    }
                }
                return (chunkDependencies, chunkInward, chunkOutward)
            }
            for chunk in sums {
                if let d = chunk.dependencies { for v in 0..<n { dependencies![v] += d[v] } }
                if let d = chunk.inward { inward!.add(d) }
                if let d = chunk.outward { outward!.add(d) }
            }
            first = chunks.upperBound
        }
        self.dependencies = dependencies.map { order.original($0) }
        self.inward = inward.map { $0.original(order) }
        self.outward = distances && against == nil ? self.inward : outward.map { $0.original(order) }
    }
}

/// Per member u, over the searches added: the sources that reached u (other than u), the sum of
/// their distances to u and the sum of the reciprocals of those distances — stored side by side,
/// (reached, total, inverse) at 3u, 3u + 1, 3u + 2.
struct DistanceSums {
    private var values: [Double]

    init(nodeCount n: Int) {
        values = [Double](repeating: 0, count: 3 * n)
    }

    func reached(_ u: Int) -> Double { values[3 * u] }
    func total(_ u: Int) -> Double { values[3 * u + 1] }
    func inverse(_ u: Int) -> Double { values[3 * u + 2] }

    /// Adds the distances of the last search of `search`.
    mutating func add(_ search: ShortestPathSearch) {
        values.withUnsafeMutableBufferPointer { search.accumulateDistances(into: $0.baseAddress!) }
    }

    /// Adds the distances of the last batch of `batches` (run with `recordingLevels`).
    mutating func add(_ batches: MultiSourceBFS) {
        values.withUnsafeMutableBufferPointer { batches.accumulateDistances(into: $0.baseAddress!) }
    }

    /// The sums with each member's three values moved from its position in `order` to its index.
    func original(_ order: SearchOrder) -> DistanceSums {
        var sums = self
        sums.values = order.original(values, width: 3)
        return sums
    }

    /// Adds `other`'s sums member by member.
    mutating func add(_ other: DistanceSums) {
        for i in values.indices { values[i] += other.values[i] }
    }
}
