import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// A graph on `n` members with one record per listed tie (weights default to 1).
func pathTestGraph(_ n: Int, _ ties: [(Int, Int)], weights: [Double]? = nil, directed: Bool) throws -> Graph {
    var log = InteractionLog()
    for (i, tie) in ties.enumerated() {
        try log.append(source: Int32(tie.0), target: Int32(tie.1), time: Int64(i), weight: weights?[i] ?? 1)
    }
    return GraphBuilder(undirected: !directed).build(log, nodeCount: n)
}

/// A seeded random graph: `n` members, about `n * degree` distinct ties, weights from `weightChoices`.
struct RandomTies {
    var n: Int
    var ties: [(Int, Int)] = []
    var weights: [Double] = []

    init(n: Int, degree: Double, seed: UInt64, weightChoices: [Double] = [1, 0.5, 0.25]) {
        self.n = n
        var rng = SeededGenerator(seed: seed)
        var seen = Set<Int>()
        let target = Int(Double(n) * degree)
        var attempts = 0
        while ties.count < target && attempts < 50 * target {
            attempts += 1
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            if a == b || !seen.insert(min(a, b) * n + max(a, b)).inserted { continue }
            ties.append((a, b))
            weights.append(weightChoices[Int(rng.next() % UInt64(weightChoices.count))])
        }
    }

    func graph(directed: Bool, weighted: Bool = true) throws -> Graph {
        try pathTestGraph(n, ties, weights: weighted ? weights : nil, directed: directed)
    }

    /// The same ties with member v renamed perm[v].
    func relabelled(_ perm: [Int], directed: Bool) throws -> Graph {
        try pathTestGraph(n, ties.map { (perm[$0.0], perm[$0.1]) }, weights: weights, directed: directed)
    }
}

func randomPermutation(_ n: Int, seed: UInt64) -> [Int] {
    var rng = SeededGenerator(seed: seed)
    var perm = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { perm.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
    return perm
}

/// Exact all-pairs reference by brute force: distances by Floyd–Warshall, path counts by
/// σ_st = Σ over last steps, betweenness by b(v) = Σ_{s,t} σ_sv σ_vt / σ_st over d(s,v) + d(v,t) = d(s,t).
/// Lengths must be exactly representable sums (integers here) so that comparisons are exact.
struct BruteForcePaths {
    let n: Int
    var d: [[Double]]
    var sigma: [[Double]]

    init(_ graph: Graph, weighted: Bool) {
        n = graph.nodeCount
        d = Array(repeating: Array(repeating: .infinity, count: n), count: n)
        var length = d
        for v in 0..<n {
            d[v][v] = 0
            for p in graph.out.offsets[v]..<graph.out.offsets[v + 1] {
                let u = Int(graph.out.neighbours[p])
                length[v][u] = weighted ? 1 / graph.out.weights[p] : 1
                d[v][u] = length[v][u]
            }
        }
        for k in 0..<n { for i in 0..<n { for j in 0..<n where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] } } }
        sigma = Array(repeating: Array(repeating: 0, count: n), count: n)
        for s in 0..<n {
            sigma[s][s] = 1
            let byDistance = (0..<n).filter { d[s][$0] < .infinity }.sorted { d[s][$0] < d[s][$1] }
            for t in byDistance where t != s {
                for w in 0..<n where length[w][t] < .infinity && d[s][w] + length[w][t] == d[s][t] {
                    sigma[s][t] += sigma[s][w]
                }
            }
        }
    }

    func betweenness(directed: Bool) -> [Double] {
        var b = [Double](repeating: 0, count: n)
        for s in 0..<n { for t in 0..<n where s != t && d[s][t] < .infinity {
            for v in 0..<n where v != s && v != t && d[s][v] + d[v][t] == d[s][t] {
                b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t]
            }
        } }
        return directed ? b : b.map { $0 / 2 }
    }

    /// (incoming closeness, outgoing closeness, incoming harmonic, outgoing harmonic).
    func closeness() -> ([Double], [Double], [Double], [Double]) {
        func wf(_ distances: [Double]) -> Double {
            let finite = distances.filter { $0 < .infinity && $0 > 0 }
            let total = finite.reduce(0, +)
            guard total > 0, n > 1 else { return 0 }
            return Double(finite.count) / total * Double(finite.count) / Double(n - 1)
        }
        let incoming = (0..<n).map { u in wf((0..<n).map { d[$0][u] }) }
        let outgoing = (0..<n).map { u in wf(d[u]) }
        let harmonic = (0..<n).map { u in (0..<n).reduce(0.0) { $0 + ($1 != u && d[$1][u] < .infinity ? 1 / d[$1][u] : 0) } }
        let harmonicOut = (0..<n).map { u in (0..<n).reduce(0.0) { $0 + ($1 != u && d[u][$1] < .infinity ? 1 / d[u][$1] : 0) } }
        return (incoming, outgoing, harmonic, harmonicOut)
    }
}

func allClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}

@Suite struct BetweennessTests {
    @Test func starCentreIsOneAndLeavesZero() throws {
        let g = try pathTestGraph(6, [(0, 1), (0, 2), (3, 0), (0, 4), (5, 0)], directed: false)
        let b = try Betweenness(g)
        #expect(allClose(b.normalised, [1, 0, 0, 0, 0, 0]))
        #expect(b.raw[0] == 10)   // C(5, 2) pairs of leaves
        #expect(close(b.centralization, 1))
    }

    @Test func pathOfFour() throws {
        let g = try pathTestGraph(4, [(0, 1), (1, 2), (2, 3)], directed: false)
        let b = try Betweenness(g)
        #expect(b.raw == [0, 2, 2, 0])
        #expect(allClose(b.normalised, [0, 2.0 / 3, 2.0 / 3, 0]))
        // Freeman: ((2/3 − 0)·2 + 0·2) / 3.
        #expect(close(b.centralization, 4.0 / 9))
        // As a directed path each ordered pair counts once and only forwards.
        let directed = try Betweenness(try pathTestGraph(4, [(0, 1), (1, 2), (2, 3)], directed: true))
        #expect(directed.raw == [0, 2, 2, 0])
        #expect(allClose(directed.normalised, [0, 1.0 / 3, 1.0 / 3, 0]))
    }

