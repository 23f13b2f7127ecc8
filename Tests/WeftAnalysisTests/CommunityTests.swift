import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

/// Communities and modularity against NetworkX and igraph (Fixtures/make_community_reference.py).
struct CommunityFixture {
    let loaded: LoadedFixture
    let json: [String: Any]

    init(_ name: String) throws {
        loaded = try LoadedFixture(name)
        let url = try #require(Bundle.module.url(forResource: "communities", withExtension: "json", subdirectory: "Fixtures/\(name)"))
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    var partitionNames: [String] { ((json["partitions"] as? [String: Any]) ?? [:]).keys.sorted() }

    /// A named partition as node groups (labels in the fixture's order).
    func partition(_ key: String) throws -> NodeGroups {
        let lists = try #require((json["partitions"] as? [String: Any])?[key] as? [[String]])
        var group = [Int32](repeating: -1, count: loaded.graph.nodeCount)
        for (c, members) in lists.enumerated() {
            for id in members { group[try loaded.index(id)] = Int32(c) }
        }
        return try NodeGroups(group: group, labels: lists.indices.map { "g\($0)" })
    }

    func modularity(_ key: String, resolution: Double) throws -> Double {
        let table = try #require((json["modularity"] as? [String: Any])?[key] as? [String: Any])
        return try #require(table[String(resolution)] as? NSNumber).doubleValue
    }

    var bestLeiden: Double { (json["best_leiden"] as! NSNumber).doubleValue }
}

/// Modularity by the definition's double sum over all node pairs, O(n²), independent of
/// `Modularity`'s per-community sums.
func modularityByDoubleSum(_ graph: Graph, _ groups: NodeGroups, resolution: Double = 1) -> Double {
    let a = graph.undirected
    let n = graph.nodeCount
    let k = (0..<n).map { a.strength($0) }
    let twoM = k.reduce(0, +)
    guard twoM > 0 else { return 0 }
    var dense = [Double](repeating: 0, count: n * n)
    for v in 0..<n { for p in a.offsets[v]..<a.offsets[v + 1] { dense[v * n + Int(a.neighbours[p])] = a.weights[p] } }
    var q = 0.0
    for i in 0..<n {
        for j in 0..<n {
            let same = i == j || (groups.group[i] >= 0 && groups.group[i] == groups.group[j])
            if same { q += dense[i * n + j] - resolution * k[i] * k[j] / twoM }
        }
    }
    return q / twoM
}

@Suite struct CommunityTests {
    static let datasets = ["karate", "lesmis", "florentine", "davis_women", "directed", "disconnected"]

    @Test(arguments: datasets)
    func modularityOfGivenPartitionsMatchesNetworkX(_ name: String) throws {
        let f = try CommunityFixture(name)
        #expect(f.partitionNames.count >= 4)
        for key in f.partitionNames {
            let groups = try f.partition(key)
            for resolution in [0.5, 1.0, 2.0] {
                let q = Modularity(f.loaded.graph, groups: groups, resolution: resolution)
                #expect(close(q.value, try f.modularity(key, resolution: resolution), tolerance: 1e-12), "\(name) \(key) γ=\(resolution)")
                #expect(close(q.contribution.reduce(0, +), q.value, tolerance: 1e-12))
            }
        }
    }

    @Test(arguments: datasets)
    func leidenReachesIgraphsLeiden(_ name: String) throws {
        let f = try CommunityFixture(name)
        let found = Communities(f.loaded.graph, method: .leiden)
        #expect(found.modularity.value >= f.bestLeiden - 1e-12, "\(name): \(found.modularity.value) < igraph \(f.bestLeiden)")
        #expect(close(found.modularity.value, modularityByDoubleSum(f.loaded.graph, found.groups), tolerance: 1e-12))
        #expect(communitiesAreConnected(f.loaded.graph, found.groups))
    }

    @Test(arguments: datasets)
    func louvainComesCloseToIgraphsMultilevel(_ name: String) throws {
        let f = try CommunityFixture(name)
        let found = Communities(f.loaded.graph, method: .louvain)
        let igraph = try f.modularity("igraph_multilevel", resolution: 1)
        #expect(found.modularity.value >= igraph - 0.01, "\(name): \(found.modularity.value) vs igraph \(igraph)")
        #expect(close(found.modularity.value, modularityByDoubleSum(f.loaded.graph, found.groups), tolerance: 1e-12))
    }

