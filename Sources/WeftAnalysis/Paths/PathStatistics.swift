import WeftGraph

/// Distance figures of the network, on the undirected view (`graph.undirected`), unweighted.
///
/// - `diameter`: the longest shortest path (in steps) between two members of the largest
///   connected component (NetworkX `diameter` of that component's subgraph); 0 when the
///   component has one member or the network none.
/// - `averagePathLength`: the mean shortest-path length over ordered pairs of distinct members
///   of the largest connected component (NetworkX `average_shortest_path_length` of that
///   subgraph); 0 when it has one member or the network none.
/// - `largestComponentSize`: members in that component (component 0 of `Components.weak`:
///   the largest, ties broken by the lowest member).
/// - `reachWithinTwo[v]`: number of other members at distance 1 or 2 from v (NetworkX
///   `len(single_source_shortest_path_length(G, v, cutoff=2)) - 1` on the undirected view) —
///   the "two-step reach" of ONA practice.
///
/// Bit-parallel BFS from 64 members of the largest component at a time (`MultiSourceBFS`), split
/// over the cores in a fixed number of chunks. For large networks `sampleSources` searches from
/// that many members of the component only (seeded): `averagePathLength` is then the mean over
/// the sampled sources (an unbiased estimate) and `diameter` the largest eccentricity among them —
/// a lower bound, and at least half the true diameter.
/// Reference: S. Wasserman & K. Faust, "Social Network Analysis" (1994), §4.3 (geodesics,
/// diameter); Borgatti, Everett & Johnson, "Analyzing Social Networks" (2013) (two-step reach).
public struct PathStatistics: Sendable {
    public let diameter: Int
    public let averagePathLength: Double
    public let largestComponentSize: Int
    public let reachWithinTwo: [Int]
    /// Whether diameter and average path length come from sampled sources.
    public let isSampled: Bool

    /// - Parameters:
    ///   - sampleSources: search from this many members of the largest component (nil: all).
    ///   - threads: threads to use; the result is the same for every value.
    public init(_ graph: Graph, sampleSources: Int? = nil, seed: UInt64 = Betweenness.defaultSeed,
                threads: Int = Parallel.threadCount) {
        let n = graph.nodeCount
        let components = Components.weak(graph)
        let component = (0..<n).filter { components.membership[$0] == 0 }.map { Int32(truncatingIfNeeded: $0) }
        largestComponentSize = component.count
        var members = component
        if let k = sampleSources, k < component.count {
            members = Betweenness.sampleSources(k, of: component.count, seed: seed).map { component[Int($0)] }
        }
        isSampled = members.count < component.count
        let network = PathNetwork(graph.undirected, weighted: false)

        let chunks = SourceChunks.map(threads: threads, workspace: { MultiSourceBFS(nodeCount: n) }) { bfs, chunk in
            var total = 0, longest = 0
            let range = SourceChunks.range(chunk, of: members.count)
            network.withView { buffers in
                var start = range.lowerBound
                while start < range.upperBound {
                    let batch = members[start..<min(start + MultiSourceBFS.width, range.upperBound)]
                    bfs.run(batch, buffers)
                    for b in 0..<batch.count {
                        total += bfs.total[b]
                        longest = max(longest, bfs.eccentricity[b])
                    }
                    start += batch.count
                }
            }
            return (total, longest)
        }
        diameter = chunks.map(\.1).max() ?? 0
        let s = component.count
        averagePathLength = s > 1 ? Double(chunks.reduce(0) { $0 + $1.0 }) / (Double(members.count) * Double(s - 1)) : 0
        reachWithinTwo = PathStatistics.reachWithinTwo(graph.undirected, threads: threads)
    }

    /// Number of other nodes within two steps of each node.
    static func reachWithinTwo(_ adjacency: Adjacency, threads: Int) -> [Int] {
        let n = adjacency.nodeCount
        let chunks = SourceChunks.map(threads: threads, workspace: { () -> [Int32] in [] }) { _, chunk in
            let range = SourceChunks.range(chunk, of: n)
            var reach = [Int](repeating: 0, count: range.count)
            if range.isEmpty { return reach }
            // mark[x] == v + 1 when x has been counted for v (no reset between nodes).
            let mark = Scratch<Int32>(repeating: 0, count: n)
            adjacency.withView { g in
                for v in range {
                    let stamp = Int32(truncatingIfNeeded: v + 1)
                    mark[v] = stamp
                    var count = 0
                    for p in g.entries(v) {
                        let u = Int(g.target(p))
                        if mark[u] != stamp { mark[u] = stamp; count += 1 }
                    }
                    for p in g.entries(v) {
                        let u = Int(g.target(p))
                        for q in g.entries(u) {
                            let x = Int(g.target(q))
                            if mark[x] != stamp { mark[x] = stamp; count += 1 }
                        }
                    }
                    reach[v - range.lowerBound] = count
                }
            }
            return reach
        }
        return chunks.flatMap { $0 }
    }
}
