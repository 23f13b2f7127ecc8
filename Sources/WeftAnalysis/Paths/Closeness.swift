import WeftGraph

/// Closeness and harmonic centrality of every member: how near a member is to the others along
/// shortest paths.
///
/// - `incoming`: NetworkX `closeness_centrality(G)` with the Wasserman–Faust correction for
///   disconnected graphs: C(u) = (r / (n−1)) · (r / Σ_v d(v, u)), where r is the number of other
///   members that reach u and the sum runs over them; 0 when none does. On a directed graph the
///   distances are incoming (paths v → u), as NetworkX.
/// - `outgoing`: the same with outgoing distances d(u, v) (NetworkX on `G.reverse()`); equal to
///   `incoming` on an undirected graph.
/// - `harmonic`: NetworkX `harmonic_centrality(G)`: H(u) = Σ_{v ≠ u} 1 / d(v, u) (incoming,
///   1/∞ = 0), not normalised.
/// - `harmonicOutgoing`: Σ_{v ≠ u} 1 / d(u, v) (NetworkX `harmonic_centrality(G.reverse())`);
///   equal to `harmonic` on an undirected graph.
/// - `weighted`: distances are sums of 1 / weight over the path's ties (a strong tie is a short
///   one), found with Dijkstra (NetworkX with `distance=` set to 1/weight).
///
/// Hop counts: bit-parallel BFS from 64 members at a time (`MultiSourceBFS`); weighted: one
/// Dijkstra per member. Either way once per direction, split over the cores in a fixed number
/// of chunks, so the values do not depend on the number of threads.
///
/// References: S. Wasserman & K. Faust, "Social Network Analysis" (1994), §5.3; L. C. Freeman,
/// "Centrality in social networks: conceptual clarification", Social Networks 1 (1979);
/// M. Marchiori & V. Latora, "Harmony in the small-world", Physica A 285 (2000) (harmonic);
/// T. Opsahl, F. Agneessens & J. Skvoretz, "Node centrality in weighted networks", Social
/// Networks 32 (2010) (1/weight as length).
public struct Closeness: Sendable {
    /// Closeness from incoming distances (NetworkX `closeness_centrality`, wf_improved).
    public let incoming: [Double]
    /// Closeness from outgoing distances.
    public let outgoing: [Double]
    /// Harmonic centrality from incoming distances (NetworkX `harmonic_centrality`).
    public let harmonic: [Double]
    /// Harmonic centrality from outgoing distances.
    public let harmonicOutgoing: [Double]
    public let isDirected: Bool
    public let isWeighted: Bool
    /// Members whose searches the values come from: all of them when exact (see
    /// `init(_:weighted:sampleSources:seed:threads:)` for the sampled estimate).
    public let sourceCount: Int
    public var isSampled: Bool { sourceCount < incoming.count }

    init(incoming: [Double], outgoing: [Double], harmonic: [Double], harmonicOutgoing: [Double],
         isDirected: Bool, isWeighted: Bool, sourceCount: Int) {
        (self.incoming, self.outgoing, self.harmonic, self.harmonicOutgoing) = (incoming, outgoing, harmonic, harmonicOutgoing)
        (self.isDirected, self.isWeighted, self.sourceCount) = (isDirected, isWeighted, sourceCount)
    }

    /// - Parameters:
    ///   - weighted: use tie lengths 1 / weight instead of hop counts.
    ///   - threads: threads to use; the result is the same for every value.
    public init(_ graph: Graph, weighted: Bool = false, threads: Int = Parallel.threadCount) {
        isDirected = graph.isDirected
        isWeighted = weighted
        sourceCount = graph.nodeCount
        // Searching `in` from u follows ties backwards, so it finds d(v, u) for every v.
        let inward = PathNetwork(graph.in, weighted: weighted)
        let (incoming, harmonic) = Closeness.scores(inward, threads: threads)
        self.incoming = incoming
        self.harmonic = harmonic
        if graph.isDirected {
            (outgoing, harmonicOutgoing) = Closeness.scores(PathNetwork(graph.out, weighted: weighted), threads: threads)
        } else {
            (outgoing, harmonicOutgoing) = (incoming, harmonic)
        }
    }

    /// Wasserman–Faust closeness and harmonic sums from a search out of every node: 64 searches
    /// at a time (`MultiSourceBFS`) for hop counts, one Dijkstra per node for weighted lengths.
    static func scores(_ network: PathNetwork, threads: Int) -> (closeness: [Double], harmonic: [Double]) {
        let n = network.nodeCount
        func wassermanFaust(_ reached: Int, _ total: Double) -> Double {
            guard total > 0 && n > 1 else { return 0 }
            var c = Double(reached) / total
            c *= Double(reached) / Double(n - 1)
            return c
        }
        if !network.isWeighted {
            let chunks = SourceChunks.map(threads: threads, workspace: { MultiSourceBFS(nodeCount: n) }) { bfs, chunk in
                let range = SourceChunks.range(chunk, of: n)
                var closeness = [Double](), harmonic = [Double]()
                closeness.reserveCapacity(range.count); harmonic.reserveCapacity(range.count)
                let sources = range.map { Int32(truncatingIfNeeded: $0) }
                network.withView { buffers in
                    var start = 0
                    while start < sources.count {
                        let batch = sources[start..<min(start + MultiSourceBFS.width, sources.count)]
                        bfs.run(batch, buffers)
                        for b in 0..<batch.count {
                            closeness.append(wassermanFaust(bfs.reached[b], Double(bfs.total[b])))
                            harmonic.append(bfs.harmonic[b])
                        }
                        start += batch.count
                    }
                }
                return (closeness, harmonic)
            }
            return (chunks.flatMap(\.0), chunks.flatMap(\.1))
        }
        let chunks = SourceChunks.map(threads: threads, workspace: { ShortestPathSearch(nodeCount: n) }) { search, chunk in
            let range = SourceChunks.range(chunk, of: n)
            var closeness = [Double](), harmonic = [Double]()
            closeness.reserveCapacity(range.count); harmonic.reserveCapacity(range.count)
            network.withView { buffers in
                for u in range {
                    search.run(from: u, buffers, countingPaths: false)
                    let (reached, total, inverse) = search.distanceSums()
                    closeness.append(wassermanFaust(reached, total))
                    harmonic.append(inverse)
                }
            }
            return (closeness, harmonic)
        }
        return (chunks.flatMap(\.0), chunks.flatMap(\.1))
    }
}
