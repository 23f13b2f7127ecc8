import WeftGraph

/// The graph a shortest-path search walks: a CSR adjacency (ties i → neighbour) and, for
/// weighted searches, the length of every entry.
///
/// Unweighted: a path's length is its number of steps (hop count). Weighted: the length of a tie
/// is 1 / weight — a stronger tie is a shorter one, as in Brandes (2008) and Opsahl et al. (2010) —
/// and tie weights are positive, so lengths are positive and Dijkstra's algorithm applies.
///
/// Built with a `SearchOrder`, the members are renumbered (node i of the network is
/// `order.member[i]`) and each row keeps its ties in their original order; searches over it then
/// run from `order.number[s]` and their results are put back with `order.original(_:)`.
public struct PathNetwork: Sendable {
    let offsets: [Int]
    let targets: [Int32]
    /// Length of each entry (1 / weight), or nil for hop counts.
    public let lengths: [Double]?

    public init(_ adjacency: Adjacency, weighted: Bool) {
        offsets = adjacency.offsets
        targets = adjacency.neighbours
        lengths = weighted ? adjacency.weights.map { 1 / $0 } : nil
    }

    /// `adjacency` with its members renumbered by `order`.
    init(_ adjacency: Adjacency, weighted: Bool, order: SearchOrder) {
        (offsets, targets, lengths) = adjacency.renumbered(by: order, weights: weighted ? adjacency.weights.map { 1 / $0 } : nil)
    }

    public var nodeCount: Int { offsets.count - 1 }
    public var isWeighted: Bool { lengths != nil }
}

/// Reusable workspace for single-source shortest-path searches: breadth-first search (unweighted)
/// or Dijkstra's algorithm (weighted, with a 4-ary heap and decrease-key), recording each reached
/// node's distance, its number of shortest paths from the source (σ) and the order in which nodes
/// were settled (non-decreasing distance). This is the first phase of Brandes' algorithm, shared
/// by betweenness and closeness.
///
/// Weighted path lengths that agree within a relative `ShortestPathSearch.tolerance` (1e-10) count
/// as equal, so that paths of the same length reached by different floating-point sums are all
/// counted, as igraph does (NetworkX compares sums exactly and can lose tied paths).
///
/// Buffers are allocated once — O(n), plus O(m) for the successor lists of unweighted searches
/// that count paths — and only the entries touched by the previous search are reset, so a search
/// costs O(reached nodes + their ties), × log n for Dijkstra. Not thread-safe: give each thread
/// its own workspace.
///
/// References: U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25
/// (2001); E. W. Dijkstra, "A note on two problems in connexion with graphs", Numer. Math. 1 (1959).
public final class ShortestPathSearch {
    /// Relative tolerance under which two weighted path lengths are equal.
    public static let tolerance = 1e-10

    public let nodeCount: Int
    /// Nodes reached (settled) by the last search, the source included.
    public private(set) var reachedCount = 0
    /// Whether the last search was weighted.
    public private(set) var lastWasWeighted = false

    private let hops: UnsafeMutablePointer<Int32>          // -1 = unreached (unweighted searches)
    private let dist: UnsafeMutablePointer<Double>         // +∞ = unreached (weighted searches)
    private let sigma: UnsafeMutablePointer<Double>        // number of shortest paths
    private let rank: UnsafeMutablePointer<Int32>          // settle position, -1 = not settled
    private let setter: UnsafeMutablePointer<Int32>        // settle position of the node that last shortened it
    private let coefficient: UnsafeMutablePointer<Double>  // (1 + δ) / σ, during accumulation
    private let order: UnsafeMutablePointer<Int32>         // settle order
    private let heapNode: UnsafeMutablePointer<Int32>
    private let heapKey: UnsafeMutablePointer<Double>
    private let heapSlot: UnsafeMutablePointer<Int32>      // node → position in the heap
    // Unweighted searches with path counts: the successors on shortest paths (d(x) = d(v) + 1)
    // of the node settled i-th are successors[successorStart[i] ..< successorStart[i + 1]].
    private let successorStart: UnsafeMutablePointer<Int>
    private var successors: UnsafeMutablePointer<Int32>
    private var successorCapacity = 0
    private var hasSuccessors = false
    /// Whether Dijkstra's buffers (dist, rank, setter and the heap) hold their initial values: they
    /// are filled at the first weighted search, so that a workspace used for hop counts only never
    /// touches them (their pages then stay out of memory: about 30 bytes a member).
    private var weightedBuffersReady = false

