import WeftGraph

/// A partition of the members into connected components.
///
/// `membership[v]` is v's component; components are numbered by decreasing size, ties broken by
/// the smallest member index in the component, so numbering is deterministic. `sizes[c]` is the
/// size of component c. Isolated members are components of size 1.
public struct Components: Sendable, Equatable {
    public let membership: [Int]
    public let sizes: [Int]

    public var count: Int { sizes.count }
    public var largestSize: Int { sizes.first ?? 0 }

    /// Renumbers raw labels 0..<k by decreasing size, then smallest member (arrays only).
    init(rawLabels: [Int]) {
        let k = (rawLabels.max() ?? -1) + 1
        var size = [Int](repeating: 0, count: k)
        var firstMember = [Int](repeating: Int.max, count: k)
        for (v, label) in rawLabels.enumerated() {
            size[label] += 1
            if firstMember[label] == Int.max { firstMember[label] = v }
        }
        let ordered = (0..<k).sorted { size[$0] != size[$1] ? size[$0] > size[$1] : firstMember[$0] < firstMember[$1] }
        var rank = [Int](repeating: 0, count: k)
        for (i, label) in ordered.enumerated() { rank[label] = i }
        membership = rawLabels.map { rank[$0] }
        sizes = ordered.map { size[$0] }
    }

    /// Weakly connected components: components of the symmetrised graph (breadth-first search).
    /// Reference: NetworkX `weakly_connected_components` / `connected_components`.
    public static func weak(_ graph: Graph) -> Components { connected(graph.undirected) }

    /// Connected components of a symmetric adjacency (breadth-first search).
    public static func connected(_ adjacency: Adjacency) -> Components {
        let n = adjacency.nodeCount
        var label = [Int](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var next = 0
        for root in 0..<n where label[root] < 0 {
            label[root] = next
            var head = 0, tail = 0
            queue[tail] = Int32(root); tail += 1
            while head < tail {
                let v = Int(queue[head]); head += 1
                for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] {
                    let u = Int(adjacency.neighbors[p])
                    if label[u] < 0 { label[u] = next; queue[tail] = Int32(u); tail += 1 }
                }
            }
            next += 1
        }
        return Components(rawLabels: label)
    }

    /// Strongly connected components of a directed graph (Tarjan's algorithm, iterative so deep
    /// graphs cannot overflow the stack). On an undirected graph these are the weak components.
    /// Reference: Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1972.
    public static func strong(_ graph: Graph) -> Components {
        guard graph.isDirected else { return weak(graph) }
        let out = graph.out
        let n = graph.nodeCount
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var label = [Int](repeating: -1, count: n)
        var stack: [Int] = []
        var callStack: [(v: Int, edge: Int)] = []
        var counter = 0, components = 0
        for root in 0..<n where index[root] < 0 {
            callStack.append((root, out.offsets[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let frame = callStack.last {
                let v = frame.v
                if frame.edge < out.offsets[v + 1] {
                    let u = Int(out.neighbors[frame.edge])
                    callStack[callStack.count - 1].edge += 1
                    if index[u] < 0 {
                        index[u] = counter; low[u] = counter; counter += 1
                        stack.append(u); onStack[u] = true
                        callStack.append((u, out.offsets[u]))
                    } else if onStack[u] {
                        low[v] = min(low[v], index[u])
                    }
                } else {
                    callStack.removeLast()
                    if let parent = callStack.last { low[parent.v] = min(low[parent.v], low[v]) }
                    if low[v] == index[v] {
                        while true {
                            let w = stack.removeLast()
                            onStack[w] = false
                            label[w] = components
                            if w == v { break }
                        }
                        components += 1
                    }
                }
            }
        }
        return Components(rawLabels: label)
    }
}
