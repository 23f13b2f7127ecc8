import WeftGraph

/// The local moving phase shared by Louvain and Leiden: nodes move one at a time to the
/// neighbouring community (or an empty one) that raises modularity most, until no move helps.
///
/// Queue-based, as in Leiden's fast local moving (Traag, Waltman & van Eck 2019): every node is
/// queued once in a seeded random order; when a node moves, its neighbours outside its new
/// community are queued again. Gains are in weight units: moving a node v (strength k_v, taken
/// out of its community) into community c gains w(v, c) − γ·k_v·K_c / 2m, and an empty
/// community gains 0. Equal gains keep the node where it is, or pick the first community found
/// in neighbour order, so the result depends only on the seed.
enum LocalMoving {
    /// Moves nodes of `network` between the communities in `community` (codes 0 ..< nodeCount)
    /// until no move raises modularity. Returns whether any node moved.
    @discardableResult
    static func run(_ network: WeightedNetwork, community: inout [Int32], resolution: Double,
                    generator: inout SeededGenerator) -> Bool {
        let n = network.nodeCount
        guard n > 1, network.totalWeight > 0 else { return false }
        let scale = resolution / (2 * network.totalWeight)
        var total = [Double](repeating: 0, count: n)       // K_c
        var size = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            total[Int(community[v])] += network.strength[v]
            size[Int(community[v])] += 1
        }
        var empty: [Int32] = []
        for c in stride(from: n - 1, through: 0, by: -1) where size[c] == 0 { empty.append(Int32(c)) }
        var queue = Array(0..<Int32(n))
        shuffle(&queue, &generator)
        var queued = [Bool](repeating: true, count: n)
        var head = 0, pending = n
        var toCommunity = [Double](repeating: 0, count: n)
        var mark = [Int32](repeating: -1, count: n)
        var touched: [Int32] = []
        touched.reserveCapacity(64)
        var movedAny = false
        network.offsets.withUnsafeBufferPointer { off in
            network.neighbors.withUnsafeBufferPointer { nb in
                network.weights.withUnsafeBufferPointer { wt in
                    community.withUnsafeMutableBufferPointer { comm in
                        while pending > 0 {
                            let v = Int(queue[head])
                            head = head + 1 == n ? 0 : head + 1
                            pending -= 1
                            queued[v] = false
                            let own = Int(comm[v])
                            let kv = network.strength[v]
                            // Weight from v to each neighbouring community; v's own always listed first.
                            mark[own] = Int32(v); toCommunity[own] = 0; touched.append(Int32(own))
                            for p in off[v]..<off[v + 1] {
                                let c = Int(comm[Int(nb[p])])
                                if mark[c] != Int32(v) { mark[c] = Int32(v); toCommunity[c] = 0; touched.append(Int32(c)) }
                                toCommunity[c] += wt[p]
                            }
                            total[own] -= kv
                            size[own] -= 1
                            var best = own
                            var bestGain = toCommunity[own] - kv * total[own] * scale
                            let tolerance = 1e-12 * max(1, kv)
                            for c in touched.dropFirst() {
                                let gain = toCommunity[Int(c)] - kv * total[Int(c)] * scale
                                if gain > bestGain + tolerance { best = Int(c); bestGain = gain }
                            }
                            if bestGain < -tolerance, size[own] > 0, let e = empty.last {
                                best = Int(e)   // alone is better than any neighbouring community
                            }
                            touched.removeAll(keepingCapacity: true)
                            if best != own {
                                if best == Int(empty.last ?? -1) { empty.removeLast() }
                                if size[own] == 0 { empty.append(Int32(own)) }
                                comm[v] = Int32(best)
                                movedAny = true
                                for p in off[v]..<off[v + 1] {
                                    let u = Int(nb[p])
                                    if !queued[u] && comm[u] != Int32(best) {
                                        queued[u] = true
                                        var tail = head + pending
                                        if tail >= n { tail -= n }
                                        queue[tail] = Int32(u)
                                        pending += 1
                                    }
                                }
                            }
                            total[best] += kv
                            size[best] += 1
                        }
                    }
                }
            }
        }
        return movedAny
    }

    /// Fisher–Yates shuffle with the seeded generator.
    static func shuffle(_ values: inout [Int32], _ generator: inout SeededGenerator) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, generator.int(below: i + 1))
        }
    }

    /// Renumbers community codes to 0 ..< k in order of first appearance; returns k.
    static func renumber(_ community: inout [Int32]) -> Int {
        var code = [Int32](repeating: -1, count: community.count)
        var next: Int32 = 0
        for v in community.indices {
            let c = Int(community[v])
            if code[c] < 0 { code[c] = next; next += 1 }
            community[v] = code[c]
        }
        return Int(next)
    }
}
