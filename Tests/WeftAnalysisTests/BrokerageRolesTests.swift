import Foundation
import Testing
@testable import WeftAnalysis
import WeftGraph

@Suite struct BrokerageRolesTests {
    typealias Role = BrokerageRoles.Role
    static let roleKeys: [Role: String] = [
        .coordinator: "coordinator", .itinerant: "itinerant", .representative: "representative",
        .gatekeeper: "gatekeeper", .liaison: "liaison", .total: "total",
    ]

    /// The fixture's groups (labels sorted, as the script numbers them).
    static func groups(_ f: TopicFixture) throws -> NodeGroups {
        let byId = try #require(f.json["groups"] as? [String: Any])
        let labels = Set(byId.values.compactMap { $0 as? String }).sorted()
        var group = [Int32](repeating: -2, count: f.loaded.graph.nodeCount)
        for (id, label) in byId {
            group[try f.loaded.index(id)] = (label as? String).map { Int32(labels.firstIndex(of: $0)!) } ?? -1
        }
        #expect(!group.contains(-2))
        return try NodeGroups(group: group, labels: labels)
    }

    /// Counts by brute force over triples and moments from sna's formulas
    /// (Fixtures/make_brokerage_reference.py).
    @Test(arguments: ["karate", "florentine", "directed"])
    func matchesReference(_ name: String) throws {
        let f = try TopicFixture(name, topic: "brokerage")
        let groups = try Self.groups(f)
        let b = try BrokerageRoles(f.loaded.graph, groups: groups)
        #expect(b.memberCount == (f.json["N"] as! NSNumber).intValue)
        #expect(b.tiedPairs == (f.json["m"] as! NSNumber).intValue)
        #expect(close(b.density, (f.json["density"] as! NSNumber).doubleValue, tolerance: 1e-12))
        let counts = try #require(f.json["counts"] as? [String: Any])
        let expected = try #require(f.json["expected"] as? [String: Any])
        let sd = try #require(f.json["sd"] as? [String: Any])
        let z = try #require(f.json["z"] as? [String: Any])
        let groupExpected = try #require(f.json["group_expected"] as? [String: [String: NSNumber]])
        let groupSD = try #require(f.json["group_sd"] as? [String: [String: NSNumber]])
        let network = try #require(f.json["network"] as? [String: [String: Any]])
        for role in Role.allCases {
            let key = Self.roleKeys[role]!, r = role.rawValue
            #expect(b.counts[r].map(Double.init) == (try f.node(counts[key])), "\(key)")
            #expect(closeOrNaN(b.expected[r], try f.node(expected[key])), "\(key)")
            #expect(closeOrNaN(b.standardDeviation[r], try f.node(sd[key])), "\(key)")
            #expect(closeOrNaN(b.z[r], try f.node(z[key])), "\(key)")
            for (g, label) in groups.labels.enumerated() {
                #expect(close(b.groupExpected[r][g], groupExpected[key]![label]!.doubleValue))
                #expect(close(b.groupStandardDeviation[r][g], groupSD[key]![label]!.doubleValue))
            }
            let want = network[key]!
            let score = b.network[r]
            #expect(score.observed == (want["observed"] as! NSNumber).doubleValue)
            #expect(close(score.expected, (want["expected"] as! NSNumber).doubleValue))
            #expect(close(score.standardDeviation, (want["sd"] as! NSNumber).doubleValue))
            #expect(closeOrNaN([score.z], [(want["z"] as? NSNumber)?.doubleValue ?? .nan]))
        }
    }

