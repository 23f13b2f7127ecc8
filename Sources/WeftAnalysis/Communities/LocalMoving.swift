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
///
/// Each visit runs three named phases (igraph's `fastmove` has the same steps):
/// `weighCommunities` (w(v, c) for v's own community and each neighbour's), `bestCommunity` (the
/// move of largest gain, v taken out of its community first) and `move` (v into the chosen
/// community, its neighbours outside it queued again). O(k_v) per visit.
enum LocalMoving {
    /// Moves nodes of `network` between the communities in `community` (codes 0 ..< nodeCount)
    /// until no move raises modularity. Returns whether any node moved.
    @discardableResult
    static func run(_ network: WeightedNetwork, community: inout [Int32], resolution: Double,
                    generator: inout SeededGenerator) -> Bool {
        let n = network.nodeCount
        guard n > 1, network.totalWeight > 0 else { return false }
        var order = Array(0..<Int32(n))
        shuffle(&order, &generator)
        var state = LocalMovingState(network, community: community, resolution: resolution, order: order)
        var movedAny = false
        network.withView { g in
            while let v = state.next() {
                let own = Int(state.community[v])
                state.weighCommunities(of: v, own: own, g)
                let best = state.bestCommunity(for: v, own: own)
                if state.move(v, from: own, to: best, g) { movedAny = true }
            }
        }
        community = state.community.array
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

/// One local-moving run's state: each node's community, each community's total strength K_c and
/// size, the empty communities (a stack), the circular queue of nodes to visit, and the weights
/// from the node being visited to the communities it touches.
private struct LocalMovingState: ~Copyable {
    let nodeCount: Int
    /// γ / 2m.
    let scale: Double
    let strength: Scratch<Double>
    let community: Scratch<Int32>
    let total: Scratch<Double>
    let size: Scratch<Int32>
    let queue: Scratch<Int32>
    let queued: Scratch<Bool>
    var head = 0, pending: Int
    var empty: [Int32] = []
    /// w(v, c) for the communities in `touched` (marked with v in `mark`), v's own first.
    let toCommunity: Scratch<Double>
    let mark: Scratch<Int32>
    var touched: [Int32] = []

    init(_ network: WeightedNetwork, community: [Int32], resolution: Double, order: [Int32]) {
        let n = network.nodeCount
        nodeCount = n
        scale = resolution / (2 * network.totalWeight)
        let total = Scratch<Double>(repeating: 0, count: n), size = Scratch<Int32>(repeating: 0, count: n)
        for v in 0..<n {
            total[Int(community[v])] += network.strength[v]
            size[Int(community[v])] += 1
        }
        for c in stride(from: n - 1, through: 0, by: -1) where size[c] == 0 { empty.append(Int32(c)) }
        self.total = total
        self.size = size
        strength = Scratch(network.strength)
        self.community = Scratch(community)
        queue = Scratch(order)
        queued = Scratch(repeating: true, count: n)
        pending = n
        toCommunity = Scratch(repeating: 0, count: n)
        mark = Scratch(repeating: -1, count: n)
        touched.reserveCapacity(64)
    }

    /// The next node of the queue, nil when it is empty.
    mutating func next() -> Int? {
        guard pending > 0 else { return nil }
        let v = Int(queue[head])
        head = head + 1 == nodeCount ? 0 : head + 1
        pending -= 1
        queued[v] = false
        return v
    }

    /// Phase 1: w(v, c) for v's own community `own` (listed first, even at 0) and for the
    /// community of each neighbour, listed in neighbour order.
    mutating func weighCommunities(of v: Int, own: Int, _ g: CSRView) {
        let stamp = Int32(truncatingIfNeeded: v)
        mark[own] = stamp; toCommunity[own] = 0; touched.append(Int32(own))
        for p in g.entries(v) {
            let c = Int(community[Int(g.target(p))])
            if mark[c] != stamp { mark[c] = stamp; toCommunity[c] = 0; touched.append(Int32(c)) }
            toCommunity[c] += g.weight(p)
        }
    }

    /// Phase 2: takes v out of `own` and returns the community of largest gain: the first of
    /// equal gains in the order listed (v's own first), or an empty community when every
    /// neighbouring one loses and v was not alone.
    mutating func bestCommunity(for v: Int, own: Int) -> Int {
        let kv = strength[v]
        total[own] -= kv
        size[own] -= 1
        var best = own
        var bestGain = toCommunity[own] - kv * total[own] * scale
        let tolerance = 1e-12 * max(1, kv)
        for i in 1..<touched.count {
            let c = Int(touched[i])
            let gain = toCommunity[c] - kv * total[c] * scale
            if gain > bestGain + tolerance { best = c; bestGain = gain }
        }
        if bestGain < -tolerance, size[own] > 0, let e = empty.last {
            best = Int(e)   // alone is better than any neighbouring community
        }
        touched.removeAll(keepingCapacity: true)
        return best
    }

    /// Phase 3: puts v into `best`; when that is a move, updates the empty communities and queues
    /// again v's neighbours outside `best`. Returns whether v moved.
    mutating func move(_ v: Int, from own: Int, to best: Int, _ g: CSRView) -> Bool {
        let moved = best != own
        if moved {
            if best == Int(empty.last ?? -1) { empty.removeLast() }
            if size[own] == 0 { empty.append(Int32(own)) }
            community[v] = Int32(best)
            for p in g.entries(v) {
                let u = Int(g.target(p))
                if !queued[u] && community[u] != Int32(best) {
                    queued[u] = true
                    var tail = head + pending
                    if tail >= nodeCount { tail -= nodeCount }
                    queue[tail] = Int32(u)
                    pending += 1
                }
            }
        }
        total[best] += strength[v]
        size[best] += 1
        return moved
    }
}
