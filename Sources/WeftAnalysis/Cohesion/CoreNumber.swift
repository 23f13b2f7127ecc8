import WeftGraph

/// The k-core number of every member on the undirected view, unweighted: the largest k such that
/// the member belongs to a subgraph in which every member has at least k neighbours
/// (NetworkX `core_number`). Computed by Batagelj & Zaversnik's bucket algorithm, O(n + m).
/// Reference: Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of networks", 2003.
public struct CoreNumber: Sendable {
    public let values: [Int]
    public var maximum: Int { values.max() ?? 0 }

    public init(_ graph: Graph) {
        let adjacency = graph.undirected
        let n = graph.nodeCount
        var degree = (0..<n).map { adjacency.degree($0) }
        let maxDegree = degree.max() ?? 0
        // Bucket sort members by degree.
        var binStart = [Int](repeating: 0, count: maxDegree + 2)
        for d in degree { binStart[d + 1] += 1 }
        for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
        var order = [Int](repeating: 0, count: n)
        var position = [Int](repeating: 0, count: n)
        var cursor = binStart
        for v in 0..<n {
            position[v] = cursor[degree[v]]
            order[position[v]] = v
            cursor[degree[v]] += 1
        }
        for i in 0..<n {
            let v = order[i]
            for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                let u = Int(adjacency.neighbors[p])
                if degree[u] > degree[v] {
                    // Move u to the front of its bin, then shrink its degree by one.
                    let du = degree[u]
                    let front = binStart[du]
                    let w = order[front]
                    if w != u {
                        order[position[u]] = w; position[w] = position[u]
                        order[front] = u; position[u] = front
                    }
                    binStart[du] += 1
                    degree[u] -= 1
                }
            }
        }
        values = degree
    }
}
