import Foundation
import Testing
import WeftAnalysis
import WeftGraph

/// The shortest-path measures of a fixture's measures.json (NetworkX 3.6.1; weighted betweenness
/// in exact rational arithmetic), keyed by member id.
struct PathReference: Decodable {
    struct Network: Decodable {
        let diameter: Int
        let averagePathLength: Double
        let betweennessCentralization: Double
        let largestComponentSize: Int
    }
    let directed: Bool
    let betweenness: [String: Double]
    let betweennessNormalized: [String: Double]
    let betweennessWeighted: [String: Double]
    let betweennessWeightedNormalized: [String: Double]
    let closeness: [String: Double]
    let closenessOut: [String: Double]
    let closenessWeighted: [String: Double]
    let closenessWeightedOut: [String: Double]
    let harmonic: [String: Double]
    let harmonicOut: [String: Double]
    let reach2: [String: Int]
    let network: Network

    init(_ name: String) throws {
        let folder = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(PathReference.self, from: Data(contentsOf: folder.appendingPathComponent("measures.json")))
    }
}

@Suite struct PathReferenceTests {
    static let datasets = ["karate", "lesmis", "florentine", "directed", "davis_women", "davis_events",
                           "disconnected", "directed_weighted"]

    /// Checks every member's value against the reference (1e-9 relative, absolute below 1).
    func expectMatches(_ f: LoadedFixture, _ values: [Double], _ want: [String: Double], _ what: String) throws {
        #expect(want.count == f.graph.nodeCount, "\(what): reference covers every member")
        for (id, expected) in want {
            let got = values[try f.index(id)]
            #expect(close(got, expected), "\(what) of \(id): \(got) vs \(expected)")
        }
    }

    @Test(arguments: datasets)
    func betweennessMatches(_ name: String) throws {
        let f = try LoadedFixture(name), r = try PathReference(name)
        #expect(r.directed == f.graph.isDirected)
        let b = try Betweenness(f.graph)
        try expectMatches(f, b.raw, r.betweenness, "betweenness")
        try expectMatches(f, b.normalised, r.betweennessNormalized, "normalised betweenness")
        #expect(close(b.centralization, r.network.betweennessCentralization), "centralisation \(b.centralization)")
        let w = try Betweenness(f.graph, weighted: true)
        try expectMatches(f, w.raw, r.betweennessWeighted, "weighted betweenness")
        try expectMatches(f, w.normalised, r.betweennessWeightedNormalized, "weighted normalised betweenness")
    }

    @Test(arguments: datasets)
    func sampledBetweennessOfEveryMemberIsExact(_ name: String) throws {
        let f = try LoadedFixture(name)
        for weighted in [false, true] {
            let exact = try Betweenness(f.graph, weighted: weighted, threads: 1)
            let sampled = try Betweenness(f.graph, weighted: weighted, sampleSources: f.graph.nodeCount, seed: 9, threads: 2)
            #expect(sampled.raw == exact.raw && sampled.normalised == exact.normalised)
        }
    }

    @Test(arguments: datasets)
    func closenessAndHarmonicMatch(_ name: String) throws {
        let f = try LoadedFixture(name), r = try PathReference(name)
        let c = Closeness(f.graph)
        try expectMatches(f, c.incoming, r.closeness, "closeness")
        try expectMatches(f, c.outgoing, r.closenessOut, "outgoing closeness")
        try expectMatches(f, c.harmonic, r.harmonic, "harmonic")
        try expectMatches(f, c.harmonicOutgoing, r.harmonicOut, "outgoing harmonic")
        let w = Closeness(f.graph, weighted: true)
        try expectMatches(f, w.incoming, r.closenessWeighted, "weighted closeness")
        try expectMatches(f, w.outgoing, r.closenessWeightedOut, "weighted outgoing closeness")
    }

    @Test(arguments: datasets)
    func pathStatisticsMatch(_ name: String) throws {
        let f = try LoadedFixture(name), r = try PathReference(name)
        let s = PathStatistics(f.graph)
        #expect(s.diameter == r.network.diameter)
        #expect(close(s.averagePathLength, r.network.averagePathLength), "\(s.averagePathLength)")
        #expect(s.largestComponentSize == r.network.largestComponentSize)
        #expect(r.reach2.count == f.graph.nodeCount)
        for (id, want) in r.reach2 { #expect(s.reachWithinTwo[try f.index(id)] == want, "reach_2 of \(id)") }
    }
}
