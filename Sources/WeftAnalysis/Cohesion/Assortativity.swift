import WeftGraph

/// Degree assortativity on the undirected view: the Pearson correlation between the degrees at the
/// two ends of every tie, each tie counted in both directions (NetworkX
/// `degree_assortativity_coefficient` on the undirected graph). NaN when every member has the same
/// degree (the correlation is undefined). Reference: Newman, "Assortative mixing in networks",
/// Phys. Rev. Lett. 89, 208701 (2002).
public enum DegreeAssortativity {
    public static func coefficient(_ graph: Graph) -> Double {
        let adjacency = graph.undirected
        let n = graph.nodeCount
        let degree = (0..<n).map { Double(adjacency.degree($0)) }
        var sumXY = 0.0, sumX = 0.0, sumX2 = 0.0, count = 0.0
        for v in 0..<n {
            for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let x = degree[v], y = degree[Int(adjacency.neighbours[p])]
                sumXY += x * y; sumX += x; sumX2 += x * x; count += 1
            }
        }
        guard count > 0 else { return .nan }
        let mean = sumX / count
        let variance = sumX2 / count - mean * mean
        guard variance > 1e-12 * max(1, mean * mean) else { return .nan }
        return (sumXY / count - mean * mean) / variance
    }
}

extension DegreeAssortativity {
    /// Directed degree assortativity: the Pearson correlation, over the ties u → v, between the
    /// source's out-degree and the target's in-degree (distinct neighbours, weights ignored) —
    /// what NetworkX's `degree_assortativity_coefficient(G)` gives on a DiGraph with its defaults
    /// x = "out", y = "in", and igraph's `assortativity_degree(directed=True)`. NaN on an
    /// undirected graph, and when either degree is the same at every tie (undefined).
    /// Reference: Newman, "Mixing patterns in networks", Phys. Rev. E 67, 026126 (2003), §III.
    public static func directed(_ graph: Graph) -> Double {
        guard graph.isDirected else { return .nan }
        let out = graph.out, incoming = graph.in
        var sumX = 0.0, sumY = 0.0, sumXY = 0.0, sumX2 = 0.0, sumY2 = 0.0, count = 0.0
        for u in 0..<graph.nodeCount {
            let x = Double(out.degree(u))
            for p in out.offsets[u]..<out.offsets[u + 1] {
                let y = Double(incoming.degree(Int(out.neighbours[p])))
                sumX += x; sumY += y; sumXY += x * y; sumX2 += x * x; sumY2 += y * y; count += 1
            }
        }
        guard count > 0 else { return .nan }
        let meanX = sumX / count, meanY = sumY / count
        let varX = sumX2 / count - meanX * meanX, varY = sumY2 / count - meanY * meanY
        guard varX > 1e-12 * max(1, meanX * meanX), varY > 1e-12 * max(1, meanY * meanY) else { return .nan }
        return (sumXY / count - meanX * meanY) / (varX * varY).squareRoot()
    }
}
