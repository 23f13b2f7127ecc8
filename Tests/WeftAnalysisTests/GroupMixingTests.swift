import Foundation
import LinearAlgebra
import Testing
import WeftAnalysis
import WeftGraph

/// Values from Fixtures/make_mixing_reference.py: NetworkX 3.6.1's attribute mixing matrix and
/// assortativity, and E-I figures from independent Python loops over the tie list.
struct MixingReference: Decodable {
    struct EI: Decodable {
        let external: Int
        let `internal`: Int
        let externalWeight: Double
        let internalWeight: Double
        let index: Double?
        let weightedIndex: Double?
    }
    struct EITables: Decodable {
        let network: EI
        let groups: [EI]
        let members: [String: EI]
    }
    struct Crossing: Decodable {
        let members: [String: Bool]
        let grouped: Int
        let connected: Int
        let crossing: Int
        let shareOfGrouped: Double
        let shareOfConnected: Double
    }
    let attribute: String
    let directed: Bool
    let labels: [String]
    let group: [String: String?]
    let counts: [[Double]]
    let weights: [[Double]]
    let assortativity: Double
    let ei: EITables
    let expected: Double?
    let crossing: Crossing
}

/// A fixture graph with the groups its mixing.json assigns.
struct MixingFixture {
    let loaded: LoadedFixture
    let reference: MixingReference
    let groups: NodeGroups

    init(_ name: String) throws {
        loaded = try LoadedFixture(name)
        let url = try #require(Bundle.module.url(forResource: "mixing", withExtension: "json", subdirectory: "Fixtures/\(name)"))
        reference = try JSONDecoder().decode(MixingReference.self, from: Data(contentsOf: url))
        var codes = [Int32](repeating: -1, count: loaded.graph.nodeCount)
        for (id, label) in reference.group {
            if let label { codes[try loaded.index(id)] = Int32(try #require(reference.labels.firstIndex(of: label))) }
        }
        groups = try NodeGroups(group: codes, labels: reference.labels)
    }
}

private func optionalClose(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return close(x, y)
    default: return false
    }
}

private func matches(_ ei: EIIndex, _ want: MixingReference.EI) -> Bool {
    ei.externalTies == want.external && ei.internalTies == want.internal
        && close(ei.externalWeight, want.externalWeight) && close(ei.internalWeight, want.internalWeight)
        && optionalClose(ei.index, want.index) && optionalClose(ei.weightedIndex, want.weightedIndex)
}

@Suite struct GroupMixingTests {
    static let datasets = ["karate", "florentine", "lesmis", "directed"]

    @Test(arguments: datasets)
    func mixingMatrixAndAssortativityMatchNetworkX(_ name: String) throws {
        let f = try MixingFixture(name)
        let m = try GroupMixing(f.loaded.graph, groups: f.groups)
        #expect(m.groupCount == f.reference.labels.count && m.isDirected == f.reference.directed)
        for a in 0..<m.groupCount {
            for b in 0..<m.groupCount {
                #expect(m.tieCounts[a, b] == f.reference.counts[a][b], "count (\(a), \(b))")
                #expect(close(m.tieWeights[a, b], f.reference.weights[a][b]), "weight (\(a), \(b))")
            }
        }
        #expect(close(m.assortativity, f.reference.assortativity))
    }

