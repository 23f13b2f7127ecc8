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
        self.init(labels: rawLabels, size: size, firstMember: firstMember)
    }

    /// Numbers the components whose raw labels are `labels` (0..<k) by decreasing `size`, then by
    /// increasing `firstMember` (the smallest member of each).
    /// No comparison sort: scanning the members in order meets each label first at its smallest
    /// member, which lists the labels by `firstMember`; a stable counting sort by decreasing size
    /// then gives the order, in O(n) (a timeline numbers the components of every period).
    private init(labels: [Int], size: [Int], firstMember: [Int]) {
        var byFirstMember: [Int] = []
        byFirstMember.reserveCapacity(size.count)
        for (v, label) in labels.enumerated() where firstMember[label] == v { byFirstMember.append(label) }
        // next[s]: where the next component of size s goes (sizes run from 1 to n).
        var next = [Int](repeating: 0, count: (size.max() ?? 0) + 2)
        for s in size { next[s] += 1 }
        var position = 0
        for s in stride(from: next.count - 1, through: 0, by: -1) { (next[s], position) = (position, position + next[s]) }
        var ordered = [Int](repeating: 0, count: size.count)
        for label in byFirstMember { ordered[next[size[label]]] = label; next[size[label]] += 1 }
        var rank = [Int](repeating: 0, count: size.count)
        for (i, label) in ordered.enumerated() { rank[label] = i }
        membership = labels.map { rank[$0] }
        sizes = ordered.map { size[$0] }
    }

    /// Weakly connected components: components of the symmetrised graph.
    /// Reference: NetworkX `weakly_connected_components` / `connected_components`.
    public static func weak(_ graph: Graph) -> Components { connected(graph.undirected) }

    /// Connected components of a symmetric adjacency, by union–find with path halving over the
    /// CSR arrays: each tie (v, u) with u < v joins the trees of v and u, the root with the larger
    /// index hung under the smaller, so every root ends as the smallest member of its component
    /// and one ascending pass (parent[v] = parent[parent[v]], parents always below v) finishes
    /// every path. O(m·α(n)); it reads each row once in order, where a breadth-first search jumps
    /// from row to row. Reference: Tarjan & van Leeuwen, "Worst-case analysis of set union
    /// algorithms", JACM 1984 (path halving); Patwary, Blair & Manne, "Experiments on union-find
    /// algorithms for the disjoint-set data structure", SEA 2010 (linking by index).
    public static func connected(_ adjacency: Adjacency) -> Components {
        let n = adjacency.nodeCount
        let parent = Scratch<Int32>(repeating: 0, count: n)
        adjacency.withView { g in
            @inline(__always) func find(_ x: Int32) -> Int32 {
                var x = x
                while parent[Int(x)] != x {
                    let grandparent = parent[Int(parent[Int(x)])]
                    parent[Int(x)] = grandparent
                    x = grandparent
                }
                return x
            }
            for v in 0..<n { parent[v] = Int32(truncatingIfNeeded: v) }
            for v in 0..<n {
                let entries = g.entries(v)
                guard !entries.isEmpty, Int(g.target(entries.lowerBound)) < v else { continue }
                var rv = find(Int32(truncatingIfNeeded: v))
                for p in entries {
                    let u = g.target(p)
                    guard Int(u) < v else { break }   // rows are sorted: the rest are above v
                    let ru = find(u)
                    if ru == rv { continue }
                    if ru < rv { parent[Int(rv)] = ru; rv = ru } else { parent[Int(ru)] = rv }
                }
            }
            for v in 0..<n { parent[v] = parent[Int(parent[v])] }
        }
        // Roots are the smallest members of their components: raw label = rank of the root among roots.
        var label = [Int](repeating: 0, count: n)
        var firstMember: [Int] = []
        for v in 0..<n {
            let root = Int(parent[v])
            if root == v { label[v] = firstMember.count; firstMember.append(v) } else { label[v] = label[root] }
        }
        var size = [Int](repeating: 0, count: firstMember.count)
        for v in 0..<n { size[label[v]] += 1 }
        return Components(labels: label, size: size, firstMember: firstMember)
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
                    let u = Int(out.neighbours[frame.edge])
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