    @Test func directedCycle() throws {
        // 0 → 1 → 2 → 3 → 4 → 0: each node lies inside (n−1)(n−2)/2 = 6 of the unique paths.
        let g = try pathTestGraph(5, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)], directed: true)
        let b = try Betweenness(g)
        #expect(b.raw == [6, 6, 6, 6, 6])
        #expect(allClose(b.normalised, [0.5, 0.5, 0.5, 0.5, 0.5]))
        #expect(b.centralization == 0)
        // The same ties undirected: a 5-cycle, each pair at distance 2 has one middle node.
        let u = try Betweenness(try pathTestGraph(5, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)], directed: false))
        #expect(u.raw == [1, 1, 1, 1, 1])
    }

    @Test func splitsDependencyOverEqualShortestPaths() throws {
        // A 4-cycle 0–1–3–2–0: the pair {0, 3} has two shortest paths; {1, 2} too.
        let b = try Betweenness(try pathTestGraph(4, [(0, 1), (1, 3), (3, 2), (2, 0)], directed: false))
        #expect(b.raw == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func weightedRoutesThatTieAreBothCounted() throws {
        // 0–1–3 has length 1/10 + 1/5 = 0.30000000000000004 and 0–2–3 has 1/4 + 1/20 = 0.3: equal
        // within the tolerance, so the pair {0, 3} is split between 1 and 2. The pair {1, 2} goes
        // through 3 (0.2 + 0.05 < 0.1 + 0.25).
        let g = try pathTestGraph(4, [(0, 1), (1, 3), (0, 2), (2, 3)], weights: [10, 5, 4, 20], directed: false)
        let b = try Betweenness(g, weighted: true)
        #expect(allClose(b.raw, [0, 0.5, 0.5, 1]))
        // Directed the same way: only 0 → 3 has an intermediate.
        let d = try Betweenness(try pathTestGraph(4, [(0, 1), (1, 3), (0, 2), (2, 3)], weights: [10, 5, 4, 20], directed: true), weighted: true)
        #expect(allClose(d.raw, [0, 0.5, 0.5, 0]))
    }

    @Test func aSupersededNearTieIsNotCountedAsAPredecessor() throws {
        // 0 → a → x, 0 → b → x, 0 → c → x with route lengths 1, 1 − 0.9e-10 and 1 − 1.1e-10,
        // settled a, b, c. b's route ties with a's (within 1e-10), c's is shorter than a's beyond
        // the tolerance and replaces it, dropping b's paths — even though b's route is within the
        // tolerance of c's. Dependencies must follow the same decision as the path counts.
        let (a, b, c, x) = (1, 2, 3, 4)
        let legs: [(Int, Int, Double)] = [(0, a, 0.1), (0, b, 0.2), (0, c, 0.3),
                                          (a, x, 0.9), (b, x, 0.8 - 0.9e-10), (c, x, 0.7 - 1.1e-10)]
        let g = try pathTestGraph(5, legs.map { ($0.0, $0.1) }, weights: legs.map { 1 / $0.2 }, directed: true)
        let search = ShortestPathSearch(nodeCount: 5)
        search.run(from: 0, in: PathNetwork(g.out, weighted: true))
        #expect(search.pathCount(to: x) == 1)
        let raw = try Betweenness(g, weighted: true).raw
        #expect(raw == [0, 0, 0, 1, 0])
    }

    @Test func strongTiesMakeShortcuts() throws {
        // 0–1 is weak (length 1); 0–2–1 is two strong ties (length 0.25 + 0.25).
        let g = try pathTestGraph(3, [(0, 1), (0, 2), (2, 1)], weights: [1, 4, 4], directed: false)
        #expect(try Betweenness(g).raw == [0, 0, 0])
        #expect(try Betweenness(g, weighted: true).raw == [0, 0, 1])
    }

    @Test func tinyGraphsNormaliseToZero() throws {
        for n in 0...2 {
            let g = try pathTestGraph(n, n == 2 ? [(0, 1)] : [], directed: false)
            let b = try Betweenness(g)
            #expect(b.raw == [Double](repeating: 0, count: n))
            #expect(b.normalised == [Double](repeating: 0, count: n))
            #expect(b.centralization == 0)
        }
    }

    @Test(arguments: [false, true])
    func matchesBruteForceOnRandomGraphs(_ directed: Bool) throws {
        for seed in UInt64(1)...12 {
            let r = RandomTies(n: 9 + Int(seed % 7), degree: 1.4, seed: seed)
            for weighted in [false, true] {
                let g = try r.graph(directed: directed)
                let want = BruteForcePaths(g, weighted: weighted).betweenness(directed: directed)
                let got = try Betweenness(g, weighted: weighted)
                #expect(allClose(got.raw, want), "seed \(seed) weighted \(weighted): \(got.raw) vs \(want)")
                #expect(got.raw.allSatisfy { $0 >= 0 })
                #expect(got.normalised.allSatisfy { $0 >= 0 && $0 <= 1 + 1e-12 })
            }
        }
    }

    @Test(arguments: [false, true])
    func relabellingPermutesTheValues(_ directed: Bool) throws {
        for seed in UInt64(20)..<28 {
            let r = RandomTies(n: 40, degree: 1.5, seed: seed)
            let perm = randomPermutation(r.n, seed: seed &* 7)
            let g = try r.graph(directed: directed), h = try r.relabelled(perm, directed: directed)
            for weighted in [false, true] {
                let a = try Betweenness(g, weighted: weighted), b = try Betweenness(h, weighted: weighted)
                #expect(allClose((0..<r.n).map { b.raw[perm[$0]] }, a.raw))
            }
        }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        for directed in [false, true] {
            let g = try RandomTies(n: 300, degree: 2, seed: 99).graph(directed: directed)
            for weighted in [false, true] {
                let one = try Betweenness(g, weighted: weighted, threads: 1)
                for threads in [2, 3, 8, 32] {
                    #expect(try Betweenness(g, weighted: weighted, threads: threads).raw == one.raw)
                }
                #expect(try Betweenness(g, weighted: weighted, sampleSources: 50, threads: 1).raw
                        == Betweenness(g, weighted: weighted, sampleSources: 50, threads: 2).raw)
            }
        }
    }

    @Test func sampledWithClosenessEqualsTheSeparateMeasures() throws {
        for directed in [false, true] {
            let g = try RandomTies(n: 300, degree: 2, seed: 21).graph(directed: directed)
            for weighted in [false, true] {
                let b = try Betweenness(g, weighted: weighted, sampleSources: 70, seed: 4, threads: 1)
                let c = try Closeness(g, weighted: weighted, sampleSources: 70, seed: 4, threads: 1)
                for threads in [1, 2, 3] {
                    let both = try Betweenness.sampledWithCloseness(g, weighted: weighted, sampleSources: 70, seed: 4, threads: threads)
                    #expect(both.betweenness.raw == b.raw && both.betweenness.normalised == b.normalised)
                    #expect(both.betweenness.sourceCount == 70 && both.betweenness.isSampled)
                    #expect(both.closeness.incoming == c.incoming && both.closeness.outgoing == c.outgoing)
                    #expect(both.closeness.harmonic == c.harmonic && both.closeness.harmonicOutgoing == c.harmonicOutgoing)
                    #expect(both.closeness.sourceCount == 70)
                }
                if directed { #expect(c.incoming != c.outgoing) }
            }
        }
        // More than 64 sources a chunk: the outgoing searches run in several bit-parallel batches.
        let g = try RandomTies(n: 1_200, degree: 1.5, seed: 8).graph(directed: true)
        let c = try Closeness(g, sampleSources: 1_100, seed: 2, threads: 2)
        let both = try Betweenness.sampledWithCloseness(g, sampleSources: 1_100, seed: 2, threads: 1)
        #expect(both.closeness.outgoing == c.outgoing && both.closeness.harmonicOutgoing == c.harmonicOutgoing)
        #expect(try both.betweenness.raw == Betweenness(g, sampleSources: 1_100, seed: 2).raw)
        // The bit-parallel outgoing sums equal one search per source against the ties.
        let perSource = SourceSearches(g, weighted: false, sources: Betweenness.sampleSources(1_100, of: 1_200, seed: 2),
                                       dependencies: false, distances: true, threads: 1, bitParallel: false)
        let bitParallel = SourceSearches(g, weighted: false, sources: Betweenness.sampleSources(1_100, of: 1_200, seed: 2),
                                         dependencies: false, distances: true, threads: 1)
        #expect((0..<1_200).allSatisfy { u in
            perSource.outward!.reached(u) == bitParallel.outward!.reached(u) && perSource.outward!.total(u) == bitParallel.outward!.total(u)
                && perSource.outward!.inverse(u) == bitParallel.outward!.inverse(u)
        })
    }

    @Test func bitParallelSumsHoldOnSearchesDeeperThanAByte() throws {
        // A directed chain of 700 members with a few shortcuts: searches run 600 levels deep, so
        // the batches' byte-wide distance table widens part-way (past level 255); a second chain
        // keeps some batches within a byte, so both tables are used by one workspace in turn.
        let chain = 700
        var ties = (0..<(chain - 1)).map { ($0, $0 + 1) } + [(0, 100), (350, 360), (699, 0)]
        ties += (chain..<(chain + 99)).map { ($0, $0 + 1) }
        let g = try pathTestGraph(chain + 100, ties, weights: nil, directed: true)
        let sources = (0..<Int32(chain + 100)).filter { $0 % 7 == 0 }
        let perSource = SourceSearches(g, weighted: false, sources: sources, dependencies: false, distances: true,
                                       threads: 1, bitParallel: false)
        let bitParallel = SourceSearches(g, weighted: false, sources: sources, dependencies: false, distances: true, threads: 1)
        #expect((0..<(chain + 100)).allSatisfy { u in
            perSource.outward!.reached(u) == bitParallel.outward!.reached(u) && perSource.outward!.total(u) == bitParallel.outward!.total(u)
                && perSource.outward!.inverse(u) == bitParallel.outward!.inverse(u)
        })
        #expect(perSource.outward!.total(1) > 255 * 2)   // distances past a byte were counted
    }

    @Test func renumberingTheMembersChangesNoResultBitForBit() throws {
        let ties = RandomTies(n: 400, degree: 1.6, seed: 31)
        for directed in [false, true] {
            let g = try ties.graph(directed: directed)
            let orders = [SearchOrder(members: (0..<400).map { Int32($0) }), SearchOrder(g.undirected),
                          SearchOrder(members: randomPermutation(400, seed: 3).map { Int32($0) })]
            for weighted in [false, true] {
                for sources in [Betweenness.sampleSources(150, of: 400, seed: 9), nil] {
                    let runs = orders.map {
                        SourceSearches(g, weighted: weighted, sources: sources, dependencies: true, distances: true,
                                       threads: 2, order: $0)
                    }
                    for run in runs.dropFirst() {
                        #expect(run.dependencies! == runs[0].dependencies!)
                        for sums in [(run.inward!, runs[0].inward!), (run.outward!, runs[0].outward!)] {
                            #expect((0..<400).allSatisfy { u in
                                sums.0.reached(u) == sums.1.reached(u) && sums.0.total(u) == sums.1.total(u)
                                    && sums.0.inverse(u) == sums.1.inverse(u)
                            })
                        }
                    }
                    // The identity order is the plain search over the graph as it is.
                    if sources == nil {
                        #expect(try runs[0].dependencies!.map { $0 * (directed ? 1 : 0.5) } == Betweenness(g, weighted: weighted).raw)
                    }
                }
            }
        }
    }

    @Test func theSearchOrderIsBreadthFirstByComponent() throws {
        // Two components, {0, 2, 4} (a path 4 – 0 – 2) and {1, 3}, and the isolate 5.
        let g = try pathTestGraph(6, [(4, 0), (0, 2), (3, 1)], directed: true)
        let order = SearchOrder(g.undirected)
        #expect(order.member == [0, 2, 4, 1, 3, 5])
        #expect(order.number == [0, 3, 1, 4, 2, 5])
        #expect(order.original([10, 11, 12, 13, 14, 15]) == [10, 13, 11, 14, 12, 15])
        #expect(order.original([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], width: 2) == [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11])
        let big = try RandomTies(n: 2_000, degree: 1.2, seed: 4).graph(directed: false)
        let bfs = SearchOrder(big.undirected)
        #expect(Set(bfs.member).count == 2_000 && (0..<2_000).allSatisfy { bfs.member[Int(bfs.number[$0])] == Int32($0) })
    }

    @Test func samplingEveryMemberIsExact() throws {
        for directed in [false, true] {
            let g = try RandomTies(n: 120, degree: 2, seed: 5).graph(directed: directed)
            for weighted in [false, true] {
                let exact = try Betweenness(g, weighted: weighted)
                let all = try Betweenness(g, weighted: weighted, sampleSources: 120, seed: 3)
                let more = try Betweenness(g, weighted: weighted, sampleSources: 500)
                #expect(all.raw == exact.raw && more.raw == exact.raw)
                #expect(!all.isSampled && all.sourceCount == 120 && all.errorBound == 0)
                #expect(!exact.isSampled && exact.errorBound == 0)
            }
        }
    }

    @Test func samplingIsSeededAndWithinItsBound() throws {
        let g = try RandomTies(n: 200, degree: 2.5, seed: 11).graph(directed: false)
        let exact = try Betweenness(g)
        let a = try Betweenness(g, sampleSources: 60, seed: 1)
        #expect(a.isSampled && a.sourceCount == 60)
        #expect(try a.raw == Betweenness(g, sampleSources: 60, seed: 1).raw)
        #expect(try a.raw != Betweenness(g, sampleSources: 60, seed: 2).raw)
        // ε = n/(n−1) √(ln(2/δ)/(2k)).
        #expect(close(a.errorBound, 200.0 / 199 * (log(2 / 0.05) / 120).squareRoot()))
        #expect(a.errorBound(delta: 0.05, simultaneous: true) > a.errorBound)
        let worst = zip(a.normalised, exact.normalised).map { abs($0 - $1) }.max()!
        #expect(worst <= a.errorBound(delta: 0.05, simultaneous: true))
        // Unbiased: the mean over many seeds approaches the exact values.
        var mean = [Double](repeating: 0, count: 200)
        let runs = 200
        for seed in 0..<runs {
            let s = try Betweenness(g, sampleSources: 20, seed: UInt64(seed), threads: 1)
            for v in 0..<200 { mean[v] += s.raw[v] / Double(runs) }
        }
        let total = exact.raw.reduce(0, +)
        let meanTotal = mean.reduce(0, +)
        #expect(abs(meanTotal - total) / total < 0.05)
        let top = exact.raw.indices.max { exact.raw[$0] < exact.raw[$1] }!
        #expect(abs(mean[top] - exact.raw[top]) / exact.raw[top] < 0.15)
    }

    @Test func centralizationOfHandValues() {
        #expect(Betweenness.centralization(normalised: []) == 0)
        #expect(Betweenness.centralization(normalised: [0.3]) == 0)
        #expect(close(Betweenness.centralization(normalised: [1, 0, 0, 0.5]), (1 + 1 + 0.5) / 3))
    }
}

