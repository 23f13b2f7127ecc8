import Synchronization
import WeftGraph

/// The k-core number of every member on the undirected view, unweighted: the largest k such that
/// the member belongs to a subgraph in which every member has at least k neighbours
/// (NetworkX `core_number`). Core numbers are unique, so the two algorithms below give the same
/// values, whatever the number of threads:
/// - one thread, or fewer than `parallelThreshold` adjacency entries: Batagelj & Zaversnik's
///   bucket algorithm, O(n + m) (`bucketPeeling`);
/// - more threads: level-synchronous parallel peeling (`parallelPeeling`).
/// Reference: Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of networks", 2003;
/// Kabir & Madduri, "Parallel k-core decomposition on multicore platforms", IPDPSW 2017 (PKC).
public struct CoreNumber: Sendable {
    public let values: [Int]
    public var maximum: Int { values.max() ?? 0 }

    /// Below this many adjacency entries (twice the ties) the peeling runs on one thread.
    static let parallelThreshold = 100_000

    /// `threads`: threads for the peeling (default `Parallel.threadCount`); the values do not depend on it.
    public init(_ graph: Graph, threads: Int = Parallel.threadCount) {
        let adjacency = graph.undirected
        values = threads > 1 && adjacency.entryCount >= CoreNumber.parallelThreshold
            ? CoreNumber.parallelPeeling(adjacency, threads: threads)
            : CoreNumber.bucketPeeling(adjacency)
    }

    /// Batagelj & Zaversnik: members bucket-sorted by degree, taken in increasing order of their
    /// current degree, each lowering its higher-degree neighbours' degrees by one.
    static func bucketPeeling(_ adjacency: Adjacency) -> [Int] {
        let n = adjacency.nodeCount
        // 32-bit working arrays without bounds checks (`Scratch`): half the memory traffic of Int
        // arrays, and the peeling loop touches them at random.
        let degree = Scratch<Int32>(repeating: 0, count: n)
        var maxDegree = 0
        for v in 0..<n {
            let d = adjacency.degree(v)
            degree[v] = Int32(truncatingIfNeeded: d)
            maxDegree = max(maxDegree, d)
        }
        // Bucket sort members by degree.
        let binStart = Scratch<Int32>(repeating: 0, count: maxDegree + 2)
        let order = Scratch<Int32>(repeating: 0, count: n)
        let position = Scratch<Int32>(repeating: 0, count: n)
        adjacency.withView { g in
            for v in 0..<n { binStart[Int(degree[v]) + 1] += 1 }
            for d in 0..<(maxDegree + 1) { binStart[d + 1] += binStart[d] }
            let cursor = Scratch<Int32>(repeating: 0, count: maxDegree + 2)
            for d in 0..<(maxDegree + 2) { cursor[d] = binStart[d] }
            for v in 0..<n {
                let d = Int(degree[v])
                position[v] = cursor[d]
                order[Int(cursor[d])] = Int32(truncatingIfNeeded: v)
                cursor[d] += 1
            }
            for i in 0..<n {
                let v = Int(order[i])
                let dv = degree[v]
                for p in g.entries(v) {
                    let u = Int(g.target(p))
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
        return (0..<n).map { Int(degree[$0]) }
    }

    /// PKC: for k = 0, 1, 2, … every thread collects the members of its share whose current degree
    /// is k, then (after all have collected) removes them: each neighbour u whose degree is above k
    /// loses one (an atomic decrement); the thread whose decrement took u from k + 1 to k adds u to
    /// its own list for this level, and a decrement that finds u already at k or below (another
    /// thread got there between the check and the decrement) is undone. When a level collects
    /// nobody, k jumps to the smallest degree above it. Every member's degree ends at the level it
    /// was removed at: its core number. Levels are separated by the join of `Parallel.map`.
    static func parallelPeeling(_ adjacency: Adjacency, threads: Int) -> [Int] {
        let n = adjacency.nodeCount
        let degree = UnsafeMutablePointer<Atomic<Int32>>.allocate(capacity: max(1, n))
        for v in 0..<n { (degree + v).initialize(to: Atomic(Int32(truncatingIfNeeded: adjacency.degree(v)))) }
        let parts = threads
        // One list per thread, each able to hold every member (a level may fall to one thread).
        let lists = LargeBuffer.allocate(Int32.self, count: parts * max(1, n))
        defer {
            degree.deinitialize(count: n)
            degree.deallocate()
            LargeBuffer.deallocate(lists)
        }
        let shares = (0..<parts).map { n * $0 / parts ..< n * ($0 + 1) / parts }
        adjacency.withView { g in
            var level: Int32 = 0, removed = 0
            while removed < n {
                let k = level
                let collected = Parallel.map(chunks: parts, threads: threads) { part -> (count: Int, above: Int32) in
                    let list = lists.baseAddress! + part * n
                    var count = 0, above = Int32.max
                    for v in shares[part] {
                        let d = degree[v].load(ordering: .relaxed)
                        if d == k {
                            list[count] = Int32(truncatingIfNeeded: v)
                            count += 1
                        } else if d > k {
                            above = min(above, d)
                        }
                    }
                    return (count, above)
                }
                if collected.allSatisfy({ $0.count == 0 }) {
                    level = collected.map(\.above).min() ?? Int32.max
                    continue
                }
                let done = Parallel.map(chunks: parts, threads: threads) { part -> Int in
                    let list = lists.baseAddress! + part * n
                    var end = collected[part].count, next = 0
                    while next < end {
                        let v = Int(list[next])
                        next += 1
                        for p in g.entries(v) {
                            let u = Int(g.target(p))
                            guard degree[u].load(ordering: .relaxed) > k else { continue }
                            let old = degree[u].wrappingSubtract(1, ordering: .relaxed).oldValue
                            if old == k + 1 {
                                list[end] = Int32(truncatingIfNeeded: u)
                                end += 1
                            } else if old <= k {
                                degree[u].wrappingAdd(1, ordering: .relaxed)
                            }
                        }
                    }
                    return end
                }
                removed += done.reduce(0, +)
                level += 1
            }
        }
        return (0..<n).map { Int(degree[$0].load(ordering: .relaxed)) }
    }
}
