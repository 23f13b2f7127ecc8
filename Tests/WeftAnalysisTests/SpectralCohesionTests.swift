import Foundation
import Testing
import LinearAlgebra
@testable import WeftAnalysis
import WeftGraph

@Suite struct SpectralTests {
    let star = makeGraph(5, [(0, 1), (0, 2), (0, 3), (0, 4)])

    @Test func sparseProductIsTheSameOnOneOrTwoThreads() {
        // Large enough (> 50,000 entries) for the product to split its rows.
        let g = randomGraph(seed: 7, n: 3_000, p: 0.01, directed: true)
        #expect(g.in.entryCount >= SparseProduct.parallelThreshold)
        var generator = SeededGenerator(seed: 3)
        let x = (0..<g.nodeCount).map { _ in generator.nextUnit() }
        var one = [Double](repeating: 0, count: g.nodeCount), two = one
        let split = SparseProduct(g.in, weighted: true, threads: 2)
        #expect(split.ranges.count == SparseProduct.rangeCount)
        SparseProduct(g.in, weighted: true, threads: 1).apply(x, into: &one)
        split.apply(x, into: &two)
        #expect(one == two)
        // Against the product written out.
        var direct = [Double](repeating: 0, count: g.nodeCount)
        for v in 0..<g.nodeCount {
            var s = 0.0
            for p in g.in.offsets[v]..<g.in.offsets[v + 1] { s += g.in.weights[p] * x[Int(g.in.neighbours[p])] }
            direct[v] = s
        }
        #expect(one == direct)
    }

    @Test(arguments: [KernelPath.dense, .sparse])
    func eigenvectorOfAStar(_ path: KernelPath) {
        // K_{1,4}: λ = 2, centre 1/√2, leaves 1/(2√2).
        let e = EigenvectorCentrality(star, path: path)
        #expect(abs(e.eigenvalue - 2) < 1e-9)
        let centre = (0.5 as Double).squareRoot(), leaf = 1 / (2 * (2 as Double).squareRoot())
        #expect(closeArrays(e.values, [centre, leaf, leaf, leaf, leaf], tolerance: 1e-9))
    }

    @Test(arguments: [KernelPath.dense, .sparse])
    func pageRankOfADirectedCycleIsUniformAndSumsToOne(_ path: KernelPath) {
        let cycle = makeGraph(4, [(0, 1), (1, 2), (2, 3), (3, 0)], directed: true)
        let pr = PageRank(cycle, path: path)
        #expect(closeArrays(pr.values, [0.25, 0.25, 0.25, 0.25], tolerance: 1e-10))
    }

    @Test(arguments: [KernelPath.dense, .sparse])
    func pageRankWithADanglingMember(_ path: KernelPath) {
        // 0 → 1, 1 dangling (its mass spreads uniformly): x0 = 0.075 + 0.425·x1, x1 = 1 − x0.
        let g = makeGraph(2, [(0, 1)], directed: true)
        let pr = PageRank(g, path: path)
        // Exact: x0 = a, x1 = 1 − a, a = 0.075 + 0.425·(1 − a) → a = 0.5/1.425.
        let a = 0.5 / 1.425
        #expect(closeArrays(pr.values, [a, 1 - a], tolerance: 1e-10))
    }

    @Test func pageRankRecordsThePathThatRan() {
        let cycle = makeGraph(2, [(0, 1), (1, 0)], directed: true)
        #expect(PageRank(cycle, path: .dense).path == .dense)
        #expect(PageRank(cycle, path: .auto).path == .dense)
        #expect(PageRank(cycle, path: .sparse).path == .sparse)
        // α = 1 makes I − αPᵀ singular ([[1, −1], [−1, 1]]): dgesv fails and the sparse solver runs.
        let fallback = PageRank(cycle, alpha: 1, path: .dense)
        #expect(fallback.path == .sparse)
        #expect(fallback.iterations > 0)
        #expect(closeArrays(fallback.values, [0.5, 0.5], tolerance: 1e-12))
    }

