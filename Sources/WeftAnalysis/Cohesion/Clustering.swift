import WeftGraph

/// Triangles and clustering on the undirected view (self-loops cannot occur).
///
/// - `triangles[v]`: triangles through v.
/// - `local[v]`: local clustering 2·t_v / (d_v(d_v − 1)), 0 when d_v < 2 (NetworkX `clustering`).
/// - `localWeighted[v]`: Onnela et al.'s weighted clustering, the geometric mean of the three
///   normalised weights over v's triangles: (1 / (d_v(d_v − 1))) · Σ_{u,w} (ŵ_vu·ŵ_vw·ŵ_uw)^{1/3},
///   ŵ = w / max w (NetworkX `clustering(G, weight="weight")`).
/// - `transitivity`: 3 × triangles / connected triples (NetworkX `transitivity`).
/// - `averageClustering`, `averageClusteringWeighted`: means over all members, zeros included.
///
/// Triangles are listed once each by the forward algorithm (each tie oriented from lower to higher
/// degree rank, then sorted-list intersection): O(m^1.5). Work is split into a fixed number of
/// chunks of members run on all cores and summed in chunk order, so results do not depend on the
/// number of threads. References: Watts & Strogatz, Nature 1998; Onnela, Saramäki, Kertész &
/// Kaski, Phys. Rev. E 71, 065103 (2005); Schank & Wagner, "Finding, counting and listing all
/// triangles in large graphs", 2005.
public struct Clustering: Sendable {
    public let triangles: [Int]
    public let local: [Double]
    public let localWeighted: [Double]
    public let transitivity: Double
    public let averageClustering: Double
    public let averageClusteringWeighted: Double

    static let chunkCount = 16

    public init(_ graph: Graph) {
        let adjacency = graph.undirected
        let n = graph.nodeCount
        let degree = (0..<n).map { adjacency.degree($0) }
        let maxWeight = adjacency.weights.max() ?? 1
        // Forward lists: neighbours of higher (degree, index) rank, in index order, with weights.
        var forwardOffsets = [Int](repeating: 0, count: n + 1)
        var forward: [Int32] = [], forwardWeight: [Double] = []
        forward.reserveCapacity(adjacency.entryCount / 2)
        forwardWeight.reserveCapacity(adjacency.entryCount / 2)
        for v in 0..<n {
            for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let u = Int(adjacency.neighbors[p])
                if (degree[u], u) > (degree[v], v) {
                    forward.append(Int32(u))
                    forwardWeight.append(adjacency.weights[p] / maxWeight)
                }
            }
            forwardOffsets[v + 1] = forward.count
        }
        let ranges = Parallel.balancedRanges(prefix: forwardOffsets, parts: min(Clustering.chunkCount, max(1, n)))
        let partials = Parallel.map(chunks: ranges.count) { chunk -> (count: [Int], weighted: [Double]) in
            var count = [Int](repeating: 0, count: n)
            var weighted = [Double](repeating: 0, count: n)
            forwardOffsets.withUnsafeBufferPointer { off in
                forward.withUnsafeBufferPointer { fw in
                    forwardWeight.withUnsafeBufferPointer { ww in
                        for v in ranges[chunk] {
                            for p in off[v]..<off[v + 1] {
                                let u = Int(fw[p])
                                // Intersect v's forward list with u's: each triangle is found once, from its lowest-ranked member.
                                var i = off[v], j = off[u]
                                let iEnd = off[v + 1], jEnd = off[u + 1]
                                while i < iEnd && j < jEnd {
                                    let a = fw[i], b = fw[j]
                                    if a < b { i += 1 } else if b < a { j += 1 } else {
                                        let w = Int(a)
                                        count[v] += 1; count[u] += 1; count[w] += 1
                                        let g = cbrt(ww[p] * ww[i] * ww[j])
                                        weighted[v] += g; weighted[u] += g; weighted[w] += g
                                        i += 1; j += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return (count, weighted)
        }
        var t = [Int](repeating: 0, count: n)
        var tw = [Double](repeating: 0, count: n)
        for part in partials {
            for v in 0..<n { t[v] += part.count[v]; tw[v] += part.weighted[v] }
        }
        triangles = t
        var triples = 0.0, closed = 0.0
        var local = [Double](repeating: 0, count: n), localWeighted = [Double](repeating: 0, count: n)
        for v in 0..<n where degree[v] >= 2 {
            let pairs = Double(degree[v]) * Double(degree[v] - 1)
            local[v] = 2 * Double(t[v]) / pairs
            localWeighted[v] = 2 * tw[v] / pairs
            triples += pairs / 2
            closed += Double(t[v])
        }
        self.local = local
        self.localWeighted = localWeighted
        transitivity = triples == 0 ? 0 : closed / triples
        averageClustering = n == 0 ? 0 : local.reduce(0, +) / Double(n)
        averageClusteringWeighted = n == 0 ? 0 : localWeighted.reduce(0, +) / Double(n)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
