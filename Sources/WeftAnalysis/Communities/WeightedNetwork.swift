import WeftGraph

/// The undirected, weighted network that community detection works on: CSR arrays with every
/// tie listed from both ends, plus a self-loop weight per node. The graph's own nodes start
/// without self-loops; the multilevel methods aggregate each community into one node whose
/// self-loop holds the weight of the ties inside it.
///
/// Conventions: `loop[v]` counts each internal tie once; a node's strength is
/// k_v = Σ_{u ≠ v} w_vu + 2·loop_v, and the total weight is m = Σ_v k_v / 2, so that modularity
/// is invariant under aggregation.
struct WeightedNetwork {
    var offsets: [Int]
    var neighbours: [Int32]
    var weights: [Double]
    var loop: [Double]
    var strength: [Double]
    var totalWeight: Double

    var nodeCount: Int { loop.count }

    /// `body` over a weighted view of the CSR arrays.
    func withView<R>(_ body: (CSRView) -> R) -> R {
        CSRView.with(offsets: offsets, targets: neighbours, weights: weights, body)
    }

    /// The undirected view of `graph` (ties of a directed graph symmetrised by its rule).
    init(_ graph: Graph) {
        let a = graph.undirected
        offsets = a.offsets
        neighbours = a.neighbours
        weights = a.weights
        loop = [Double](repeating: 0, count: a.nodeCount)
        strength = (0..<a.nodeCount).map { a.strength($0) }
        totalWeight = strength.reduce(0, +) / 2
    }

    private init(offsets: [Int], neighbours: [Int32], weights: [Double], loop: [Double], strength: [Double], totalWeight: Double) {
        self.offsets = offsets; self.neighbours = neighbours; self.weights = weights
        self.loop = loop; self.strength = strength; self.totalWeight = totalWeight
    }

    /// The network with one node per community of `community` (codes 0 ..< communityCount):
    /// the weights between communities summed, ties inside a community turned into its self-loop.
    /// Communities are visited in code order, each one's members in node order, and a community's
    /// neighbours listed in code order. The working arrays are `Scratch` buffers (a Swift array
    /// captured by the view's closure is boxed and checked for exclusive access on every use).
    func aggregated(by community: [Int32], communityCount: Int) -> WeightedNetwork {
        let n = nodeCount
        // Members of each community, by counting sort (stable: node order within a community).
        let start = Scratch<Int>(repeating: 0, count: communityCount + 1)
        for v in 0..<n { start[Int(community[v]) + 1] += 1 }
        for c in 0..<communityCount { start[c + 1] += start[c] }
        let members = Scratch<Int32>(repeating: 0, count: n)
        let fill = Scratch<Int>(repeating: 0, count: communityCount)
        for c in 0..<communityCount { fill[c] = start[c] }
        for v in 0..<n {
            let c = Int(community[v])
            members[fill[c]] = Int32(v)
            fill[c] += 1
        }
        let newOffsets = Scratch<Int>(repeating: 0, count: communityCount + 1)
        let newLoop = Scratch<Double>(repeating: 0, count: communityCount)
        let newStrength = Scratch<Double>(repeating: 0, count: communityCount)
        let accumulated = Scratch<Double>(repeating: 0, count: communityCount)
        let mark = Scratch<Int32>(repeating: -1, count: communityCount)
        let touched = Scratch<Int32>(repeating: 0, count: communityCount)
        let comm = Scratch(community), loops = Scratch(loop), strengths = Scratch(strength)
        // The entries are written straight into the new network's arrays, sized for the most
        // there can be (one per entry of this network: ties inside a community become loops);
        // only the pages of the entries written are touched.
        var filled = 0
        var newWeights: [Double] = []
        let newNeighbours = [Int32](unsafeUninitializedCapacity: neighbours.count) { neighbourBuffer, neighbourCount in
            newWeights = [Double](unsafeUninitializedCapacity: neighbours.count) { weightBuffer, weightCount in
                withView { g in
                    for c in 0..<communityCount {
                        var inside = 0.0, touchedCount = 0
                        for m in start[c]..<start[c + 1] {
                            let v = Int(members[m])
                            inside += loops[v]
                            newStrength[c] += strengths[v]
                            for p in g.entries(v) {
                                let d = Int(comm[Int(g.target(p))])
                                if d == c { inside += g.weight(p) / 2; continue }
                                if mark[d] != Int32(c) {
                                    mark[d] = Int32(c)
                                    accumulated[d] = 0
                                    touched[touchedCount] = Int32(d)
                                    touchedCount += 1
                                }
                                accumulated[d] += g.weight(p)
                            }
                        }
                        newLoop[c] = inside
                        touched.sortPrefix(touchedCount)
                        for i in 0..<touchedCount {
                            let d = touched[i]
                            neighbourBuffer.initializeElement(at: filled, to: d)
                            weightBuffer.initializeElement(at: filled, to: accumulated[Int(d)])
                            filled += 1
                        }
                        newOffsets[c + 1] = filled
                    }
                }
                weightCount = filled
            }
            neighbourCount = filled
        }
        return WeightedNetwork(offsets: newOffsets.array, neighbours: newNeighbours, weights: newWeights,
                               loop: newLoop.array, strength: newStrength.array, totalWeight: totalWeight)
    }
}