@Suite struct ClosenessTests {
    @Test func disconnectedGraphWithAnIsolate() throws {
        // 0–1–2, 3 alone (n = 4).
        let c = Closeness(try pathTestGraph(4, [(0, 1), (1, 2)], directed: false))
        #expect(allClose(c.incoming, [4.0 / 9, 2.0 / 3, 4.0 / 9, 0]))
        #expect(c.outgoing == c.incoming)
        #expect(allClose(c.harmonic, [1.5, 2, 1.5, 0]))
    }

    @Test func twoComponentsUseTheWassermanFaustFactor() throws {
        // A triangle and a pair in a 5-member network: r/(n−1) scales each component's closeness.
        let c = Closeness(try pathTestGraph(5, [(0, 1), (1, 2), (2, 0), (3, 4)], directed: false))
        #expect(allClose(c.incoming, [0.5, 0.5, 0.5, 0.25, 0.25]))
        #expect(allClose(c.harmonic, [2, 2, 2, 1, 1]))
    }

    @Test func directedUsesIncomingAndOutgoingDistances() throws {
        // 0 → 1 → 2, and 3 isolated.
        let c = Closeness(try pathTestGraph(4, [(0, 1), (1, 2)], directed: true))
        #expect(allClose(c.incoming, [0, 1.0 / 3, 4.0 / 9, 0]))
        #expect(allClose(c.outgoing, [4.0 / 9, 1.0 / 3, 0, 0]))
        #expect(allClose(c.harmonic, [0, 1, 1.5, 0]))
        #expect(allClose(c.harmonicOutgoing, [1.5, 1, 0, 0]))
    }