    public init(nodeCount n: Int) {
        nodeCount = n
        let size = max(n, 1)
        hops = .allocate(capacity: size); hops.initialize(repeating: -1, count: size)
        dist = .allocate(capacity: size)
        sigma = .allocate(capacity: size); sigma.initialize(repeating: 0, count: size)
        rank = .allocate(capacity: size)
        setter = .allocate(capacity: size)
        coefficient = .allocate(capacity: size); coefficient.initialize(repeating: 0, count: size)
        order = .allocate(capacity: size + 1); order.initialize(repeating: 0, count: size + 1)
        heapNode = .allocate(capacity: size)
        heapKey = .allocate(capacity: size + 4)
        heapSlot = .allocate(capacity: size)
        successorStart = .allocate(capacity: size + 1); successorStart.initialize(repeating: 0, count: size + 1)
        successors = .allocate(capacity: 1); successors.initialize(to: 0); successorCapacity = 1
    }

    private func prepareWeightedBuffers() {
        guard !weightedBuffersReady else { return }
        let size = max(nodeCount, 1)
        dist.initialize(repeating: .infinity, count: size)
        rank.initialize(repeating: -1, count: size)
        setter.initialize(repeating: -1, count: size)
        heapNode.initialize(repeating: 0, count: size)
        heapKey.initialize(repeating: .infinity, count: size + 4)
        heapSlot.initialize(repeating: -1, count: size)
        weightedBuffersReady = true
    }

    deinit {
        hops.deallocate(); dist.deallocate(); sigma.deallocate(); rank.deallocate()
        setter.deallocate(); coefficient.deallocate(); order.deallocate()
        heapNode.deallocate(); heapKey.deallocate(); heapSlot.deallocate()
        successorStart.deallocate(); successors.deallocate()
    }

    // MARK: Public queries about the last search

    /// The `i`-th node settled by the last search (0 = the source), for i < `reachedCount`.
    public func settled(_ i: Int) -> Int {
        precondition(i >= 0 && i < reachedCount, "settle index out of range")
        return Int(order[i])
    }

    /// Distance from the last source to `v` (+∞ when unreached).
    public func distance(to v: Int) -> Double {
        precondition(v >= 0 && v < nodeCount, "node out of range")
        if lastWasWeighted { return dist[v] }
        return hops[v] < 0 ? .infinity : Double(hops[v])
    }

    /// Number of shortest paths from the last source to `v` (0 when unreached; 1 for the source),
    /// when the search counted them.
    public func pathCount(to v: Int) -> Double {
        precondition(v >= 0 && v < nodeCount, "node out of range")
        return sigma[v]
    }

    /// Searches from `source` over `network`, counting shortest paths when `countingPaths`.
    public func run(from source: Int, in network: PathNetwork, countingPaths: Bool = true) {
        precondition(network.nodeCount == nodeCount, "network and workspace sizes differ")
        precondition(source >= 0 && source < nodeCount, "source out of range")
        network.withView { view in run(from: source, view, countingPaths: countingPaths) }
    }

    // MARK: Kernels (internal; the measures call them with buffers taken once per chunk)

    func run(from source: Int, _ g: CSRView, countingPaths: Bool = true) {
        reset()
        hasSuccessors = false
        if !g.isWeighted {
            if countingPaths { bfsCounting(from: source, g) } else { bfs(from: source, g) }
            lastWasWeighted = false
        } else {
            prepareWeightedBuffers()
            if countingPaths { dijkstra(from: source, g, countingPaths: true) } else { dijkstra(from: source, g, countingPaths: false) }
            lastWasWeighted = true
        }
    }

