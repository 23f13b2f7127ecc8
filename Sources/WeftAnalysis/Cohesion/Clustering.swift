#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WeftGraph

/// Triangles and clustering on the undirected view (self-loops cannot occur).
///
/// - `triangles[v]`: triangles through v.
/// - `local[v]`: local clustering 2·t_v / (d_v(d_v − 1)), 0 when d_v < 2 (NetworkX `clustering`).
/// - `transitivity`: 3 × triangles / connected triples (NetworkX `transitivity`).
/// - `averageClustering`: mean of `local` over all members, zeros included (NetworkX
///   `average_clustering`).
///
/// Triangles are listed once each by `ForwardAdjacency` (O(m^1.5)). Counts are integers, so the
/// per-thread tallies add up to the same figures whatever the number of threads. References: Watts
/// & Strogatz, Nature 1998; Schank & Wagner, "Finding, counting and listing all triangles in large
/// graphs", 2005.
public struct Clustering: Sendable {
    public let triangles: [Int]
    public let local: [Double]
    public let transitivity: Double
    public let averageClustering: Double

    public init(_ graph: Graph) {
        let n = graph.nodeCount
        let forward = ForwardAdjacency(graph.undirected, normalisedWeights: false)
        let tallies = forward.withView { view in
            forward.tallies(view, parts: Parallel.threadCount, zero: Int32(0)) { count, v, u, w, _, _, _ in
                count[v] &+= 1; count[u] &+= 1; count[w] &+= 1
            }
        }
        var t = [Int](repeating: 0, count: n)
        for tally in tallies {
            for v in 0..<n { t[v] += Int(tally[v]) }
        }
        triangles = t
        var triples = 0.0, closed = 0.0
        var local = [Double](repeating: 0, count: n)
        for v in 0..<n {
            let d = forward.degree[v]
            guard d >= 2 else { continue }
            let pairs = Double(d) * Double(d - 1)
            local[v] = 2 * Double(t[v]) / pairs
            triples += pairs / 2
            closed += Double(t[v])
        }
        self.local = local
        transitivity = triples == 0 ? 0 : closed / triples
        averageClustering = n == 0 ? 0 : local.reduce(0, +) / Double(n)
    }
}

/// Onnela et al.'s weighted local clustering on the undirected view: the geometric mean of the
/// three normalised weights over v's triangles,
/// `local[v]` = (1 / (d_v(d_v − 1))) · Σ_{u,w} (ŵ_vu·ŵ_vw·ŵ_uw)^{1/3}, ŵ = w / max w, 0 when
/// d_v < 2 (NetworkX `clustering(G, weight="weight")`); `average` is its mean over all members.
///
/// Sums of reals depend on their order, so the work is cut into a fixed number of chunks, each
/// with its own tally, added in chunk order: the result does not depend on the number of threads.
/// Reference: Onnela, Saramäki, Kertész & Kaski, Phys. Rev. E 71, 065103 (2005).
public struct WeightedClustering: Sendable {
    public let local: [Double]
    public let average: Double

    static let chunkCount = 16

    public init(_ graph: Graph) {
        let n = graph.nodeCount
        let forward = ForwardAdjacency(graph.undirected, normalisedWeights: true)
        let tallies = forward.withView { view in
            forward.tallies(view, parts: WeightedClustering.chunkCount, zero: 0.0) { sum, v, u, w, vu, vw, uw in
                let g = cbrt(view.weight(vu) * view.weight(vw) * view.weight(uw))
                sum[v] += g; sum[u] += g; sum[w] += g
            }
        }
        var local = [Double](repeating: 0, count: n)
        for tally in tallies {
            for v in 0..<n { local[v] += tally[v] }
        }
        for v in 0..<n {
            let d = forward.degree[v]
            local[v] = d < 2 ? 0 : 2 * local[v] / (Double(d) * Double(d - 1))
        }
        self.local = local
        average = n == 0 ? 0 : local.reduce(0, +) / Double(n)
    }
}

/// Each tie oriented from its lower- to its higher-ranked end, ranked by (degree, index): every
/// node keeps at most O(√m) forward neighbours, so intersecting forward lists finds each triangle
/// exactly once, from its lowest-ranked member (the "forward" algorithm, O(m^1.5)).
struct ForwardAdjacency: ~Copyable {
    let degree: Scratch<Int>
    let offsets: Scratch<Int>
    let targets: Scratch<Int32>
    /// Tie weight over the largest weight, at the same position as `targets` (empty unless asked for).
    let weight: Scratch<Double>

    /// Listing work up to each node (prefix sums, n + 1 entries): node v's work is 1 + its forward
    /// degree + the forward degrees of its forward neighbours, what `forEachTriangle` scans for it.
    let work: [Int]

