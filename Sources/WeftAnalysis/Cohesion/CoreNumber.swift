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
        // 32-bit working arrays behind unsafe pointers: half the memory traffic of Int arrays and
        // no bounds checks in the peeling loop, which touches them at random.
        var degree = [Int32](repeating: 0, count: n)
        var maxDegree = 0
        for v in 0..<n {
            let d = adjacency.degree(v)
            degree[v] = Int32(truncatingIfNeeded: d)
            maxDegree = max(maxDegree, d)
        }
        // Bucket sort members by degree.
        var binStart = [Int32](repeating: 0, count: maxDegree + 2)
        var order = [Int32](repeating: 0, count: n)
        var position = [Int32](repeating: 0, count: n)
        degree.withUnsafeMutableBufferPointer { degree in
            binStart.withUnsafeMutableBufferPointer { binStart in
                order.withUnsafeMutableBufferPointer { order in
                    position.withUnsafeMutableBufferPointer { position in
                        adjacency.offsets.withUnsafeBufferPointer { offsets in
                            adjacency.neighbors.withUnsafeBufferPointer { neighbors in
                                for v in 0..<n { binStart[Int(degree[v]) + 1] += 1 }
                                for d in 0..<(maxDegree + 1) { binStart[d + 1] += binStart[d] }
                                var cursor = Array(binStart)
                                for v in 0..<n {
                                    let d = Int(degree[v])
                                    position[v] = cursor[d]
                                    order[Int(cursor[d])] = Int32(truncatingIfNeeded: v)
                                    cursor[d] += 1
                                }
                                for i in 0..<n {
                                    let v = Int(order[i])
                                    let dv = degree[v]
                                    for p in offsets[v]..<offsets[v + 1] {
                                        let u = Int(neighbors[p])
                                        let du = degree[u]
                                        guard du > dv else { continue }
                                        // Move u to the front of its bin, then shrink its degree by one.
                                        let front = binStart[Int(du)]
                                        let w = Int(order[Int(front)])
                                        if w != u {
                                            let at = position[u]
                                            order[Int(at)] = Int32(truncatingIfNeeded: w); position[w] = at
                                            order[Int(front)] = Int32(truncatingIfNeeded: u); position[u] = front
                                        }
                                        binStart[Int(du)] += 1
                                        degree[u] = du - 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        values = degree.map { Int($0) }
    }
}