    /// Clears what the last search wrote, for the nodes it reached only.
    private func reset() {
        let order = self.order
        if lastWasWeighted {
            let dist = self.dist, sigma = self.sigma, rank = self.rank
            for i in 0..<reachedCount {
                let v = Int(order[i])
                dist[v] = .infinity; sigma[v] = 0; rank[v] = -1
            }
        } else {
            let hops = self.hops, sigma = self.sigma
            for i in 0..<reachedCount {
                let v = Int(order[i])
                hops[v] = -1; sigma[v] = 0
            }
        }
        reachedCount = 0
    }

    /// BFS with path counts, also listing each node's successors on shortest paths for the
    /// accumulation. Branch-free in the inner loop (whether a neighbour is new, or one step
    /// further, is data-dependent and mispredicts badly): every neighbour is written to the queue
    /// slot at `tail` and the successor slot at `count`, which advance only when it belongs there
    /// (`order` has n + 1 slots and `successors` m + 1).
    private func bfsCounting(from s: Int, _ g: CSRView) {
        reserveSuccessors(g.entryCount + 1)
        let hops = self.hops, sigma = self.sigma, order = self.order
        let successors = self.successors, successorStart = self.successorStart
        hops[s] = 0; sigma[s] = 1; order[0] = Int32(s)
        var head = 0, tail = 1, count = 0
        while head < tail {
            let v = Int(order[head])
            successorStart[head] = count
            head += 1
            let next = hops[v] &+ 1
            let first = count
            for p in g.entries(v) {
                let w32 = g.target(p)
                let w = Int(w32)
                let hw = hops[w]
                let freshMask = hw >> 31                         // -1 when unreached, else 0
                order[tail] = w32
                tail &+= Int(freshMask & 1)
                let hNew = hw ^ ((hw ^ next) & freshMask)        // next when unreached, else hw
                hops[w] = hNew
                successors[count] = w32
                count &+= hNew == next ? 1 : 0
            }
            // v's paths extend to its successors (all one level further, so not yet dequeued).
            let sv = sigma[v]
            for j in first..<count { sigma[Int(successors[j])] += sv }
        }
        successorStart[tail] = count
        reachedCount = tail
        hasSuccessors = true
    }

    private func reserveSuccessors(_ capacity: Int) {
        if successorCapacity < capacity {
            successors.deallocate()
            successorCapacity = capacity
            successors = .allocate(capacity: capacity)
        }
    }

    private func bfs(from s: Int, _ g: CSRView) {
        let hops = self.hops, order = self.order
        hops[s] = 0; order[0] = Int32(s)
        var head = 0, tail = 1
        while head < tail {
            let v = Int(order[head]); head += 1
            let next = hops[v] &+ 1
            for p in g.entries(v) {
                let w = Int(g.target(p))
                if hops[w] < 0 {
                    hops[w] = next
                    order[tail] = Int32(truncatingIfNeeded: w); tail += 1
                }
            }
        }
        reachedCount = tail
    }

    /// Whether path lengths `a` and `b` are equal within the relative tolerance.
    @inline(__always) private static func ties(_ a: Double, _ b: Double) -> Bool {
        a < b ? b - a <= tolerance * b : a - b <= tolerance * a
    }

