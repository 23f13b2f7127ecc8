import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// sna 2.7-1's cug.test on the `directed` fixture (scripts/sna_cug_reference.R).
struct CUGReference: Decodable {
    struct Figure: Decodable {
        let figure: String
        let observed: Double
        let nullMean: Double
        let nullSd: Double
        let pGreaterOrEqual: Double
        let pLessOrEqual: Double
    }
    let reps: Int
    let members: Int
    let ties: Int
    let figures: [Figure]

    init() throws {
        let url = try #require(Bundle.module.url(forResource: "cug", withExtension: "json", subdirectory: "Fixtures/directed"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(CUGReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct NetworkInferenceTests {
    /// The reference's network: the `directed` fixture, binary, with group k mod 3 for member n<k>.
    static func network() throws -> BinaryNetwork {
        let f = try LoadedFixture("directed")
        let n = f.graph.nodeCount
        let groups = try NodeGroups(group: (0..<n).map { Int32(Int(f.dataset.members.ids[Int32($0)].dropFirst())! % 3) }, labels: ["0", "1", "2"])
        return try BinaryNetwork(f.graph, groups: groups)
    }

    /// Observed values equal sna's to rounding; density's null distribution is the single
    /// observed value; the other null means and p-values agree within four Monte Carlo standard
    /// errors of the difference of two independent estimates (1000 draws here, 2000 in R).
    @Test func matchesSnaCugTest() throws {
        let want = try CUGReference()
        let network = try NetworkInferenceTests.network()
        #expect(network.nodeCount == want.members && network.tieCount == want.ties)
        let k = 1000
        let inference = try NetworkInference(network, draws: k, seed: 42)
        #expect(inference.results.map(\.figure.rawValue) == want.figures.map(\.figure))
        let spread = (1 / Double(k) + 1 / Double(want.reps)).squareRoot()
        for (got, ref) in zip(inference.results, want.figures) {
            #expect(close(got.observed, ref.observed, tolerance: 1e-12), "\(ref.figure): \(got.observed) vs \(ref.observed)")
            #expect(abs(got.nullMean - ref.nullMean) <= 4 * ref.nullSd * spread + 1e-15, "\(ref.figure) null mean \(got.nullMean) vs \(ref.nullMean)")
            for (p, q) in [(got.pGreaterOrEqual, ref.pGreaterOrEqual), (got.pLessOrEqual, ref.pLessOrEqual)] {
                let se = (max(q * (1 - q), 0.0025)).squareRoot() * spread
                #expect(abs(p - q) <= 4 * se, "\(ref.figure) p: \(p) vs \(q)")
            }
        }
        let density = inference.results[0]
        #expect(density.nullMean == density.observed && density.nullStandardDeviation == 0)
        #expect(density.pGreaterOrEqual == 1 && density.pLessOrEqual == 1)
    }

    /// The figures agree with Weft's own measures on the same graph.
    @Test func observedFiguresAreWeftsMeasures() throws {
        let f = try LoadedFixture("directed")
        let network = try BinaryNetwork(f.graph)
        let summary = NetworkSummary(f.graph)
        #expect(network.value(.density) == summary.density)
        #expect(network.value(.reciprocity) == summary.reciprocity)
        #expect(close(network.value(.transitivity), Clustering(f.graph).transitivity, tolerance: 1e-15))
    }

    /// Same seed, same results for one thread and two; another seed, other draws.
    @Test func resultsDependOnlyOnTheSeed() throws {
        let network = try NetworkInferenceTests.network()
        let one = try NetworkInference(network, draws: 300, seed: 7, threads: 1)
        let two = try NetworkInference(network, draws: 300, seed: 7, threads: 2)
        #expect(one.results == two.results)
        #expect(try NetworkInference(network, draws: 300, seed: 8, threads: 2).results != one.results)
    }

    /// Uniform draws keep the members, direction and tie count, with distinct dyads and no
    /// self-loops, on a sparse graph and on one with more than half its dyads tied.
    @Test func uniformGraphsKeepSizeAndTies() throws {
        for directed in [true, false] {
            for m in [3, 9] {   // of 12 directed / 6 undirected dyads on 4 members
                let ties = directed ? (0..<m).map { ($0 / 3, ($0 / 3 + 1 + $0 % 3) % 4) } : (0..<min(m, 5)).map { [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)][$0] }
                let g = try BinaryNetwork(nodeCount: 4, isDirected: directed, sources: ties.map { Int32($0.0) }, targets: ties.map { Int32($0.1) })
                var generator = SeededGenerator(seed: 1)
                for _ in 0..<50 {
                    let u = NetworkInference.uniformGraph(like: g, &generator)
                    let keys = Set(u.sources.indices.map { Int(u.sources[$0]) * 4 + Int(u.targets[$0]) })
                    #expect(u.tieCount == g.tieCount && keys.count == g.tieCount)
                    #expect(u.sources.indices.allSatisfy { u.sources[$0] != u.targets[$0] && (directed || u.sources[$0] < u.targets[$0]) })
                }
            }
        }
    }