    @Test(arguments: datasets)
    func eiIndexMatchesPythonLoops(_ name: String) throws {
        let f = try MixingFixture(name)
        let m = try GroupMixing(f.loaded.graph, groups: f.groups)
        #expect(matches(m.network, f.reference.ei.network))
        #expect(m.perGroup.count == f.reference.ei.groups.count)
        for (g, want) in f.reference.ei.groups.enumerated() { #expect(matches(m.perGroup[g], want), "group \(g)") }
        for (id, want) in f.reference.ei.members { #expect(matches(m.perMember[try f.loaded.index(id)], want), "member \(id)") }
        #expect(optionalClose(m.expectedNetworkIndex, f.reference.expected))
    }

    @Test(arguments: datasets)
    func crossingMembersMatch(_ name: String) throws {
        let f = try MixingFixture(name)
        let m = try GroupMixing(f.loaded.graph, groups: f.groups)
        for (id, want) in f.reference.crossing.members { #expect(m.crossesGroups[try f.loaded.index(id)] == want, "member \(id)") }
        #expect(m.groupedMemberCount == f.reference.crossing.grouped)
        #expect(m.connectedMemberCount == f.reference.crossing.connected)
        #expect(m.crossingMemberCount == f.reference.crossing.crossing)
        #expect(close(try #require(m.crossingShareOfGrouped), f.reference.crossing.shareOfGrouped))
        #expect(close(try #require(m.crossingShareOfConnected), f.reference.crossing.shareOfConnected))
    }

    @Test func ungroupedMembersAndIsolatesHaveNoIndex() throws {
        let f = try MixingFixture("directed")
        let m = try GroupMixing(f.loaded.graph, groups: f.groups)
        let degree = DegreeCentrality(f.loaded.graph)
        var checked = 0
        for v in 0..<f.loaded.graph.nodeCount where f.groups.group[v] < 0 || degree.neighbours[v] == 0 {
            #expect(m.perMember[v].index == nil && m.perMember[v].weightedIndex == nil && !m.crossesGroups[v])
            checked += 1
        }
        #expect(checked == 6)  // three ungrouped members and four isolates, one of them both
    }

    /// NetworkX's docstring example: the path 0 – 1 – 2 with genders male, female, female.
    @Test func pathExampleByHand() throws {
        let g = makeGraph(3, [(0, 1), (1, 2)])
        let m = try GroupMixing(g, groups: try NodeGroups(group: [0, 1, 1], labels: ["male", "female"]))
        #expect(m.tieCounts == Matrix([[0, 1], [1, 2]]))
        // e = [[0, 1/4], [1/4, 1/2]], a = b = (1/4, 3/4): r = (1/2 − 5/8) / (1 − 5/8) = −1/3.
        #expect(close(m.assortativity, -1.0 / 3))
        #expect(m.network == EIIndex(externalTies: 1, internalTies: 1, externalWeight: 1, internalWeight: 1))
        #expect(m.network.index == 0)
        #expect(m.perGroup.map(\.index) == [1, 0])
        #expect(m.perMember.map(\.index) == [1, 0, -1])
        #expect(m.crossesGroups == [true, true, false])
        // Pairs: {0,1}, {0,2} external, {1,2} internal → (2 − 1) / 3.
        #expect(close(try #require(m.expectedNetworkIndex), 1.0 / 3))
    }

    /// Directed: 0 ⇄ 1, 1 → 2, 3 → 0 with groups A, B, B and 3 ungrouped; weights 1, 2, 4, 8.
    @Test func directedExampleByHand() throws {
        let g = makeGraph(4, [(0, 1), (1, 0), (1, 2), (3, 0)], weights: [1, 2, 4, 8], directed: true)
        let m = try GroupMixing(g, groups: try NodeGroups(group: [0, 1, 1, -1], labels: ["A", "B"]))
        #expect(m.tieCounts == Matrix([[0, 1], [1, 1]]))
        #expect(m.tieWeights == Matrix([[0, 1], [2, 4]]))
        // T = 3, trace 1, row sums (1, 2), column sums (1, 2): r = (3 − 5) / (9 − 5).
        #expect(close(m.assortativity, -0.5))
        #expect(m.network == EIIndex(externalTies: 2, internalTies: 1, externalWeight: 3, internalWeight: 4))
        #expect(m.perGroup[0] == EIIndex(externalTies: 2, internalTies: 0, externalWeight: 3, internalWeight: 0))
        #expect(m.perGroup[1] == EIIndex(externalTies: 2, internalTies: 1, externalWeight: 3, internalWeight: 4))
        // Member 0: out 0 → 1 and in 1 → 0 are external; 3 → 0 is left out.
        #expect(m.perMember[0] == EIIndex(externalTies: 2, internalTies: 0, externalWeight: 3, internalWeight: 0))
        #expect(m.perMember[1] == EIIndex(externalTies: 2, internalTies: 1, externalWeight: 3, internalWeight: 4))
        #expect(m.perMember[2].index == -1 && m.perMember[3].index == nil)
        #expect(m.crossesGroups == [true, true, false, false])
        #expect(m.groupedMemberCount == 3 && m.connectedMemberCount == 3 && m.crossingMemberCount == 2)
    }

    @Test func oneGroupAndNoTies() throws {
        let g = makeGraph(4, [(0, 1), (1, 2)])
        let one = try GroupMixing(g, groups: try NodeGroups(group: [0, 0, 0, 0], labels: ["all"]))
        #expect(one.assortativity.isNaN)
        #expect(one.network.index == -1 && one.expectedNetworkIndex == -1)
        #expect(one.crossingShareOfConnected == 0 && one.connectedMemberCount == 3)
        let empty = try GroupMixing(makeGraph(3, []), groups: try NodeGroups(group: [0, 1, -1], labels: ["a", "b"]))
        #expect(empty.assortativity.isNaN && empty.network.index == nil && empty.crossingShareOfConnected == nil)
        #expect(empty.crossingShareOfGrouped == 0)
        let none = try GroupMixing(g, groups: try NodeGroups(group: [-1, -1, -1, -1], labels: []))
        #expect(none.expectedNetworkIndex == nil && none.crossingShareOfGrouped == nil)
    }

    /// Sums that hold for every graph, and invariance under renaming the members.
    @Test(arguments: [false, true])
    func invariants(_ directed: Bool) throws {
        for seed in UInt64(1)...6 {
            let n = 30
            let g = randomGraph(seed: seed, n: n, p: 0.12, directed: directed)
            var rng = SeededGenerator(seed: seed &* 31)
            let codes = (0..<n).map { _ in Int32(rng.int(below: 4)) - 1 }  // −1 ... 2
            let groups = try NodeGroups(group: codes, labels: ["a", "b", "c"])
            let m = try GroupMixing(g, groups: groups)
            // Each tie is seen from both ends by the members, and external ties by both groups.
            #expect(m.perMember.reduce(0) { $0 + $1.externalTies } == 2 * m.network.externalTies)
            #expect(m.perMember.reduce(0) { $0 + $1.internalTies } == 2 * m.network.internalTies)
            #expect(m.perGroup.reduce(0) { $0 + $1.externalTies } == 2 * m.network.externalTies)
            #expect(m.perGroup.reduce(0) { $0 + $1.internalTies } == m.network.internalTies)
            #expect(close(m.perMember.reduce(0) { $0 + $1.externalWeight }, 2 * m.network.externalWeight))
            let total = m.tieCounts.values.reduce(0, +)
            #expect(total == Double((directed ? 1 : 2) * (m.network.externalTies + m.network.internalTies)))
            if !directed { #expect(m.tieCounts == m.tieCounts.transposed && m.tieWeights == m.tieWeights.transposed) }

            var permutation = Array(0..<n)
            permutation.shuffle(using: &rng)
            var moved = [Int32](repeating: -1, count: n)
            for v in 0..<n { moved[permutation[v]] = codes[v] }
            let r = try GroupMixing(relabel(g, permutation), groups: try NodeGroups(group: moved, labels: groups.labels))
            #expect(r.tieCounts == m.tieCounts && r.network.externalTies == m.network.externalTies)
            #expect(closeArrays(r.tieWeights.values, m.tieWeights.values, tolerance: 1e-12))
            #expect(r.assortativity == m.assortativity || (r.assortativity.isNaN && m.assortativity.isNaN))
            for v in 0..<n {
                #expect(r.perMember[permutation[v]].externalTies == m.perMember[v].externalTies)
                #expect(r.perMember[permutation[v]].internalTies == m.perMember[v].internalTies)
                #expect(r.crossesGroups[permutation[v]] == m.crossesGroups[v])
            }
        }
    }
}
