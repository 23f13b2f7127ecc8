import Testing
import WeftAnalysis
import WeftGraph

/// Drawn distance between i and j.
private func drawn(_ x: [Double], _ y: [Double], _ i: Int, _ j: Int) -> Double {
    ((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])).squareRoot()
}

/// The r × c grid graph, node (i, j) = i * c + j.
private func gridGraph(_ r: Int, _ c: Int) -> Graph {
    var edges: [(Int, Int)] = []
    for i in 0..<r {
        for j in 0..<c {
            if j + 1 < c { edges.append((i * c + j, i * c + j + 1)) }
            if i + 1 < r { edges.append((i * c + j, (i + 1) * c + j)) }
        }
    }
    return makeGraph(r * c, edges)
}

struct LayoutTests {
    @Test func stressNeverIncreases() {
        for seed: UInt64 in [1, 2, 3] {
            let g = randomGraph(seed: seed, n: 60, p: 0.08, directed: false)
            let s = StressMajorization(g.undirected, seed: seed)
            #expect(s.stressHistory.count >= 2)
            for k in 1..<s.stressHistory.count {
                #expect(s.stressHistory[k] <= s.stressHistory[k - 1] * (1 + 1e-12), "seed \(seed) sweep \(k)")
            }
            #expect(s.stressHistory.last! < s.stressHistory.first!)
        }
    }

    @Test func pathDistancesAreReproduced() {
        let n = 12
        let g = makeGraph(n, (0..<(n - 1)).map { ($0, $0 + 1) })
        let s = StressMajorization(g.undirected)
        for i in 0..<n {
            for j in (i + 1)..<n {
                #expect(abs(drawn(s.x, s.y, i, j) - Double(j - i)) < 0.05 * Double(j - i), "\(i)-\(j)")
            }
        }
        #expect(s.stressHistory.last! < 1e-3)
    }

    @Test func gridDistancesAreNearlyReproduced() {
        let (r, c) = (5, 6)
        let s = StressMajorization(gridGraph(r, c).undirected)
        // Neighbours one hop apart; opposite corners near their Euclidean distance in the grid.
        for i in 0..<r {
            for j in 0..<(c - 1) { #expect(abs(drawn(s.x, s.y, i * c + j, i * c + j + 1) - 1) < 0.25) }
        }
        let corner = drawn(s.x, s.y, 0, r * c - 1)
        #expect(corner > 6 && corner < Double(r + c - 2) + 0.5)
    }

    @Test func layoutsAreDeterministicAndFinite() {
        let g = randomGraph(seed: 9, n: 150, p: 0.02, directed: false)
        let a = GraphLayout(g.undirected, seed: 5), b = GraphLayout(g.undirected, seed: 5)
        #expect(a == b)
        #expect(a.x.allSatisfy(\.isFinite) && a.y.allSatisfy(\.isFinite))
        let f1 = ForceDirected(g.undirected, seed: 5), f2 = ForceDirected(g.undirected, seed: 5)
        #expect(f1.x == f2.x && f1.y == f2.y)
        #expect(f1.x.allSatisfy(\.isFinite) && f1.y.allSatisfy(\.isFinite))
        let small = GraphLayout(g.undirected, seed: 5, stressLimit: 10)
        #expect(small.methods.contains(.forceDirected))
        #expect(a.methods == [.stress])
    }

    @Test func forceDirectedDrawsTiesShorterThanOtherPairs() {
        let g = gridGraph(20, 20)
        let f = ForceDirected(g.undirected, seed: 3, iterations: 200)
        var tied = 0.0, tiedCount = 0.0, all = 0.0, allCount = 0.0
        for v in 0..<g.nodeCount {
            for u in g.undirected.neighbours(of: v) { tied += drawn(f.x, f.y, v, Int(u)); tiedCount += 1 }
            for u in stride(from: v + 1, to: g.nodeCount, by: 7) { all += drawn(f.x, f.y, v, u); allCount += 1 }
        }
        #expect(tied / tiedCount < 0.25 * all / allCount)
    }

    @Test func componentsDoNotOverlap() {
        // Two triangles and an isolate: each component's box apart from the others.
        let g = makeGraph(7, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)])
        let l = GraphLayout(g.undirected)
        for i in 0..<3 { for j in 3..<7 { #expect(drawn(l.x, l.y, i, j) > 1) } }
        #expect(abs(drawn(l.x, l.y, 0, 1) - 1) < 0.05)
    }

    @Test func stressRefusesMismatchedSizes() throws {
        #expect(throws: ArgumentError("StressMajorization.stress", "y", "must have as many entries as x (2, got 1)")) {
            try StressMajorization.stress(x: [0, 1], y: [0], distances: [0, 1, 1, 0])
        }
        #expect(throws: ArgumentError("StressMajorization.stress", "distances", "must hold n × n = 4 entries (got 3)")) {
            try StressMajorization.stress(x: [0, 1], y: [0, 0], distances: [0, 1, 1])
        }
        #expect(try StressMajorization.stress(x: [0, 1], y: [0, 0], distances: [0, 1, 1, 0]) == 0)
    }
}
