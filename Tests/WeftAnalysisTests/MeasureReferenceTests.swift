import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph
import WeftIO

/// Reference values for the spectral and cohesion measures, computed by NetworkX 3.6.1 (exact
/// linear-algebra solutions where NetworkX iterates; see Fixtures/make_reference.py), or another
/// topic's <file>.json in the dataset's folder.
struct MeasureFixture {
    let loaded: LoadedFixture
    let json: [String: Any]

    init(_ name: String, file: String = "measures") throws {
        loaded = try LoadedFixture(name)
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures/\(name)"))
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// A node measure as an array in member order.
    func node(_ key: String) throws -> [Double] {
        let values = try #require(json[key] as? [String: Any], "\(key)")
        var out = [Double](repeating: .nan, count: loaded.graph.nodeCount)
        for (id, value) in values { out[try loaded.index(id)] = (value as! NSNumber).doubleValue }
        return out
    }

    func network(_ key: String) throws -> Double? {
        let network = try #require(json["network"] as? [String: Any])
        return (network[key] as? NSNumber)?.doubleValue
    }

    func flag(_ key: String) -> Bool { (json[key] as? Bool) ?? true }
}

@Suite struct MeasureReferenceTests {
    static let datasets = ["karate", "lesmis", "florentine", "directed", "davis_women", "davis_events", "disconnected", "directed_weighted"]
    static let paths = [KernelPath.dense, .sparse]

    @Test(arguments: datasets, paths)
    func eigenvector(_ name: String, _ path: KernelPath) throws {
        let f = try MeasureFixture(name)
        guard f.flag("eigenvector_unique") else { return }
        let e = EigenvectorCentrality(f.loaded.graph, path: path)
        #expect(closeArrays(e.values, try f.node("eigenvector"), tolerance: path == .dense ? 1e-9 : 1e-7))
    }

    @Test(arguments: datasets, paths)
    func pagerank(_ name: String, _ path: KernelPath) throws {
        let f = try MeasureFixture(name)
        #expect(closeArrays(PageRank(f.loaded.graph, path: path).values, try f.node("pagerank"), tolerance: 1e-9))
        let chosen = try #require(f.json["pagerank_personalization"] as? [String])
        var personalization = [Double](repeating: 0, count: f.loaded.graph.nodeCount)
        for id in chosen { personalization[try f.loaded.index(id)] = 1 }
        let personal = PageRank(f.loaded.graph, personalization: personalization, path: path)
        #expect(closeArrays(personal.values, try f.node("pagerank_personalized"), tolerance: 1e-9))
    }

    @Test(arguments: datasets, paths)
    func katz(_ name: String, _ path: KernelPath) throws {
        let f = try MeasureFixture(name)
        let k = KatzCentrality(f.loaded.graph, path: path)
        let alpha = try #require(f.json["katz_alpha"] as? NSNumber).doubleValue
        #expect(abs(k.alpha - alpha) <= 1e-9 * alpha)
        #expect(closeArrays(k.values, try f.node("katz"), tolerance: path == .dense ? 1e-9 : 1e-8))
    }

    @Test(arguments: datasets, paths)
    func hubsAndAuthorities(_ name: String, _ path: KernelPath) throws {
        let f = try MeasureFixture(name)
        let h = HITS(f.loaded.graph, path: path)
        #expect(abs(h.hubs.reduce(0, +) - 1) < 1e-9 && abs(h.authorities.reduce(0, +) - 1) < 1e-9)
        guard f.flag("hits_unique") else { return }
        let tolerance = path == .dense ? 1e-9 : 1e-7
        #expect(closeArrays(h.hubs, try f.node("hub"), tolerance: tolerance))
        #expect(closeArrays(h.authorities, try f.node("authority"), tolerance: tolerance))
    }