    /// Five members, groups A = {0, 1, 2}, B = {3}, C = {4}; ties 0→1, 1→2, 2→3, 3→4, 3→0.
    /// Two-paths i → v → k with no tie i → k:
    ///   3→0→1  broker 0 (A), from B into A: gatekeeper
    ///   0→1→2  broker 1, all A: coordinator
    ///   1→2→3  broker 2 (A), from A out to B: representative
    ///   2→3→4  broker 3 (B), A → B → C: liaison
    ///   2→3→0  broker 3 (B), between two A members: itinerant
    /// N = 5, m = 5, d = 5/20 = 1/4, q = d²(1 − d) = 3/64, x = d³(1 − d)³ = 27/4096.
    /// Group A (n = 3): E = q·(2·1, 0, 2·2, 2·2, 2² − 2, 4·3) = (3/32, 0, 3/16, 3/16, 3/32, 9/16);
    /// coordinator variance E(1 − q) + 2·2·1·0·x = 3/32 · 61/64.
    /// Group B (n = 1): E = q·(0, 3·2 + 0, 0, 0, 4² − (9 + 1), 12) = (0, 9/32, 0, 0, 9/32, 9/16);
    /// itinerant variance E(1 − q) + 2·(3·2·1 + 0)·x.
    @Test func fiveMembersByHand() throws {
        let g = makeGraph(5, [(0, 1), (1, 2), (2, 3), (3, 4), (3, 0)], directed: true)
        let groups = try NodeGroups(group: [0, 0, 0, 1, 2], labels: ["A", "B", "C"])
        let b = try BrokerageRoles(g, groups: groups)
        #expect(b.counts[Role.coordinator.rawValue] == [0, 1, 0, 0, 0])
        #expect(b.counts[Role.itinerant.rawValue] == [0, 0, 0, 1, 0])
        #expect(b.counts[Role.representative.rawValue] == [0, 0, 1, 0, 0])
        #expect(b.counts[Role.gatekeeper.rawValue] == [1, 0, 0, 0, 0])
        #expect(b.counts[Role.liaison.rawValue] == [0, 0, 0, 1, 0])
        #expect(b.counts[Role.total.rawValue] == [1, 1, 1, 2, 0])
        #expect(b.density == 0.25)
        let q = 3.0 / 64, x = 27.0 / 4096
        let groupA = [3.0 / 32, 0, 3.0 / 16, 3.0 / 16, 3.0 / 32, 9.0 / 16]
        let groupB = [0, 9.0 / 32, 0, 0, 9.0 / 32, 9.0 / 16]
        for r in 0..<6 {
            #expect(abs(b.groupExpected[r][0] - groupA[r]) < 1e-15)
            #expect(abs(b.groupExpected[r][1] - groupB[r]) < 1e-15)
            #expect(abs(b.groupExpected[r][2] - groupB[r]) < 1e-15)
        }
        let coordinatorSD = (3.0 / 32 * (1 - q)).squareRoot()
        #expect(abs(b.standardDeviation[0][1] - coordinatorSD) < 1e-15)
        #expect(abs(b.z[0][1] - (1 - 3.0 / 32) / coordinatorSD) < 1e-12)
        let itinerantSD = (9.0 / 32 * (1 - q) + 12 * x).squareRoot()
        #expect(abs(b.z[1][3] - (1 - 9.0 / 32) / itinerantSD) < 1e-12)
        // A two-member group cannot host a coordinator path: 0/0.
        #expect(b.expected[0][3] == 0 && b.z[0][3].isNaN)
        #expect(b.network.map(\.observed) == [1, 1, 1, 1, 1, 5])
        #expect(abs(b.network[0].expected - q * 6) < 1e-15)
        #expect(abs(b.network[5].expected - q * 60) < 1e-15)
    }

    /// A transitive triple has no brokerage: 0 → 1 → 2 is short-cut by 0 → 2.
    @Test func shortcutRemovesBrokerage() throws {
        let g = makeGraph(3, [(0, 1), (1, 2), (0, 2)], directed: true)
        let b = try BrokerageRoles(g, groups: try NodeGroups(group: [0, 1, 0], labels: ["A", "B"]))
        #expect(b.counts.allSatisfy { $0 == [0, 0, 0] })
    }

    /// Undirected path 0 – 1 – 2 with 0, 2 in A and 1 in B: 1 is itinerant twice (0→1→2, 2→1→0).
    @Test func undirectedCountsBothDirections() throws {
        let g = makeGraph(3, [(0, 1), (1, 2)])
        let b = try BrokerageRoles(g, groups: try NodeGroups(group: [0, 1, 0], labels: ["A", "B"]))
        #expect(b.counts[Role.itinerant.rawValue] == [0, 2, 0])
        #expect(b.counts[Role.total.rawValue] == [0, 2, 0])
        #expect(b.tiedPairs == 4)
    }