    @Test func pageRankPathsAgreeOnRandomGraphs() {
        for seed in UInt64(1)...6 {
            let g = randomGraph(seed: seed, n: 40, p: 0.08, directed: seed % 2 == 0)
            let personal = (0..<40).map { Double($0 % 3) }
            for p in [nil, personal] {
                let dense = PageRank(g, personalization: p, path: .dense)
                let sparse = PageRank(g, personalization: p, path: .sparse)
                #expect(closeArrays(dense.values, sparse.values, tolerance: 1e-9))
                #expect(abs(dense.values.reduce(0, +) - 1) < 1e-12 && abs(sparse.values.reduce(0, +) - 1) < 1e-9)
            }
        }
    }

    @Test func katzAndHITSPathsAgreeOnRandomGraphs() {
        for seed in UInt64(11)...16 {
            let g = randomGraph(seed: seed, n: 35, p: 0.1, directed: seed % 2 == 0)
            let kd = KatzCentrality(g, path: .dense), ks = KatzCentrality(g, path: .sparse)
            #expect(kd.alpha == ks.alpha || abs(kd.alpha - ks.alpha) < 1e-9)
            #expect(closeArrays(kd.values, KatzCentrality(g, alpha: kd.alpha, path: .sparse).values, tolerance: 1e-8))
            let hd = HITS(g, path: .dense), hs = HITS(g, path: .sparse)
            if hd.isUnique == true {
                #expect(closeArrays(hd.hubs, hs.hubs, tolerance: 1e-7))
                #expect(closeArrays(hd.authorities, hs.authorities, tolerance: 1e-7))
            }
            #expect(abs(hd.hubs.reduce(0, +) - 1) < 1e-12 && abs(hd.authorities.reduce(0, +) - 1) < 1e-12)
            let ed = EigenvectorCentrality(g, path: .dense), es = EigenvectorCentrality(g, path: .sparse)
            if ed.isUnique == true { #expect(closeArrays(ed.values, es.values, tolerance: 1e-7)) }
        }
    }

    @Test func katzOnAPathCountsIncomingWalks() {
        // 0 → 1 → 2 with α = 0.5, β = 1: x0 = 1, x1 = 1.5, x2 = 1.75, then unit norm.
        let g = makeGraph(3, [(0, 1), (1, 2)], directed: true)
        for path in [KernelPath.dense, .sparse] {
            let k = KatzCentrality(g, alpha: 0.5, path: path)
            let raw = [1, 1.5, 1.75], norm = (raw.map { $0 * $0 }.reduce(0, +)).squareRoot()
            #expect(closeArrays(k.values, raw.map { $0 / norm }, tolerance: 1e-10))
        }
    }

    @Test func hitsOfABipartiteDirectedGraph() {
        // Hubs 0, 1 point at authorities 2, 3 (all four ties): each hub 1/2, each authority 1/2.
        let g = makeGraph(4, [(0, 2), (0, 3), (1, 2), (1, 3)], directed: true)
        for path in [KernelPath.dense, .sparse] {
            let h = HITS(g, path: path)
            #expect(closeArrays(h.hubs, [0.5, 0.5, 0, 0], tolerance: 1e-9))
            #expect(closeArrays(h.authorities, [0, 0, 0.5, 0.5], tolerance: 1e-9))
        }
    }

    @Test func relabellingPermutesTheValues() {
        var rng = SeededGenerator(seed: 5)
        let g = randomGraph(seed: 9, n: 30, p: 0.12, directed: true)
        let permutation = Array(0..<30).shuffled(using: &rng)
        let h = relabel(g, permutation)
        func permuted(_ values: [Double]) -> [Double] {
            var out = values
            for v in 0..<values.count { out[permutation[v]] = values[v] }
            return out
        }
        #expect(closeArrays(permuted(PageRank(g).values), PageRank(h).values, tolerance: 1e-12))
        #expect(closeArrays(permuted(KatzCentrality(g).values), KatzCentrality(h).values, tolerance: 1e-12))
        #expect(closeArrays(permuted(WeightedClustering(g).local), WeightedClustering(h).local, tolerance: 1e-12))
        #expect(permuted(CoreNumber(g).values.map(Double.init)) == CoreNumber(h).values.map(Double.init))
    }
}

@Suite struct CohesionTests {
    @Test func clusteringOfSmallGraphs() {
        // Triangle 0-1-2 with a pendant 3 on 2: c = 1, 1, 1/3, 0; transitivity 3·1/(1+1+3) = 0.6.
        let g = makeGraph(4, [(0, 1), (1, 2), (0, 2), (2, 3)])
        let c = Clustering(g)
        #expect(c.triangles == [1, 1, 1, 0])
        #expect(closeArrays(c.local, [1, 1, 1.0 / 3, 0], tolerance: 1e-15))
        #expect(abs(c.transitivity - 0.6) < 1e-15)
        #expect(abs(c.averageClustering - (7.0 / 3) / 4) < 1e-15)
    }

