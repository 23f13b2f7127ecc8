import Foundation
import Testing
import WeftAnalysis
import WeftGraph
import WeftIO

/// Values computed by NetworkX 3.6.1 (Fixtures/make_reference.py), compared with Weft's.
struct Reference: Decodable {
    let directed: Bool
    let members: Int
    let ties: Int
    let density: Double
    let isolates: Int
    let weakComponentSizes: [Int]
    let strongComponentSizes: [Int]
    let reciprocity: Double?
    let degree: [String: Int]
    let strength: [String: Double]
    let neighbours: [String: Int]
    let inDegree: [String: Int]?
    let outDegree: [String: Int]?
    let inStrength: [String: Double]?
    let outStrength: [String: Double]?
    let symmetrisedStrength: [String: Double]?
}

struct LoadedFixture {
    let reference: Reference
    let dataset: Dataset
    let graph: Graph

    init(_ name: String) throws {
        let folder = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")).path
        reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/reference.json")))
        dataset = try DatasetLoader(undirected: !reference.directed)
            .load(InputPaths(members: folder + "/members.csv", interactions: folder + "/interactions.csv"))
        graph = GraphBuilder(undirected: !reference.directed).build(dataset.interactions, nodeCount: dataset.members.count)
    }

    /// Member index for a fixture id.
    func index(_ id: String) throws -> Int { Int(try #require(dataset.members.ids.index(of: id))) }
}

func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

@Suite struct NetworkXReferenceTests {
    static let datasets = ["karate", "lesmis", "florentine", "directed"]

    @Test(arguments: datasets)
    func everyRowIsAccepted(_ name: String) throws {
        let f = try LoadedFixture(name)
        #expect(f.dataset.rowsRejected == 0)
        #expect(f.dataset.files.allSatisfy { $0.isBalanced })
        #expect(f.dataset.members.count == f.reference.members)
    }

    @Test(arguments: datasets)
    func networkSummaryMatches(_ name: String) throws {
        let f = try LoadedFixture(name)
        let s = NetworkSummary(f.graph)
        #expect(s.ties == f.reference.ties)
        #expect(close(s.density, f.reference.density))
        #expect(s.isolates == f.reference.isolates)
        #expect(s.weakComponents.sizes == f.reference.weakComponentSizes)
        #expect(Components.strong(f.graph).sizes == f.reference.strongComponentSizes)
        if let r = f.reference.reciprocity {
            #expect(close(try #require(s.reciprocity), r))
        } else {
            #expect(s.reciprocity == nil)
        }
    }

    @Test(arguments: datasets)
    func degreesAndStrengthsMatch(_ name: String) throws {
        let f = try LoadedFixture(name)
        let d = DegreeCentrality(f.graph)
        for (id, want) in f.reference.degree { #expect(d.degree[try f.index(id)] == want, "degree of \(id)") }
        for (id, want) in f.reference.neighbours { #expect(d.neighbours[try f.index(id)] == want, "neighbours of \(id)") }
        for (id, want) in f.reference.strength { #expect(close(d.strength[try f.index(id)], want), "strength of \(id)") }
        if f.reference.directed {
            for (id, want) in try #require(f.reference.inDegree) { #expect(d.inDegree[try f.index(id)] == want) }
            for (id, want) in try #require(f.reference.outDegree) { #expect(d.outDegree[try f.index(id)] == want) }
            for (id, want) in try #require(f.reference.inStrength) { #expect(close(d.inStrength[try f.index(id)], want)) }
            for (id, want) in try #require(f.reference.outStrength) { #expect(close(d.outStrength[try f.index(id)], want)) }
            for (id, want) in try #require(f.reference.symmetrisedStrength) {
                #expect(close(f.graph.undirected.strength(try f.index(id)), want), "symmetrised strength of \(id)")
            }
        }
    }

    @Test func componentMembershipIsConsistentWithSizes() throws {
        let f = try LoadedFixture("directed")
        let s = NetworkSummary(f.graph), strong = Components.strong(f.graph)
        for c in [s.weakComponents, strong] {
            var counted = [Int](repeating: 0, count: c.count)
            for label in c.membership { counted[label] += 1 }
            #expect(counted == c.sizes)
        }
        // Every strong component lies inside one weak component.
        for v in 0..<f.graph.nodeCount {
            for u in 0..<f.graph.nodeCount where strong.membership[u] == strong.membership[v] {
                #expect(s.weakComponents.membership[u] == s.weakComponents.membership[v])
            }
        }
    }
}
