import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// Invariants of the cohesion kernels' fast paths: union–find components numbered exactly as a
/// breadth-first search labels them, and parallel k-core peeling equal to the sequential bucket
/// algorithm whatever the number of threads.
@Suite struct CohesionKernelTests {
    /// Components by breadth-first search from each unlabelled member in index order, numbered by
    /// decreasing size, then smallest member: the definition `Components` documents.
    static func referenceComponents(_ adjacency: Adjacency) -> (membership: [Int], sizes: [Int]) {
        let n = adjacency.nodeCount
        var label = [Int](repeating: -1, count: n)
        var members: [[Int]] = []
        for root in 0..<n where label[root] < 0 {
            label[root] = members.count
            var queue = [root], head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for p in adjacency.offsets[v]..<adjacency.offsets[v + 1] where label[Int(adjacency.neighbours[p])] < 0 {
                    label[Int(adjacency.neighbours[p])] = members.count
                    queue.append(Int(adjacency.neighbours[p]))
                }
            }
            members.append(queue)
        }
        let order = members.indices.sorted { members[$0].count != members[$1].count ? members[$0].count > members[$1].count : members[$0].min()! < members[$1].min()! }
        var rank = [Int](repeating: 0, count: members.count)
        for (i, c) in order.enumerated() { rank[c] = i }
        return (label.map { rank[$0] }, order.map { members[$0].count })
    }

    /// Cliques of sizes 2…`cliques` + 1 chained by single ties, plus random ties: a spread of core
    /// numbers, ties between levels, and members that reach their level from far above.
    static func layeredGraph(seed: UInt64, cliques: Int, extra: Int, isolated: Int) -> Graph {
        var rng = SeededGenerator(seed: seed)
        var edges: [(Int, Int)] = []
        var start = 0
        for size in 2...(cliques + 1) {
            for i in 0..<size { for j in (i + 1)..<size { edges.append((start + i, start + j)) } }
            if start > 0 { edges.append((start - 1, start)) }
            start += size
        }
        for _ in 0..<extra {
            let a = Int(rng.next() % UInt64(start)), b = Int(rng.next() % UInt64(start))
            if a != b { edges.append((a, b)) }
        }
        return makeGraph(start + isolated, edges)
    }

    @Test(arguments: [0.0005, 0.001, 0.002, 0.01])
    func unionFindNumbersComponentsAsTheSearchDoes(_ p: Double) {
        for seed in UInt64(1)...4 {
            let g = randomGraph(seed: seed, n: 1_500, p: p, directed: seed % 2 == 0)
            let c = Components.weak(g)
            let reference = CohesionKernelTests.referenceComponents(g.undirected)
            #expect(c.membership == reference.membership)
            #expect(c.sizes == reference.sizes)
        }
        #expect(Components.weak(makeGraph(0, [])).count == 0)
        let twoPairs = Components.weak(makeGraph(5, [(3, 4), (0, 2)]))
        #expect(twoPairs.membership == [0, 2, 0, 1, 1] && twoPairs.sizes == [2, 2, 1])
        // Tarjan's search closes {1, 2} before {0, 4}: the numbering still goes by size, then by
        // smallest member.
        let strong = Components.strong(makeGraph(6, [(0, 1), (0, 4), (4, 0), (1, 2), (2, 1), (3, 5)], directed: true))
        #expect(strong.membership == [0, 1, 1, 2, 0, 3] && strong.sizes == [2, 2, 1, 1])
    }

    @Test(arguments: [2, 3, 4])
    func parallelPeelingEqualsTheBucketAlgorithm(_ threads: Int) {
        for seed in UInt64(1)...5 {
            let g = CohesionKernelTests.layeredGraph(seed: seed, cliques: 12, extra: 60 * Int(seed), isolated: 3)
            let sequential = CoreNumber.bucketPeeling(g.undirected)
            #expect(CoreNumber.parallelPeeling(g.undirected, threads: threads) == sequential)
            let r = randomGraph(seed: seed, n: 300, p: 0.02 * Double(seed), directed: false)
            #expect(CoreNumber.parallelPeeling(r.undirected, threads: threads) == CoreNumber.bucketPeeling(r.undirected))
        }
        #expect(CoreNumber.parallelPeeling(makeGraph(4, []).undirected, threads: threads) == [0, 0, 0, 0])
        #expect(CoreNumber.parallelPeeling(makeGraph(0, []).undirected, threads: threads) == [])
        // K4 with a tail 3–4–5: cores 3,3,3,3,1,1.
        let k4 = makeGraph(6, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5)])
        #expect(CoreNumber.parallelPeeling(k4.undirected, threads: threads) == [3, 3, 3, 3, 1, 1])
    }

    @Test func coreNumbersDoNotDependOnTheThreadCount() {
        // Above the parallel threshold, so more than one thread takes the parallel path.
        let g = randomGraph(seed: 21, n: 4_000, p: 0.007, directed: true)
        #expect(g.undirected.entryCount >= CoreNumber.parallelThreshold)
        let one = CoreNumber(g, threads: 1).values
        #expect(CoreNumber(g, threads: 2).values == one)
        #expect(CoreNumber(g, threads: 3).values == one)
        #expect(one == CoreNumber.bucketPeeling(g.undirected))
    }
}