    static func randomGroups(_ n: Int, groups: Int, missing: Double, seed: UInt64) throws -> NodeGroups {
        var rng = SeededGenerator(seed: seed)
        let group = (0..<n).map { _ in rng.nextUnit() < missing ? Int32(-1) : Int32(rng.next() % UInt64(groups)) }
        return try NodeGroups(group: group, labels: (0..<groups).map { "g\($0)" })
    }

    /// Role counts add up to the total; the total does not depend on the groups; one group makes
    /// every path a coordinator path; member order and thread count do not matter; the members'
    /// expected counts add up to the network's.
    @Test(arguments: 0..<10)
    func properties(_ seed: Int) throws {
        let directed = seed % 2 == 0
        let g = randomGraph(seed: UInt64(seed), n: 35, p: 0.1, directed: directed)
        let groups = try Self.randomGroups(35, groups: 4, missing: 0, seed: UInt64(seed) + 50)
        let b = try BrokerageRoles(g, groups: groups, threads: 1)
        for v in 0..<35 {
            #expect((0..<5).reduce(0) { $0 + b.counts[$1][v] } == b.counts[5][v])
        }
        let one = try BrokerageRoles(g, groups: try NodeGroups(group: [Int32](repeating: 0, count: 35), labels: ["all"]))
        #expect(one.counts[5] == b.counts[5])
        #expect(one.counts[0] == b.counts[5])
        #expect(one.counts[1...4].allSatisfy { $0.allSatisfy { $0 == 0 } })
        let threaded = try BrokerageRoles(g, groups: groups, threads: 3)
        #expect(threaded.counts == b.counts)
        for r in 0..<6 {
            let sum = b.expected[r].reduce(0, +)
            #expect(abs(sum - b.network[r].expected) <= 1e-9 * max(1, sum))
        }
        var rng = SeededGenerator(seed: UInt64(seed) + 200)
        let permutation = Array(0..<35).shuffled(using: &rng)
        var moved = [Int32](repeating: 0, count: 35)
        for v in 0..<35 { moved[permutation[v]] = groups.group[v] }
        let r = try BrokerageRoles(relabel(g, permutation), groups: try NodeGroups(group: moved, labels: groups.labels))
        for role in 0..<6 {
            #expect((0..<35).map { r.counts[role][permutation[$0]] } == b.counts[role])
            #expect(closeOrNaN((0..<35).map { r.z[role][permutation[$0]] }, b.z[role], tolerance: 1e-12))
        }
    }