    @Test(arguments: [Communities.Method.louvain, .leiden])
    func sameSeedSamePartition(_ method: Communities.Method) throws {
        let graph = try LoadedFixture("lesmis").graph
        let a = Communities(graph, method: method, seed: 7), b = Communities(graph, method: method, seed: 7)
        #expect(a.groups == b.groups)
        #expect(a.modularity.value == b.modularity.value)
    }

    @Test func communitiesAreNumberedBySizeAndIsolatesStandAlone() throws {
        let graph = try LoadedFixture("disconnected").graph
        let found = Communities(graph)
        #expect(found.sizes == found.sizes.sorted(by: >))
        #expect(found.groups.labels == (1...found.count).map(String.init))
        let a = graph.undirected
        let isolates = (0..<graph.nodeCount).filter { a.degree($0) == 0 }
        #expect(isolates.count == 2)
        for v in isolates { #expect(found.sizes[Int(found.groups.group[v])] == 1) }
    }

    @Test func higherResolutionFindsMoreCommunities() throws {
        let graph = try LoadedFixture("lesmis").graph
        let coarse = Communities(graph, resolution: 0.5), fine = Communities(graph, resolution: 2)
        #expect(coarse.count < fine.count)
        #expect(close(fine.modularity.value, modularityByDoubleSum(graph, fine.groups, resolution: 2), tolerance: 1e-12))
    }

    @Test func knownExtremesOfModularity() throws {
        let graph = try LoadedFixture("karate").graph
        let n = graph.nodeCount
        let whole = try NodeGroups(group: [Int32](repeating: 0, count: n), labels: ["all"])
        #expect(abs(Modularity(graph, groups: whole).value) < 1e-15)
        let alone = try NodeGroups(group: [Int32](repeating: -1, count: n), labels: [])
        #expect(close(Modularity(graph, groups: alone).value, modularityByDoubleSum(graph, alone), tolerance: 1e-12))
        #expect(Modularity(graph, groups: alone).value < 0)
    }

    /// Found by ExtremeWeightTests (seed 978229): three members whose ties weigh from 5e-324 to
    /// 1e154. Local moving merged two of them, but no node passed the refinement's
    /// well-connectedness test, so aggregation by the refined partition left the network as it
    /// was and the Leiden pass never ended. It now stops there, as igraph and leidenalg do.
    @Test func leidenEndsWhenTheRefinementMergesNothing() {
        let rows: [(Int, Int, Double)] = [
            (1, 0, 2.5148714998477114e+17), (1, 0, 2.2250738585072014e-308), (2, 0, 5e-324), (2, 1, 1e-300),
            (1, 0, 0.1821787386960051), (1, 2, 7.799774774999532e+53), (0, 1, 2.877641586727904e-61), (1, 2, 1e+154),
            (2, 1, 4.75290403118723e+25), (1, 2, 1e-300), (0, 1, 1e-300), (0, 2, 7.574609491094168e-141),
        ]
        let graph = makeGraph(3, rows.map { ($0.0, $0.1) }, weights: rows.map(\.2), directed: true)
        for seed in 0..<UInt64(20) {
            let found = Communities(graph, method: .leiden, seed: seed, restarts: 2)
            #expect(found.groups.group.allSatisfy { $0 >= 0 } && found.count >= 1 && found.count <= 3)
        }
        let standard = Communities(graph, method: .leiden)
        #expect(standard.groups.group.count == 3)
    }

    @Test func twoCliquesJoinedByOneTieSplitInTwo() {
        // Two 5-cliques joined by the tie 4–5: the optimum puts each clique in its own community,
        // Q = 2·(10/21 − (21/42)²) = 0.452380952…
        var edges: [(Int, Int)] = []
        for base in [0, 5] { for i in 0..<5 { for j in (i + 1)..<5 { edges.append((base + i, base + j)) } } }
        edges.append((4, 5))
        let graph = makeGraph(10, edges)
        for method in Communities.Method.allCases {
            let found = Communities(graph, method: method)
            #expect(found.count == 2)
            #expect(Set(found.groups.group[0..<5]).count == 1 && Set(found.groups.group[5..<10]).count == 1)
            #expect(close(found.modularity.value, 2 * (10.0 / 21 - 0.25), tolerance: 1e-12))
        }
    }
}

/// `WeightedNetwork.aggregated(by:)` against a direct aggregation over dictionaries: the same
/// rows (neighbours in code order), weights, self-loops and strengths, bit for bit, and the same
/// modularity for the partition and for its aggregate's singletons.
@Suite struct AggregationTests {
    @Test(arguments: ["karate", "lesmis", "davis_women", "disconnected"])
    func aggregationMatchesADirectSum(_ name: String) throws {
        let network = WeightedNetwork(try LoadedFixture(name).graph)
        var generator = SeededGenerator(seed: 11)
        for groups in [1, 3, 7, network.nodeCount] {
            var community = (0..<network.nodeCount).map { _ in Int32(generator.int(below: groups)) }
            let k = LocalMoving.renumber(&community)
            let aggregate = network.aggregated(by: community, communityCount: k)
            var between = [[Int32: Double]](repeating: [:], count: k)
            var loop = [Double](repeating: 0, count: k), strength = [Double](repeating: 0, count: k)
            let members = (0..<network.nodeCount).sorted { (community[$0], $0) < (community[$1], $1) }
            for v in members {
                let c = Int(community[v])
                loop[c] += network.loop[v]
                strength[c] += network.strength[v]
                for p in network.offsets[v]..<network.offsets[v + 1] {
                    let d = community[Int(network.neighbours[p])]
                    if Int(d) == c { loop[c] += network.weights[p] / 2 } else { between[c][d, default: 0] += network.weights[p] }
                }
            }
            #expect(aggregate.nodeCount == k && aggregate.loop == loop && aggregate.strength == strength)
            #expect(aggregate.totalWeight == network.totalWeight)
            for c in 0..<k {
                let row = aggregate.offsets[c]..<aggregate.offsets[c + 1]
                #expect(Array(aggregate.neighbours[row]) == between[c].keys.sorted())
                #expect(Array(aggregate.weights[row]) == between[c].keys.sorted().map { between[c][$0]! })
            }
            let q = Modularity(network, community: community, communityCount: k, resolution: 1).value
            let singletons = (0..<Int32(k)).map { $0 }
            let qAggregate = Modularity(aggregate, community: singletons, communityCount: k, resolution: 1).value
            #expect(abs(q - qAggregate) < 1e-12, "\(name), \(groups) groups: \(q) against \(qAggregate)")
        }
    }
}

extension AggregationTests {
    /// A network whose ties all lie inside communities aggregates into one without ties (only
    /// self-loops); aggregating that again must still carry its loops and strengths.
    @Test func aNetworkWithoutTiesKeepsItsLoops() throws {
        let network = WeightedNetwork(try LoadedFixture("disconnected").graph)
        // Components by flooding the rows: every tie is inside a component.
        var component = [Int32](repeating: -1, count: network.nodeCount), k: Int32 = 0
        for s in 0..<network.nodeCount where component[s] < 0 {
            component[s] = k
            var stack = [s]
            while let v = stack.popLast() {
                for p in network.offsets[v]..<network.offsets[v + 1] where component[Int(network.neighbours[p])] < 0 {
                    component[Int(network.neighbours[p])] = k
                    stack.append(Int(network.neighbours[p]))
                }
            }
            k += 1
        }
        let tieless = network.aggregated(by: component, communityCount: Int(k))
        #expect(tieless.neighbours.isEmpty && abs(tieless.loop.reduce(0, +) - network.totalWeight) < 1e-9)
        let one = tieless.aggregated(by: [Int32](repeating: 0, count: Int(k)), communityCount: 1)
        #expect(one.loop.count == 1 && abs(one.loop[0] - network.totalWeight) < 1e-9)
        #expect(one.strength == [tieless.strength.reduce(0, +)])
        #expect(one.offsets == [0, 0] && one.totalWeight == network.totalWeight)
    }
}

/// Whether every community induces a connected subgraph (Leiden's guarantee).
func communitiesAreConnected(_ graph: Graph, _ groups: NodeGroups) -> Bool {
    let a = graph.undirected
    var seen = [Bool](repeating: false, count: graph.nodeCount)
    var reached = [Int](repeating: 0, count: groups.count)
    var started = [Bool](repeating: false, count: groups.count)
    for s in 0..<graph.nodeCount where !seen[s] {
        let c = Int(groups.group[s])
        if started[c] { return false }   // a second piece of a community already visited
        started[c] = true
        var stack = [s]; seen[s] = true
        while let v = stack.popLast() {
            reached[c] += 1
            for u in a.neighbours(of: v) where !seen[Int(u)] && groups.group[Int(u)] == Int32(c) {
                seen[Int(u)] = true; stack.append(Int(u))
            }
        }
    }
    return reached == groups.sizes
}