    /// Dijkstra with path counts. A node's distance is replaced only by a length shorter beyond
    /// the tolerance (which restarts its path count and records the shortening node's settle
    /// position in `setter`); a length within the tolerance adds paths. Every relaxation that
    /// counted paths into x is listed as a successor of the settling node; those listed before
    /// x's last restart (settle position < setter[x]) no longer count, so the accumulation
    /// phase sees exactly the predecessors counted in σ.
    @inline(__always)
    private func dijkstra(from s: Int, _ g: CSRView, countingPaths: Bool) {
        let dist = self.dist, sigma = self.sigma, rank = self.rank, setter = self.setter, order = self.order
        let heapNode = self.heapNode, heapKey = self.heapKey, heapSlot = self.heapSlot
        reserveSuccessors(g.entryCount + 1)
        let successors = self.successors, successorStart = self.successorStart
        var heapCount = 0, listed = 0

        // A 4-ary min-heap of (key, node) with each node's position in heapSlot, so that a
        // shortened distance moves its node up in place (decrease-key). Keys at positions
        // heapCount ..< heapCount + 4 are +∞ sentinels, so the descent needs no bounds tests.
        @inline(__always) func siftUp(_ start: Int, _ node: Int32, _ key: Double) {
            var i = start
            while i > 0 {
                let parent = (i &- 1) >> 2
                let pk = heapKey[parent]
                if pk <= key { break }
                let pn = heapNode[parent]
                heapNode[i] = pn; heapKey[i] = pk; heapSlot[Int(pn)] = Int32(truncatingIfNeeded: i)
                i = parent
            }
            heapNode[i] = node; heapKey[i] = key; heapSlot[Int(node)] = Int32(truncatingIfNeeded: i)
        }

        dist[s] = 0; sigma[s] = 1; setter[s] = -1
        siftUp(0, Int32(s), 0); heapCount = 1
        var count = 0
        while heapCount > 0 {
            // Pop the minimum: move the hole at the root down to a leaf along the smallest
            // children, then sift the last entry up from there (Floyd's bottom-up variant).
            let v = Int(heapNode[0])
            heapCount -= 1
            let node = heapNode[heapCount], key = heapKey[heapCount]
            heapKey[heapCount] = .infinity
            if heapCount > 0 {
                var i = 0
                var c = 1
                while c < heapCount {
                    let k0 = heapKey[c], k1 = heapKey[c &+ 1], k2 = heapKey[c &+ 2], k3 = heapKey[c &+ 3]
                    let a = k1 < k0 ? c &+ 1 : c, ka = Swift.min(k0, k1)
                    let b = k3 < k2 ? c &+ 3 : c &+ 2, kb = Swift.min(k2, k3)
                    let best = kb < ka ? b : a, kbest = Swift.min(ka, kb)
                    let bn = heapNode[best]
                    heapNode[i] = bn; heapKey[i] = kbest; heapSlot[Int(bn)] = Int32(truncatingIfNeeded: i)
                    i = best
                    c = 4 &* i &+ 1
                }
                siftUp(i, node, key)
            }
            let rv = Int32(truncatingIfNeeded: count)
            rank[v] = rv; order[count] = Int32(truncatingIfNeeded: v)
            successorStart[count] = listed
            count += 1
            let dv = dist[v], sv = sigma[v]
            for p in g.entries(v) {
                let w32 = g.target(p)
                let w = Int(w32)
                if rank[w] >= 0 { continue }
                let alt = dv + g.weight(p)
                let dw = dist[w]
                if dw == .infinity {
                    dist[w] = alt
                    siftUp(heapCount, w32, alt); heapCount += 1
                    if !countingPaths { continue }
                    sigma[w] = sv; setter[w] = rv
                } else if alt < dw && dw - alt > ShortestPathSearch.tolerance * dw {
                    dist[w] = alt
                    siftUp(Int(heapSlot[w]), w32, alt)
                    if !countingPaths { continue }
                    sigma[w] = sv; setter[w] = rv
                } else if countingPaths && ShortestPathSearch.ties(alt, dw) {
                    sigma[w] += sv
                } else {
                    continue
                }
                successors[listed] = w32; listed += 1
            }
        }
        successorStart[count] = listed
        reachedCount = count
        hasSuccessors = countingPaths
    }

    /// Brandes' accumulation: adds to `sink[v]` the dependency δ_s(v) = Σ_t σ_st(v)/σ_st of the last
    /// source s on every reached v ≠ s, visiting nodes in reverse settle order, over the
    /// successors the search listed (so σ and δ always agree): δ(w) = σ(w) Σ_x (1 + δ(x)) / σ(x).
    func accumulateDependencies(into sink: UnsafeMutablePointer<Double>) {
        let sigma = self.sigma, coefficient = self.coefficient, order = self.order
        var i = reachedCount - 1
        precondition(hasSuccessors, "accumulation needs a search that counted paths")
        let successors = self.successors, successorStart = self.successorStart
        if lastWasWeighted {
            let setter = self.setter
            while i > 0 {
                let w = Int(order[i])
                let iw = Int32(truncatingIfNeeded: i)
                var sum = 0.0
                for j in successorStart[i]..<successorStart[i + 1] {
                    let x = Int(successors[j])
                    // Listed before x's path count last restarted: not a predecessor any more.
                    let valid = UInt64(setter[x] <= iw ? 1 : 0)
                    sum += Double(bitPattern: coefficient[x].bitPattern & (0 &- valid))
                }
                let delta = sigma[w] * sum
                sink[w] += delta
                coefficient[w] = (1 + delta) / sigma[w]
                i -= 1
            }
        } else {
            while i > 0 {
                let w = Int(order[i])
                var sum = 0.0
                for j in successorStart[i]..<successorStart[i + 1] { sum += coefficient[Int(successors[j])] }
                let delta = sigma[w] * sum
                sink[w] += delta
                coefficient[w] = (1 + delta) / sigma[w]
                i -= 1
            }
        }
    }