    /// An undirected graph gives the same results as the directed graph with both directions.
    @Test(arguments: 0..<4)
    func undirectedIsBothDirections(_ seed: Int) throws {
        let g = randomGraph(seed: UInt64(seed), n: 30, p: 0.15, directed: false)
        var edges: [(Int, Int)] = []
        for t in 0..<g.ties.count {
            let a = Int(g.ties.source[t]), b = Int(g.ties.target[t])
            edges += [(a, b), (b, a)]
        }
        let d = makeGraph(30, edges, directed: true)
        let groups = try Self.randomGroups(30, groups: 3, missing: 0.1, seed: UInt64(seed))
        let u = try BrokerageRoles(g, groups: groups), v = try BrokerageRoles(d, groups: groups)
        #expect(u.counts == v.counts)
        #expect(u.tiedPairs == v.tiedPairs)
        for r in 0..<6 { #expect(closeOrNaN(u.z[r], v.z[r], tolerance: 0)) }
    }

    /// Members without a group are left out: the result on the grouped members equals the result
    /// on the subgraph they induce.
    @Test(arguments: 0..<6)
    func ungroupedMembersAreLeftOut(_ seed: Int) throws {
        let directed = seed % 2 == 0
        let g = randomGraph(seed: UInt64(seed), n: 40, p: 0.1, directed: directed)
        let groups = try Self.randomGroups(40, groups: 3, missing: 0.25, seed: UInt64(seed) + 7)
        let kept = (0..<40).filter { groups.group[$0] >= 0 }
        var index = [Int](repeating: -1, count: 40)
        for (k, v) in kept.enumerated() { index[v] = k }
        var edges: [(Int, Int)] = []
        for t in 0..<g.ties.count {
            let a = index[Int(g.ties.source[t])], b = index[Int(g.ties.target[t])]
            if a >= 0 && b >= 0 { edges.append((a, b)) }
        }
        let sub = makeGraph(kept.count, edges, directed: directed)
        let whole = try BrokerageRoles(g, groups: groups)
        let part = try BrokerageRoles(sub, groups: try NodeGroups(group: kept.map { groups.group[$0] }, labels: groups.labels))
        #expect(whole.memberCount == kept.count && whole.tiedPairs == part.tiedPairs)
        for r in 0..<6 {
            #expect(kept.map { whole.counts[r][$0] } == part.counts[r])
            #expect(closeOrNaN(kept.map { whole.z[r][$0] }, part.z[r], tolerance: 0))
            #expect(closeOrNaN([whole.network[r].z], [part.network[r].z], tolerance: 0))
            for v in 0..<40 where groups.group[v] < 0 {
                #expect(whole.counts[r][v] == 0 && whole.expected[r][v].isNaN && whole.z[r][v].isNaN)
            }
        }
    }

    /// The moments computed over distinct group sizes (with the liaison variance's inner sum in
    /// closed form) equal sna's formulas summed group by group, triple loop included.
    @Test func momentsMatchLiteralSums() {
        let sizes = [5, 3, 5, 1, 0, 3, 7, 5, 2]
        let N = Double(sizes.reduce(0, +)), d = 0.17
        let moments = BrokerageMoments(memberCount: Int(N), density: d, sizes: sizes)
        let q = d * d * (1 - d), x = pow(d, 3) * pow(1 - d, 3), y = pow(d, 4) * pow(1 - d, 2), z = pow(d, 5) * (1 - d)
        let n = sizes.map(Double.init), G = n.count
        func c2(_ a: Double) -> Double { a * (a - 1) / 2 }
        for a in 0..<G where n[a] > 0 {
            let o = (0..<G).filter { $0 != a }
            let e1 = q * o.reduce(0) { $0 + n[$1] * (n[$1] - 1) }
            let v1 = e1 * (1 - q) + 2 * o.reduce(0) { $0 + n[$1] * (n[$1] - 1) * (n[$1] - 2) } * x
            var pairs = 0.0
            for b in o { for c in o where b != c { pairs += n[b] * n[c] } }
            let e4 = q * pairs
            let v4 = e4 * (1 - q) + 4 * o.reduce(0) { $0 + n[$1] * c2(N - n[$1] - n[a]) } * x
            #expect(close(moments.groupExpected[1][a], e1, tolerance: 1e-13))
            #expect(close(moments.groupVariance[1][a], v1, tolerance: 1e-13))
            #expect(close(moments.groupExpected[4][a], e4, tolerance: 1e-13))
            #expect(close(moments.groupVariance[4][a], v4, tolerance: 1e-13))
        }
        #expect(moments.groupExpected[0][4].isNaN)
        var wo = 0.0, liaison = 0.0, liaisonVar = 0.0
        for a in 0..<G {
            for b in 0..<G where a != b {
                wo += n[a] * n[b] * (n[a] - 1) * ((2 * n[a] + 2 * n[b] - 6) * x + (N - n[a] - 1) * z)
                liaison += n[a] * n[b] * (N - n[a] - n[b])
                for c in 0..<G where c != a && c != b {
                    liaisonVar += n[a] * n[b] * n[c] * ((4 * (N - n[b]) - 2 * (n[a] + n[c] + 1)) * x
                        - (4 * (N - n[c]) - 2 * (n[a] + n[b] + 1)) * y + (N - (n[a] + n[c] + 1)) * z)
                }
            }
        }
        let e1 = q * n.reduce(0) { $0 + $1 * (N - $1) * ($1 - 1) }
        #expect(close(moments.networkExpected[1], e1, tolerance: 1e-13))
        #expect(close(moments.networkVariance[1], e1 * (1 - q) + wo, tolerance: 1e-13))
        #expect(close(moments.networkExpected[4], q * liaison, tolerance: 1e-13))
        #expect(close(moments.networkVariance[4], q * liaison * (1 - q) + liaisonVar, tolerance: 1e-13))
    }
}
