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
    /// neighbours listed in code order.
    ///
    /// Two sweeps, so that no node's row is fetched out of memory order. The first reads the nodes
    /// in order: it adds each node's self-loop, strength and ties inside its community to its
    /// community's sums, and deals the ties to other communities, as (community, weight), into
    /// one bucket per community — laid out in community order in the new network's own arrays,
    /// each bucket filled in node order, then entry order. The second reads the buckets in order,
    /// sums each community's weights per neighbouring community and writes them back compacted
    /// (a community's sums never reach past its own bucket). Every sum adds the same terms in the
    /// same order as visiting each community's members in node order would. The working arrays
    /// are `Scratch` buffers (a Swift array captured by the view's closure is boxed and checked
    /// for exclusive access on every use).
    func aggregated(by community: [Int32], communityCount: Int) -> WeightedNetwork {
        let n = nodeCount
        let comm = Scratch(community), loops = Scratch(loop), strengths = Scratch(strength)
        // Each community's bucket: room for all its members' entries, in community order.
        let fill = Scratch<Int>(repeating: 0, count: communityCount + 1)
        for v in 0..<n { fill[Int(comm[v]) + 1] += offsets[v + 1] - offsets[v] }
        for c in 0..<communityCount { fill[c + 1] += fill[c] }
        let bucketStart = Scratch<Int>(repeating: 0, count: communityCount + 1)
        for c in 0...communityCount { bucketStart[c] = fill[c] }
        let newOffsets = Scratch<Int>(repeating: 0, count: communityCount + 1)
        let newLoop = Scratch<Double>(repeating: 0, count: communityCount)
        let newStrength = Scratch<Double>(repeating: 0, count: communityCount)
        let accumulated = Scratch<Double>(repeating: 0, count: communityCount)
        let mark = Scratch<Int32>(repeating: -1, count: communityCount)
        let touched = Scratch<Int32>(repeating: 0, count: communityCount)
        // The buckets, then the entries, are written straight into the new network's arrays,
        // sized for the most there can be (one per entry of this network, and at least one, so
        // that a network without ties still has buffers to point at); only the pages of the
        // entries written are touched.
        var filled = 0
        var newWeights: [Double] = []
        let capacity = max(1, neighbours.count)
        let newNeighbours = [Int32](unsafeUninitializedCapacity: capacity) { neighbourBuffer, neighbourCount in
            newWeights = [Double](unsafeUninitializedCapacity: capacity) { weightBuffer, weightCount in
                let targets = neighbourBuffer.baseAddress!, values = weightBuffer.baseAddress!
                withView { g in
                    for v in 0..<n {
                        let c = Int(comm[v])
                        var inside = newLoop[c] + loops[v]
                        newStrength[c] += strengths[v]
                        var slot = fill[c]
                        for p in g.entries(v) {
                            let d = comm[Int(g.target(p))]
                            if Int(d) == c { inside += g.weight(p) / 2; continue }
                            (targets + slot).initialize(to: d)
                            (values + slot).initialize(to: g.weight(p))
                            slot += 1
                        }
                        fill[c] = slot
                        newLoop[c] = inside
                    }
                }
                for c in 0..<communityCount {
                    var touchedCount = 0
                    for slot in bucketStart[c]..<fill[c] {
                        let d = Int(targets[slot])
                        if mark[d] != Int32(c) {
                            mark[d] = Int32(c)
                            accumulated[d] = 0
                            touched[touchedCount] = Int32(d)
                            touchedCount += 1
                        }
                        accumulated[d] += values[slot]
                    }
                    touched.sortPrefix(touchedCount)
                    for i in 0..<touchedCount {
                        let d = touched[i]
                        targets[filled] = d
                        values[filled] = accumulated[Int(d)]
                        filled += 1
                    }
                    newOffsets[c + 1] = filled
                }
                weightCount = filled
            }
            neighbourCount = filled
        }
        return WeightedNetwork(offsets: newOffsets.array, neighbours: newNeighbours, weights: newWeights,
                               loop: newLoop.array, strength: newStrength.array, totalWeight: totalWeight)
    }
}