    @Test func weightedClusteringIsTheGeometricMean() {
        // Triangle with weights 1, 2, 4 (max 4): ŵ = 1/4, 1/2, 1; (ŵ product)^{1/3} = (1/8)^{1/3} = 1/2.
        let g = makeGraph(3, [(0, 1), (1, 2), (0, 2)], weights: [1, 2, 4])
        #expect(closeArrays(WeightedClustering(g).local, [0.5, 0.5, 0.5], tolerance: 1e-15))
    }

    @Test func clusteringLiesInTheUnitInterval() {
        for seed in UInt64(1)...8 {
            let g = randomGraph(seed: seed, n: 50, p: 0.15, directed: seed % 2 == 1)
            let c = Clustering(g)
            #expect(c.local.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(WeightedClustering(g).local.allSatisfy { $0 >= 0 && $0 <= 1 + 1e-12 })
            #expect(c.transitivity >= 0 && c.transitivity <= 1)
        }
    }

    @Test func forwardListingFindsEveryTriangleOnce() {
        // Against the triple loop over node triples, on graphs dense enough for degree ties.
        for seed in UInt64(20)...27 {
            let n = 40
            let g = randomGraph(seed: seed, n: n, p: seed % 2 == 0 ? 0.3 : 0.08, directed: false)
            let adjacency = g.undirected
            var expected = [Int](repeating: 0, count: n)
            var weighted = [Double](repeating: 0, count: n)
            let maxWeight = adjacency.weights.max() ?? 1
            func weight(_ a: Int, _ b: Int) -> Double? {
                let list = adjacency.neighbours(of: a)
                return list.firstIndex(of: Int32(b)).map { adjacency.weights[$0] / maxWeight }
            }
            for a in 0..<n { for b in a + 1..<n { for c in b + 1..<n {
                guard let ab = weight(a, b), let ac = weight(a, c), let bc = weight(b, c) else { continue }
                for v in [a, b, c] { expected[v] += 1; weighted[v] += cbrt(ab * ac * bc) }
            } } }
            #expect(Clustering(g).triangles == expected)
            let onnela = (0..<n).map { v -> Double in
                let d = Double(adjacency.degree(v))
                return d < 2 ? 0 : 2 * weighted[v] / (d * (d - 1))
            }
            #expect(closeArrays(WeightedClustering(g).local, onnela, tolerance: 1e-12))
        }
    }

    @Test func coreNumbers() {
        // K4 (0–3) with a tail 3–4–5: cores 3,3,3,3,1,1.
        let g = makeGraph(6, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5)])
        #expect(CoreNumber(g).values == [3, 3, 3, 3, 1, 1])
        #expect(CoreNumber(makeGraph(3, [])).values == [0, 0, 0])
    }

    @Test func assortativityAndCentralization() {
        let star = makeGraph(5, [(0, 1), (0, 2), (0, 3), (0, 4)])
        #expect(abs(DegreeAssortativity.coefficient(star) + 1) < 1e-12)    // perfectly disassortative
        #expect(DegreeAssortativity.coefficient(makeGraph(3, [(0, 1), (1, 2), (0, 2)])).isNaN)
        #expect(abs(DegreeCentrality(star).centralization - 1) < 1e-15)
        #expect(DegreeCentrality(makeGraph(4, [(0, 1), (1, 2), (2, 3), (3, 0)])).centralization == 0)
    }
}