    @Test func directedCycle() throws {
        let c = Closeness(try pathTestGraph(4, [(0, 1), (1, 2), (2, 3), (3, 0)], directed: true))
        #expect(allClose(c.incoming, [0.5, 0.5, 0.5, 0.5]))
        #expect(allClose(c.outgoing, [0.5, 0.5, 0.5, 0.5]))
        let h: Double = 1 + 0.5 + 1.0 / 3
        #expect(allClose(c.harmonic, [h, h, h, h]))
    }

    @Test func weightedDistancesAreInverseWeights() throws {
        // 0–1 weight 2 (length 0.5), 1–2 weight 4 (length 0.25).
        let c = Closeness(try pathTestGraph(3, [(0, 1), (1, 2)], weights: [2, 4], directed: false), weighted: true)
        let incoming: [Double] = [2 / 1.25, 2 / 0.75, 2 / 1.0]
        let harmonic: [Double] = [2 + 1 / 0.75, 2 + 4, 4 + 1 / 0.75]
        #expect(allClose(c.incoming, incoming))
        #expect(allClose(c.harmonic, harmonic))
    }

    @Test func tinyGraphs() throws {
        #expect(Closeness(try pathTestGraph(0, [], directed: false)).incoming.isEmpty)
        #expect(Closeness(try pathTestGraph(1, [], directed: true)).incoming == [0])
        #expect(Closeness(try pathTestGraph(2, [(0, 1)], directed: true)).incoming == [0, 1])
    }