    /// Over the nodes reached by the last search other than the source: their number, the sum of
    /// their distances and the sum of the reciprocals of their distances (in settle order).
    func distanceSums() -> (reached: Int, total: Double, harmonic: Double) {
        let order = self.order
        var total = 0.0, harmonic = 0.0
        if lastWasWeighted {
            let dist = self.dist
            for i in 1..<max(reachedCount, 1) {
                let d = dist[Int(order[i])]
                total += d; harmonic += 1 / d
            }
        } else {
            let hops = self.hops
            var sum = 0
            for i in 1..<max(reachedCount, 1) {
                let d = Int(hops[Int(order[i])])
                sum += d; harmonic += 1 / Double(d)
            }
            total = Double(sum)
        }
        return (max(reachedCount - 1, 0), total, harmonic)
    }

    /// Adds, for every node u reached by the last search other than the source, 1, its distance
    /// and the inverse distance to `sums[3u]`, `sums[3u + 1]` and `sums[3u + 2]` (sampled
    /// closeness; one cache line per member instead of three).
    func accumulateDistances(into sums: UnsafeMutablePointer<Double>) {
        if lastWasWeighted {
            let dist = self.dist
            accumulateDistances(into: sums) { dist[$0] }
        } else {
            let hops = self.hops
            accumulateDistances(into: sums) { Double(hops[$0]) }
        }
    }

    @inline(__always)
    private func accumulateDistances(into sums: UnsafeMutablePointer<Double>, _ distance: (Int) -> Double) {
        let order = self.order
        for i in 1..<max(reachedCount, 1) {
            let u = Int(order[i]), d = distance(u)
            let slot = sums + 3 &* u
            slot[0] += 1; slot[1] += d; slot[2] += 1 / d
        }
    }

    /// Unweighted searches only: (sum of hop distances to the reached nodes, largest hop distance).
    func hopSums() -> (total: Int, eccentricity: Int) {
        guard reachedCount > 1 else { return (0, 0) }
        let order = self.order, hops = self.hops
        var sum = 0
        for i in 1..<reachedCount { sum += Int(hops[Int(order[i])]) }
        return (sum, Int(hops[Int(order[reachedCount - 1])]))
    }
}

extension PathNetwork {
    /// `body` over the view a search walks: the network's CSR arrays with `lengths` as the entry
    /// weights (an unweighted view for hop counts), taken once and shared read-only by all
    /// searches of a chunk.
    func withView<R>(_ body: (CSRView) -> R) -> R {
        CSRView.with(offsets: offsets, targets: targets, weights: lengths, body)
    }
}

/// Runs per-source work in a fixed number of chunks, so that results do not depend on the number
/// of threads: the sources are cut into `count` contiguous ranges, threads take chunks as they
/// become free, and the caller combines the chunk results in chunk order.
enum SourceChunks {
    /// Number of chunks, whatever the number of threads.
    static let count = 16

    /// The `chunk`-th of `count` contiguous ranges of `0..<total`.
    static func range(_ chunk: Int, of total: Int) -> Range<Int> {
        (total * chunk / count)..<(total * (chunk + 1) / count)
    }

    /// `body(workspace, chunk)` for every chunk, on at most `threads` threads, each thread making
    /// one workspace and reusing it for all the chunks it runs. Results are returned in chunk order.
    static func map<Workspace, R>(threads: Int, workspace makeWorkspace: () -> Workspace,
                                  _ body: (Workspace, Int) -> R) -> [R] {
        Parallel.map(chunks: count, threads: threads, workspace: makeWorkspace, body)
    }
}