    /// On a complete directed graph every bootstrap sample is complete (copies of one member are
    /// tied with probability 1, the density): density and reciprocity 1 with no spread.
    @Test func bootstrapOfACompleteGraphIsComplete() throws {
        let pairs = (0..<5).flatMap { i in (0..<5).filter { $0 != i }.map { (Int32(i), Int32($0)) } }
        let g = try BinaryNetwork(nodeCount: 5, isDirected: true, sources: pairs.map(\.0), targets: pairs.map(\.1))
        let r = try NetworkInference(g, figures: [.density, .reciprocity, .transitivity], draws: 50, seed: 3)
        for result in r.results {
            #expect(result.observed == 1 && result.intervalLow == 1 && result.intervalHigh == 1 && result.bootstrapStandardError == 0)
        }
    }

    /// A bootstrap sample maps positions to members: a tie k → l exactly when member s_k names
    /// member s_l (positions holding the same member aside).
    @Test func bootstrapSampleCopiesTheMembersTies() throws {
        let network = try NetworkInferenceTests.network()
        var generator = SeededGenerator(seed: 11)
        let b = NetworkInference.bootstrapSample(of: network, &generator)
        var replay = SeededGenerator(seed: 11)
        let member = (0..<network.nodeCount).map { _ in replay.int(below: network.nodeCount) }
        let original = Set(network.sources.indices.map { Int(network.sources[$0]) * 64 + Int(network.targets[$0]) })
        let sample = Set(b.sources.indices.map { Int(b.sources[$0]) * 64 + Int(b.targets[$0]) })
        for k in 0..<64 { for l in 0..<64 where k != l && member[k] != member[l] {
            #expect(sample.contains(k * 64 + l) == original.contains(member[k] * 64 + member[l]))
        } }
        #expect(b.group == member.map { network.group![$0] })
    }

    /// R's type-7 quantile and the sample standard deviation.
    @Test func summaries() {
        let x = [4.0, 1, 3, 2]
        #expect(close(NetworkInference.Summary.quantile(x, 0.025), 1.075, tolerance: 1e-14))
        #expect(close(NetworkInference.Summary.quantile(x, 0.975), 3.925, tolerance: 1e-14))
        #expect(close(NetworkInference.Summary.sd(x), (5.0 / 3).squareRoot(), tolerance: 1e-15))
    }
}

@Suite struct NetworkInferenceArgumentTests {
    @Test func badArgumentsAreErrorsNotTraps() throws {
        #expect(throws: ArgumentError("BinaryNetwork", "sources, targets", "must be of one length (got 2 and 1)")) {
            try BinaryNetwork(nodeCount: 3, isDirected: false, sources: [0, 1], targets: [2])
        }
        #expect(throws: ArgumentError("BinaryNetwork", "group", "must hold one code per node (got 2 for 3)")) {
            try BinaryNetwork(nodeCount: 3, isDirected: false, sources: [0], targets: [1], group: [0, 1])
        }
        let network = try BinaryNetwork(nodeCount: 3, isDirected: false, sources: [0], targets: [1])
        #expect(throws: ArgumentError("NetworkInference", "draws", "must be at least 1 (got 0)")) {
            try NetworkInference(network, draws: 0, seed: 1)
        }
        #expect(throws: ArgumentError("ClusterAgreement", "a, b", "must label the same items (got 2 and 1 labels)")) {
            try ClusterAgreement([0, 1], [0], aCount: 2, bCount: 1)
        }
        #expect(throws: ArgumentError("ClusterAgreement", "a, b", "must hold labels in 0 ..< aCount and 0 ..< bCount")) {
            try ClusterAgreement([0, 2], [0, 0], aCount: 2, bCount: 1)
        }
    }
}