    @Test(arguments: [false, true])
    func matchesBruteForceOnRandomGraphs(_ directed: Bool) throws {
        for seed in UInt64(30)..<40 {
            let r = RandomTies(n: 12 + Int(seed % 5), degree: 1.1, seed: seed)
            let g = try r.graph(directed: directed)
            for weighted in [false, true] {
                let (incoming, outgoing, harmonic, harmonicOut) = BruteForcePaths(g, weighted: weighted).closeness()
                let c = Closeness(g, weighted: weighted)
                #expect(allClose(c.incoming, incoming), "seed \(seed) weighted \(weighted)")
                #expect(allClose(c.outgoing, outgoing), "seed \(seed) weighted \(weighted)")
                #expect(allClose(c.harmonic, harmonic), "seed \(seed) weighted \(weighted)")
                #expect(allClose(c.harmonicOutgoing, harmonicOut), "seed \(seed) weighted \(weighted)")
            }
        }
    }

    @Test(arguments: [false, true])
    func relabellingAndThreadsDoNotChangeValues(_ directed: Bool) throws {
        for seed in UInt64(40)..<45 {
            let r = RandomTies(n: 150, degree: 1.2, seed: seed)
            let perm = randomPermutation(r.n, seed: seed)
            let g = try r.graph(directed: directed), h = try r.relabelled(perm, directed: directed)
            for weighted in [false, true] {
                let a = Closeness(g, weighted: weighted, threads: 1), b = Closeness(h, weighted: weighted, threads: 2)
                #expect(allClose((0..<r.n).map { b.incoming[perm[$0]] }, a.incoming))
                #expect(allClose((0..<r.n).map { b.outgoing[perm[$0]] }, a.outgoing))
                #expect(allClose((0..<r.n).map { b.harmonic[perm[$0]] }, a.harmonic))
                let c = Closeness(g, weighted: weighted, threads: 5)
                #expect(c.incoming == a.incoming && c.outgoing == a.outgoing && c.harmonic == a.harmonic)
            }
        }
    }
}