    @Test(arguments: datasets)
    func clusteringAndCores(_ name: String) throws {
        let f = try MeasureFixture(name)
        let c = Clustering(f.loaded.graph)
        #expect(closeArrays(c.local, try f.node("clustering"), tolerance: 1e-12))
        let weighted = WeightedClustering(f.loaded.graph)
        #expect(closeArrays(weighted.local, try f.node("clustering_weighted"), tolerance: 1e-12))
        #expect(CoreNumber(f.loaded.graph).values.map(Double.init) == (try f.node("core_number")))
        #expect(abs(c.transitivity - (try f.network("transitivity"))!) < 1e-12)
        #expect(abs(c.averageClustering - (try f.network("average_clustering"))!) < 1e-12)
        #expect(abs(weighted.average - (try f.network("average_clustering_weighted"))!) < 1e-12)
        #expect(Double(CoreNumber(f.loaded.graph).maximum) == (try f.network("core_max")))
    }

    @Test(arguments: datasets)
    func centralizationAndAssortativity(_ name: String) throws {
        let f = try MeasureFixture(name)
        #expect(abs(DegreeCentrality(f.loaded.graph).centralization - (try f.network("degree_centralization"))!) < 1e-12)
        let r = DegreeAssortativity.coefficient(f.loaded.graph)
        if let expected = try f.network("degree_assortativity") {
            #expect(abs(r - expected) < 1e-9, "\(r) vs \(expected)")
        } else {
            #expect(r.isNaN)
        }
    }

    /// Source out-degree against target in-degree, as NetworkX's `degree_assortativity_coefficient`
    /// on a DiGraph by default (Fixtures/make_assortativity_reference.py); undirected graphs have none.
    @Test(arguments: ["directed", "directed_weighted"])
    func directedAssortativity(_ name: String) throws {
        let f = try MeasureFixture(name, file: "assortativity")
        #expect(f.loaded.graph.isDirected && f.loaded.graph.tieCount == (f.json["ties"] as! Int))
        let expected = try #require(f.json["directed_degree_assortativity"] as? Double)
        let r = DegreeAssortativity.directed(f.loaded.graph)
        #expect(abs(r - expected) < 1e-12, "\(r) vs \(expected)")
        #expect(abs(DegreeAssortativity.coefficient(f.loaded.graph) - (f.json["degree_assortativity"] as! Double)) < 1e-12)
        #expect(DegreeAssortativity.directed(try LoadedFixture("karate").graph).isNaN)
    }

    @Test(arguments: paths)
    func davisProjections(_ path: KernelPath) throws {
        let folder = try #require(Bundle.module.url(forResource: "davis", withExtension: nil, subdirectory: "Fixtures")).path
        let dataset = try DatasetLoader().load(InputPaths(members: folder + "/members.csv", attendance: folder + "/attendance.csv"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/projections.json"))) as! [String: Any]
        func pairs(_ graph: Graph, ids: IdentifierRegistry) -> [String: Double] {
            var out: [String: Double] = [:]
            for i in 0..<graph.ties.count {
                let a = ids[graph.ties.source[i]], b = ids[graph.ties.target[i]]
                out[min(a, b) + "|" + max(a, b)] = graph.ties.weight[i]
            }
            return out
        }
        func expected(_ key: String) -> [String: Double] {
            var out: [String: Double] = [:]
            for pair in json[key] as! [[String: Any]] {
                let a = pair["a"] as! String, b = pair["b"] as! String
                out[min(a, b) + "|" + max(a, b)] = (pair["weight"] as! NSNumber).doubleValue
            }
            return out
        }
        let n = dataset.members.count
        let shared = pairs(TwoModeProjection.members(dataset.attendance, memberCount: n, path: path), ids: dataset.members.ids)
        #expect(shared == expected("women_shared"))
        let newman = pairs(TwoModeProjection.members(dataset.attendance, memberCount: n, weighting: .newman, path: path), ids: dataset.members.ids)
        let want = expected("women_newman")
        #expect(Set(newman.keys) == Set(want.keys))
        for (key, value) in want { #expect(abs(newman[key]! - value) < 1e-12, "\(key)") }
        let events = pairs(TwoModeProjection.events(dataset.attendance, memberCount: n, path: path), ids: dataset.attendance.events)
        #expect(events == expected("events_shared"))
    }
}