    /// Built in two passes over the nodes, each split across the cores: forward degrees, then
    /// (after their prefix sums) the forward lists themselves.
    init(_ adjacency: Adjacency, normalisedWeights: Bool) {
        let n = adjacency.nodeCount
        let degree = Scratch<Int>(repeating: 0, count: n)
        for v in 0..<n { degree[v] = adjacency.degree(v) }
        let maxWeight = normalisedWeights ? adjacency.weights.max() ?? 1 : 1
        let chunks = Parallel.balancedRanges(prefix: adjacency.offsets, parts: min(Parallel.threadCount, max(1, n)))
        let offsets = Scratch<Int>(repeating: 0, count: n + 1)
        let targets = Scratch<Int32>(repeating: 0, count: adjacency.entryCount / 2)
        let weight = Scratch<Double>(repeating: 0, count: normalisedWeights ? targets.count : 0)
        let work = Scratch<Int>(repeating: 0, count: n + 1)
        adjacency.withView { g in
            _ = Parallel.map(chunks: chunks.count) { c in
                for v in chunks[c] {
                    var k = 0
                    for p in g.entries(v) where ForwardAdjacency.isForward(Int(g.target(p)), from: v, degree) { k += 1 }
                    offsets[v + 1] = k
                }
            }
            for v in 0..<n { offsets[v + 1] += offsets[v] }
            _ = Parallel.map(chunks: chunks.count) { c in
                for v in chunks[c] {
                    var k = offsets[v], cost = 1 + offsets[v + 1] - offsets[v]
                    for p in g.entries(v) {
                        let u = Int(g.target(p))
                        guard ForwardAdjacency.isForward(u, from: v, degree) else { continue }
                        targets[k] = Int32(truncatingIfNeeded: u)
                        if normalisedWeights { weight[k] = g.weight(p) / maxWeight }
                        cost += offsets[u + 1] - offsets[u]
                        k += 1
                    }
                    work[v + 1] = cost
                }
            }
            for v in 0..<n { work[v + 1] += work[v] }
        }
        self.work = work.array
        self.degree = degree
        self.offsets = offsets
        self.targets = targets
        self.weight = weight
    }

    /// Whether the tie v–u points forward from v: u ranks higher by (degree, index).
    @inline(__always)
    static func isForward(_ u: Int, from v: Int, _ degree: borrowing Scratch<Int>) -> Bool {
        degree[u] > degree[v] || (degree[u] == degree[v] && u > v)
    }

    /// `body` over a view of the forward lists, weighted by `weight` when it was asked for.
    func withView<R>(_ body: (CSRView) -> R) -> R {
        weight.count == targets.count
            ? CSRView.with(offsets: offsets, targets: targets, weights: weight, body)
            : CSRView.with(offsets: offsets, targets: targets, body)
    }

    /// Lists every triangle with `record(tally, v, u, w, vu, vw, uw)` (see `forEachTriangle`), the
    /// nodes cut into `parts` contiguous ranges of about equal `work` run across the cores, each
    /// range with its own tally of one entry per node, starting at `zero`. The tallies come back in
    /// range order.
    @inline(__always)
    func tallies<T: BitwiseCopyable>(_ view: CSRView, parts: Int, zero: T,
                                     _ record: (borrowing Scratch<T>, Int, Int, Int, Int, Int, Int) -> Void) -> [[T]] {
        let n = degree.count
        let ranges = Parallel.balancedRanges(prefix: work, parts: min(parts, max(1, n)))
        return Parallel.map(chunks: ranges.count, workspace: { Marks(nodeCount: n) }) { marks, chunk -> [T] in
            let tally = Scratch<T>(repeating: zero, count: n)
            forEachTriangle(view, from: ranges[chunk], marks: marks) { record(tally, $0, $1, $2, $3, $4, $5) }
            return tally.array
        }
    }

    /// Calls `body(v, u, w, vu, vw, uw)` once for every triangle whose lowest-ranked member v lies
    /// in `nodes`, with u ranked below w; vu, vw and uw are the ties' positions in `targets`
    /// (`view` is `withView`'s). v's forward ties are marked in `marks` (indexed by node, one per
    /// thread, any initial values below 0), then each forward neighbour u's list is scanned for
    /// marked nodes: no branchy merge of sorted lists, and each scan costs u's forward degree.
    @inline(__always)
    func forEachTriangle(_ fw: CSRView, from nodes: Range<Int>, marks: Marks, _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        for v in nodes {
            let row = fw.entries(v)
            let lo = row.lowerBound, hi = row.upperBound
            guard hi - lo >= 2 else { continue }
            for vw in lo..<hi { marks.position[Int(fw.target(vw))] = vw }
            for vu in lo..<hi {
                let u = Int(fw.target(vu))
                for uw in fw.entries(u) {
                    let w = Int(fw.target(uw))
                    let vw = marks.position[w]
                    if vw >= lo && vw < hi { body(v, u, w, vu, vw, uw) }
                }
            }
        }
    }

    /// A thread's marks for `forEachTriangle`: for each node, the position of the last forward tie
    /// to it that was marked (positions are unique to their tail, so stale marks never match).
    final class Marks {
        let position: Scratch<Int>
        init(nodeCount: Int) { position = Scratch(repeating: -1, count: nodeCount) }
    }
}