/// Closeness and path statistics of graphs large enough for many 64-source batches per chunk,
/// against one `ShortestPathSearch` per member.
@Suite struct LargeGraphPathTests {
    /// (reached, sum of distances, sum of reciprocals) of a search from `u`.
    func sums(_ search: ShortestPathSearch, from u: Int, in network: PathNetwork) -> (Int, Double, Double) {
        search.run(from: u, in: network, countingPaths: false)
        var total = 0.0, harmonic = 0.0
        for i in 1..<search.reachedCount {
            let d = search.distance(to: search.settled(i))
            total += d; harmonic += 1 / d
        }
        return (search.reachedCount - 1, total, harmonic)
    }

    @Test(arguments: [false, true])
    func closenessMatchesSingleSearches(_ directed: Bool) throws {
        let r = RandomTies(n: 1500, degree: 1.2, seed: 77)
        let g = try r.graph(directed: directed, weighted: false)
        let c = Closeness(g, threads: 2)
        let search = ShortestPathSearch(nodeCount: r.n)
        let inward = PathNetwork(g.in, weighted: false), outward = PathNetwork(g.out, weighted: false)
        func wf(_ reached: Int, _ total: Double) -> Double {
            total > 0 ? Double(reached) / total * Double(reached) / Double(r.n - 1) : 0
        }
        var mismatches = 0
        for u in 0..<r.n {
            let (ri, ti, hi) = sums(search, from: u, in: inward)
            let (ro, to, _) = sums(search, from: u, in: outward)
            if !close(c.incoming[u], wf(ri, ti)) || !close(c.harmonic[u], hi) || !close(c.outgoing[u], wf(ro, to)) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(c.incoming.contains { $0 > 0 } && c.incoming.contains { $0 == 0 })
    }

    @Test func pathStatisticsMatchSingleSearches() throws {
        let r = RandomTies(n: 2000, degree: 0.8, seed: 78)
        let g = try r.graph(directed: true, weighted: false)
        let s = PathStatistics(g, threads: 2)
        let membership = Components.weak(g).membership
        let lcc = (0..<r.n).filter { membership[$0] == 0 }
        #expect(lcc.count == s.largestComponentSize && lcc.count > 16 * 64)
        let search = ShortestPathSearch(nodeCount: r.n)
        let network = PathNetwork(g.undirected, weighted: false)
        var total = 0.0, longest = 0.0
        for u in lcc {
            let (reached, sum, _) = sums(search, from: u, in: network)
            #expect(reached == lcc.count - 1)
            total += sum
            longest = max(longest, search.distance(to: search.settled(search.reachedCount - 1)))
        }
        #expect(s.diameter == Int(longest))
        #expect(close(s.averagePathLength, total / Double(lcc.count * (lcc.count - 1))))
    }
}

@Suite struct PathStatisticsTests {
    @Test func largestComponentAndTwoStepReach() throws {
        // Path 0–1–2–3, pair 4–5, isolate 6.
        let s = PathStatistics(try pathTestGraph(7, [(0, 1), (1, 2), (2, 3), (4, 5)], directed: false))
        #expect(s.largestComponentSize == 4)
        #expect(s.diameter == 3)
        #expect(close(s.averagePathLength, 20.0 / 12))
        #expect(s.reachWithinTwo == [2, 3, 3, 2, 1, 1, 0])
    }

    @Test func directedGraphsUseTheUndirectedView() throws {
        // 0 → 1 ← 2 → 3: undirected it is a path of four.
        let s = PathStatistics(try pathTestGraph(4, [(0, 1), (2, 1), (2, 3)], directed: true))
        #expect(s.diameter == 3 && close(s.averagePathLength, 20.0 / 12))
        #expect(s.reachWithinTwo == [2, 3, 3, 2])
    }

    @Test func emptyAndSingleMemberNetworks() throws {
        let none = PathStatistics(try pathTestGraph(0, [], directed: false))
        #expect(none.diameter == 0 && none.averagePathLength == 0 && none.reachWithinTwo.isEmpty)
        let one = PathStatistics(try pathTestGraph(3, [], directed: false))
        #expect(one.diameter == 0 && one.averagePathLength == 0 && one.largestComponentSize == 1)
        #expect(one.reachWithinTwo == [0, 0, 0])
    }