@Suite struct ProjectionTests {
    /// Three members, two events: e0 = {0, 1, 2}, e1 = {0, 1}.
    func attendance() -> AttendanceLog {
        var log = AttendanceLog()
        let e0 = log.events.intern("e0").index, e1 = log.events.intern("e1").index
        for m in [0, 1, 2] { log.append(member: Int32(m), event: e0, date: 0) }
        for m in [0, 1] { log.append(member: Int32(m), event: e1, date: 10) }
        log.append(member: 0, event: e1, date: 10)   // a repeated row counts once
        return log
    }

    @Test(arguments: [KernelPath.dense, .sparse])
    func memberProjections(_ path: KernelPath) {
        let count = TwoModeProjection.members(attendance(), memberCount: 4, path: path)
        #expect(count.ties.source == [0, 0, 1] && count.ties.target == [1, 2, 2])
        #expect(count.ties.weight == [2, 1, 1])
        #expect(count.undirected.degree(3) == 0)
        let newman = TwoModeProjection.members(attendance(), memberCount: 4, weighting: .newman, path: path)
        #expect(closeArrays(newman.ties.weight, [0.5 + 1, 0.5, 0.5], tolerance: 1e-15))
        let early = TwoModeProjection.members(attendance(), memberCount: 4, window: TimeWindow(end: 5), path: path)
        #expect(early.ties.weight == [1, 1, 1])
    }

    @Test(arguments: [KernelPath.dense, .sparse])
    func eventProjection(_ path: KernelPath) {
        let g = TwoModeProjection.events(attendance(), memberCount: 4, path: path)
        #expect(g.nodeCount == 2 && g.ties.weight == [2])
    }
}

@Suite struct SampledClosenessTests {
    @Test func everySourceSampledGivesTheExactValues() throws {
        for (seed, directed) in [(UInt64(3), true), (4, false)] {
            let g = randomGraph(seed: seed, n: 60, p: 0.05, directed: directed)
            let exact = Closeness(g), sampled = try Closeness(g, sampleSources: 60)
            #expect(!sampled.isSampled && exact.sourceCount == 60)
            #expect(closeArrays(exact.incoming, sampled.incoming, tolerance: 1e-12))
            #expect(closeArrays(exact.outgoing, sampled.outgoing, tolerance: 1e-12))
            #expect(closeArrays(exact.harmonic, sampled.harmonic, tolerance: 1e-12))
            #expect(closeArrays(exact.harmonicOutgoing, sampled.harmonicOutgoing, tolerance: 1e-12))
        }
    }

    @Test func samplesEstimateTheExactValues() throws {
        // A connected ring with chords: the estimate from half the members is close on average.
        var edges = (0..<200).map { ($0, ($0 + 1) % 200) }
        edges += (0..<200).filter { $0 % 7 == 0 }.map { ($0, ($0 + 50) % 200) }
        let g = makeGraph(200, edges)
        let exact = Closeness(g), sampled = try Closeness(g, sampleSources: 100, seed: 1)
        #expect(sampled.isSampled && sampled.sourceCount == 100)
        func meanError(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) / $0 }.reduce(0, +) / Double(a.count) }
        // Distance sums are smooth (a few % off); harmonic sums hinge on whether a member's few
        // neighbours were sampled, so they vary more.
        #expect(meanError(exact.incoming, sampled.incoming) < 0.05)
        #expect(meanError(exact.harmonic, sampled.harmonic) < 0.15)
        #expect(try Closeness(g, sampleSources: 100, seed: 1).incoming == sampled.incoming)   // seeded
    }
}

@Suite struct SampledPathStatisticsTests {
    @Test func samplingEstimatesDistances() {
        // A cycle of 100: every member has eccentricity 50 and mean distance 2500/99.
        let cycle = makeGraph(100, (0..<100).map { ($0, ($0 + 1) % 100) })
        let exact = PathStatistics(cycle), sampled = PathStatistics(cycle, sampleSources: 10)
        #expect(!exact.isSampled && sampled.isSampled)
        #expect(exact.diameter == 50 && sampled.diameter == 50)
        #expect(abs(exact.averagePathLength - 2500.0 / 99) < 1e-12 && abs(sampled.averagePathLength - 2500.0 / 99) < 1e-12)
        #expect(PathStatistics(cycle, sampleSources: 100).isSampled == false)
        #expect(sampled.reachWithinTwo == exact.reachWithinTwo)
    }
}

