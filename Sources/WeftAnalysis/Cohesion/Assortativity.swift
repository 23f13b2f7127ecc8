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
                let x = degree[v], y = degree[Int(adjacency.neighbors[p])]
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