    @Test func starAndCycle() throws {
        let star = PathStatistics(try pathTestGraph(5, [(0, 1), (0, 2), (0, 3), (0, 4)], directed: false))
        #expect(star.diameter == 2 && star.reachWithinTwo == [4, 4, 4, 4, 4])
        #expect(close(star.averagePathLength, (4.0 * 2 + 12 * 2) / 20))
        let ring = PathStatistics(try pathTestGraph(6, (0..<6).map { ($0, ($0 + 1) % 6) }, directed: false))
        #expect(ring.diameter == 3 && ring.reachWithinTwo == [4, 4, 4, 4, 4, 4])
        #expect(close(ring.averagePathLength, 9.0 / 5))
    }

    @Test func matchesBruteForceAndIgnoresThreadCount() throws {
        for seed in UInt64(50)..<56 {
            let r = RandomTies(n: 60, degree: 0.9, seed: seed)
            let g = try r.graph(directed: true, weighted: false)
            let s = PathStatistics(g, threads: 1)
            // Brute force on the undirected view.
            let u = try pathTestGraph(r.n, r.ties, directed: false)
            let bf = BruteForcePaths(u, weighted: false)
            let lcc = Components.weak(g).membership.indices.filter { Components.weak(g).membership[$0] == 0 }
            var total = 0.0, longest = 0.0
            for a in lcc { for b in lcc where a != b { total += bf.d[a][b]; longest = max(longest, bf.d[a][b]) } }
            #expect(s.diameter == Int(longest))
            #expect(close(s.averagePathLength, lcc.count > 1 ? total / Double(lcc.count * (lcc.count - 1)) : 0))
            #expect(s.reachWithinTwo == (0..<r.n).map { v in (0..<r.n).filter { $0 != v && bf.d[v][$0] <= 2 }.count })
            let t = PathStatistics(g, threads: 4)
            #expect(t.diameter == s.diameter && t.averagePathLength == s.averagePathLength && t.reachWithinTwo == s.reachWithinTwo)
        }
    }
}

@Suite struct ShortestPathSearchTests {
    @Test func gridPathCountsAreBinomials() throws {
        // A 4 × 4 grid: from a corner, node (i, j) is i + j steps away by C(i + j, i) paths.
        var ties: [(Int, Int)] = []
        for i in 0..<4 { for j in 0..<4 {
            if i < 3 { ties.append((i * 4 + j, (i + 1) * 4 + j)) }
            if j < 3 { ties.append((i * 4 + j, i * 4 + j + 1)) }
        } }
        let g = try pathTestGraph(16, ties, directed: false)
        let search = ShortestPathSearch(nodeCount: 16)
        func binomial(_ n: Int, _ k: Int) -> Double { k == 0 ? 1 : binomial(n - 1, k - 1) * Double(n) / Double(k) }
        for weighted in [false, true] {
            search.run(from: 0, in: PathNetwork(g.out, weighted: weighted))
            #expect(search.reachedCount == 16 && search.settled(0) == 0)
            for i in 0..<4 { for j in 0..<4 {
                #expect(search.distance(to: i * 4 + j) == Double(i + j))
                #expect(search.pathCount(to: i * 4 + j) == binomial(i + j, i))
            } }
            // Settle order is by non-decreasing distance.
            let order = (0..<16).map { search.settled($0) }
            #expect(zip(order, order.dropFirst()).allSatisfy { search.distance(to: $0.0) <= search.distance(to: $0.1) })
        }
    }

    @Test func reusedWorkspaceForgetsThePreviousSearch() throws {
        let g = try pathTestGraph(5, [(0, 1), (1, 2), (3, 4)], directed: true)
        let search = ShortestPathSearch(nodeCount: 5)
        for weighted in [false, true] {
            let net = PathNetwork(g.out, weighted: weighted)
            search.run(from: 0, in: net)
            #expect(search.reachedCount == 3 && search.distance(to: 2) == 2)
            search.run(from: 3, in: net)
            #expect(search.reachedCount == 2)
            #expect(search.distance(to: 2) == .infinity && search.pathCount(to: 2) == 0)
            #expect(search.distance(to: 4) == 1 && search.pathCount(to: 4) == 1)
        }
    }
}