@Suite struct SpectralEdgeCaseTests {
    @Test(arguments: [KernelPath.dense, .sparse])
    func noTiesGiveUniformEigenvector(_ path: KernelPath) {
        let e = EigenvectorCentrality(makeGraph(4, []), path: path)
        #expect(closeArrays(e.values, [0.5, 0.5, 0.5, 0.5], tolerance: 1e-15))
    }

    @Test func lanczosAgreesWithTheDenseSolverBipartiteAndRepeatedCases() {
        // Random graphs large enough for several Lanczos steps: against dsyevr.
        for seed in UInt64(40)...43 {
            let g = randomGraph(seed: seed, n: 400, p: 0.02, directed: false)
            let dense = EigenvectorCentrality(g, path: .dense), sparse = EigenvectorCentrality(g, path: .sparse)
            guard dense.isUnique == true else { continue }
            #expect(closeArrays(dense.values, sparse.values, tolerance: 1e-9))
            #expect(abs(dense.eigenvalue - sparse.eigenvalue) < 1e-10 * dense.eigenvalue)
            #expect(sparse.iterations > 2)
        }
        // A path of 6 is bipartite (eigenvalues ±λ): the positive one, 2·cos(π/7).
        let path6 = makeGraph(6, (0..<5).map { ($0, $0 + 1) })
        let p = EigenvectorCentrality(path6, path: .sparse)
        #expect(abs(p.eigenvalue - 2 * cos(Double.pi / 7)) < 1e-12)
        let exact = (1...6).map { sin(Double($0) * Double.pi / 7) }
        let norm = exact.map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(closeArrays(p.values, exact.map { $0 / norm }, tolerance: 1e-10))
        // Two disjoint triangles share the top eigenvalue 2: the uniform start's projection.
        let twins = makeGraph(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)])
        #expect(closeArrays(EigenvectorCentrality(twins, path: .sparse).values, Array(repeating: 1 / 6.0.squareRoot(), count: 6), tolerance: 1e-12))
    }

    @Test func katzConvergesUnderTheMinRule() {
        // 23 members each tied to the next 11, none reciprocated: the min-symmetrised view is
        // empty, but α must still be below 1/ρ(A) = 1/11.
        var edges: [(Int, Int)] = []
        for i in 0..<23 { for k in 1...11 { edges.append((i, (i + k) % 23)) } }
        var log = InteractionLog()
        for e in edges { try? log.append(source: Int32(e.0), target: Int32(e.1), time: 0) }
        let g = GraphBuilder(symmetrisation: .min).build(log, nodeCount: 23)
        for path in [KernelPath.dense, .sparse] {
            let k = KatzCentrality(g, path: path)
            #expect(k.alpha < 1.0 / 11)
            #expect(k.values.allSatisfy { $0.isFinite && abs($0 - 1 / 23.0.squareRoot()) < 1e-9 })
        }
    }

    @Test func hubsFollowAuthoritiesWhenTheTopEigenvalueRepeats() {
        // a→d and c→b: two identical stars; hubs and authorities must be consistent.
        let g = makeGraph(4, [(0, 3), (2, 1)], directed: true)
        let h = HITS(g, path: .dense)
        #expect(h.isUnique == false)
        #expect(closeArrays(h.hubs, [0.5, 0, 0.5, 0], tolerance: 1e-9))
        #expect(closeArrays(h.authorities, [0, 0.5, 0, 0.5], tolerance: 1e-9))
        let sparse = HITS(g, path: .sparse)
        #expect(sparse.hubs == h.hubs && sparse.authorities == h.authorities)
        // Unequal stars, 0 → {3, 4} and 1 → {2}: AᵀA's top eigenvalue (2) is simple; the star of
        // two authorities takes everything, as the power iteration's limit.
        let stars = HITS(makeGraph(5, [(0, 3), (0, 4), (1, 2)], directed: true), path: .sparse)
        #expect(closeArrays(stars.authorities, [0, 0, 0, 0.5, 0.5], tolerance: 1e-12))
        #expect(closeArrays(stars.hubs, [1, 0, 0, 0, 0], tolerance: 1e-12))
    }
}
